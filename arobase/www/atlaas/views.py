"""Public pages of the Atlaas: the map, the list beside it, search, open data, directories. Thin views."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from arobase.atlaas import opendata, selectors
from arobase.core.caching import public_page
from arobase.label.selectors import published_results_version
from arobase.referential.selectors import editions_version
from arobase.www.atlaas.forms import AtlaasFilterForm
from arobase.www.shortcuts import query_without


def _form(request: HttpRequest) -> AtlaasFilterForm:
    return AtlaasFilterForm(request.GET or None, choices=selectors.filter_choices())


def _text_parameter(request: HttpRequest, name: str, max_length: int) -> str:
    """A free-text parameter of a directory; the NUL character, refused by PostgreSQL in any text, is dropped."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:max_length]


def _query_without(request: HttpRequest, *names: str, q: str | None = None) -> str:
    """The query string of the request without these parameters nor empty ones (an empty one filters nothing),
    with `q` replaced by the corrected query if there is one."""
    query = request.GET.copy()
    for name in [*names, *(name for name, value in query.items() if not value.strip())]:
        query.pop(name, None)
    if q:
        query["q"] = q
    return query.urlencode()


@require_GET
@public_page(selectors.actions_version, published_results_version, editions_version)
def map_page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    filters = form.filters()
    typed = filters.api.q
    filters, results, corrected = selectors.corrected_results(filters, request.GET.get("page"))
    return render(
        request,
        "atlaas/map.html",
        {
            "form": form,
            "results": results,
            "typed_q": typed,
            "corrected_q": corrected,
            "query": _query_without(request, "page", q=corrected),
            "filter_query": _query_without(request, "page", "bbox", q=corrected),
            "tile_url": settings.ATLAAS_TILE_URL,
            "tile_attribution": settings.ATLAAS_TILE_ATTRIBUTION,
        },
    )


@require_GET
def result_list(request: HttpRequest) -> HttpResponse:
    """The list beside the map (fragment fetched by the map script when the view or the filters change)."""
    filters = _form(request).filters()
    typed = filters.api.q
    filters, results, corrected = selectors.corrected_results(filters, request.GET.get("page"))
    return render(
        request,
        "atlaas/_result_list.html",
        {
            "results": results,
            "typed_q": typed,
            "corrected_q": corrected,
            "query": _query_without(request, "page", q=corrected),
        },
    )


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    filters = form.filters()
    typed = filters.api.q
    filters, results, corrected = selectors.corrected_results(filters, request.GET.get("page"))
    return render(
        request,
        "atlaas/search.html",
        {
            "form": form,
            "results": results,
            "facets": selectors.facets(filters),
            "query": _query_without(request, "page", q=corrected),
            "q": typed or "",
            "typed_q": typed,
            "corrected_q": corrected,
        },
    )


@require_GET
def opendata_page(request: HttpRequest) -> HttpResponse:
    files = opendata.available_files()
    context = {
        "files": files,
        "generated_at": max((file["modified"] for file in files), default=None),
        "statuses": opendata.STATUS_LABELS.items(),
    }
    return render(request, "atlaas/opendata.html", context)


@require_GET
def opendata_file(request: HttpRequest, name: str) -> FileResponse:
    path = opendata.file_path(name)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type=opendata.content_type(name))


@require_GET
def territories_directory(request: HttpRequest) -> HttpResponse:
    q = _text_parameter(request, "q", 100)
    region = _text_parameter(request, "region", 12)
    arobases = request.GET.get("arobases", "")
    arobases = int(arobases) if arobases in {"1", "2", "3", "4", "5"} else None
    page = Paginator(selectors.participating_territories(q=q, region=region, arobases=arobases), 30).get_page(
        request.GET.get("page")
    )
    ids = [territory.pk for territory in page.object_list]
    counts = selectors.published_counts(ids)
    arobase_map = selectors.latest_arobases(ids)
    rows = [{"territory": t, "count": counts.get(t.pk, 0), "result": arobase_map.get(t.pk)} for t in page.object_list]
    query = query_without(request)
    return render(
        request,
        "atlaas/territories.html",
        {
            "page": page,
            "rows": rows,
            "q": q,
            "region": region,
            "arobases": arobases,
            "regions": selectors.filter_choices()["regions"],
            "query": query,
        },
    )


@require_GET
def actors_directory(request: HttpRequest) -> HttpResponse:
    q = _text_parameter(request, "q", 100)
    page = Paginator(selectors.listed_actors(q=q), 30).get_page(request.GET.get("page"))
    query = query_without(request)
    return render(request, "atlaas/actors.html", {"page": page, "q": q, "query": query})
