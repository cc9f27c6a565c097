"""Elunum's pages: the search (public, no cookie needed), the sources, the suggestion form, staff management."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arobase.elunum import selectors, services
from arobase.elunum.errors import ElunumError
from arobase.elunum.models import Source, SourceKind, SourceStatus
from arobase.elunum.search import SearchFilters, search
from arobase.www.elunum.forms import ImportSourcesForm, SearchForm, SuggestSourceForm

PAGE_SIZE = 20
MAX_PAGE = 100


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("page", "")
    return min(int(value), MAX_PAGE) if value.isdigit() and 0 < int(value) < 10**6 else 1


def _grouped(hits) -> list[dict]:
    """Results grouped by host, groups in the order of their best result; actions form one group."""
    groups: dict[str, dict] = {}
    for hit in hits:
        key = hit.host or "atlaas"
        group = groups.setdefault(key, {"host": hit.host, "source_name": hit.source_name, "hits": []})
        group["hits"].append(hit)
    return list(groups.values())


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context = {"form": form, "groups": [], "results": None}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        page = _page_number(request)
        results = search(
            SearchFilters(
                q=data["q"],
                kind=data["kind"] or None,
                region=data["region"] or None,
                type=data["type"] or None,
                since=form.since(),
            ),
            page=page,
            page_size=PAGE_SIZE,
        )
        services.count_search()
        params = request.GET.copy()
        params.pop("page", None)
        context.update(
            results=results,
            groups=_grouped(results.hits),
            page=page,
            query=params.urlencode(),
            has_next=page * PAGE_SIZE < results.count and page < MAX_PAGE,
            has_previous=page > 1,
        )
    context["source_count"] = Source.objects.filter(status=SourceStatus.APPROVED).count()
    return render(request, "elunum/search.html", context)


@require_GET
def sources_page(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in SourceKind.values else ""
    paginator = Paginator(selectors.public_sources(kind or None).select_related("territory"), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "elunum/sources.html",
        {"page": page, "kind": kind, "kinds": SourceKind.choices, "query": f"kind={kind}"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def suggest_source(request: HttpRequest) -> HttpResponse:
    form = SuggestSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suggest_source(user=request.user, **form.cleaned_data)
        except ElunumError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Merci : la source est proposée, l'équipe de l'association va l'examiner.")
            return redirect("elunum:sources")
    return render(request, "elunum/suggest.html", {"form": form}, status=400 if form.errors else 200)


def _staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied("Cette page est réservée à l'équipe de l'association.")


@login_required
@require_http_methods(["GET", "POST"])
def manage_sources(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = ImportSourcesForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            text = io.TextIOWrapper(form.cleaned_data["file"].file, encoding="utf-8-sig", newline="")
            report = services.import_sources(text, user=request.user, skip_errors=form.cleaned_data["skip_errors"])
        except UnicodeDecodeError:
            form.add_error("file", "Le fichier doit être encodé en UTF-8.")
        if report and report.applied:
            messages.success(request, f"Import : {report.created} source(s) créée(s), {report.updated} mise(s) à jour.")
        elif report:
            status = 400
    elif request.method == "POST":
        status = 400
    wanted = request.GET.get("status", "")
    wanted = wanted if wanted in SourceStatus.values else ""
    paginator = Paginator(selectors.staff_sources(wanted or None), 100)
    return render(
        request,
        "elunum/manage.html",
        {
            "form": form,
            "report": report,
            "page": paginator.get_page(request.GET.get("page")),
            "status": wanted,
            "statuses": SourceStatus.choices,
            "query": f"status={wanted}",
        },
        status=status,
    )


@login_required
@require_GET
def export_sources(request: HttpRequest) -> HttpResponse:
    _staff(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="elunum-sources.csv"'
    services.export_sources(response)
    return response


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    change = {"approuver": services.approve_source, "suspendre": services.suspend_source}.get(action)
    if change is None:
        raise PermissionDenied("Action inconnue.")
    try:
        change(user=request.user, source=source)
    except ElunumError as error:
        raise PermissionDenied(error.message) from error
    messages.success(request, f"« {source.name} » : {source.get_status_display().lower()}.")
    return redirect(
        request.POST.get("next") if request.POST.get("next", "").startswith("/elunum/") else "elunum:manage"
    )


@login_required
@require_GET
def source_health(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    source = get_object_or_404(Source.objects.select_related("territory", "status_changed_by"), pk=pk)
    return render(request, "elunum/health.html", {"source": source, **selectors.source_health(source)})


@require_GET
def opensearch(request: HttpRequest) -> HttpResponse:
    search_url = request.build_absolute_uri(reverse("elunum:search"))
    response = render(
        request,
        "elunum/opensearch.xml",
        {"search_url": search_url, "self_url": request.build_absolute_uri()},
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response
