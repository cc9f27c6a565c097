from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from arobase.actions.selectors import published_actions_of_territory
from arobase.atlaas.selectors import actions_version
from arobase.core.caching import local_day, public_page
from arobase.label.selectors import published_results_version
from arobase.mosaic.selectors import mosaic_panel, requested_label_year
from arobase.referential.models import ReferentialEdition
from arobase.referential.selectors import editions_version
from arobase.territories import selectors
from arobase.territories.models import TerritoryKind
from arobase.territories.rules import can_be_candidate
from arobase.www.shortcuts import is_htmx, query_without
from arobase.www.territories.forms import TerritorySearchForm

RESULTS_PER_PAGE = 20
ACTIONS_PER_PAGE = 10


def search(request):
    """The territory search: a plain GET form, with live results through htmx (partial when HX-Request)."""
    form = TerritorySearchForm(request.GET or None)
    page = None
    query_string = ""
    if form.is_valid() and (form.cleaned_data["q"].strip() or form.cleaned_data["kind"]):
        territories = selectors.search_territories(
            query=form.cleaned_data["q"], kind=form.cleaned_data["kind"] or None
        ).select_related("departement")
        page = Paginator(territories, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        query_string = query_without(request)
    context = {"form": form, "page": page, "query_string": query_string}
    if is_htmx(request):
        return render(request, "territories/_results.html", {**context, "oob_status": True})
    return render(request, "territories/search.html", context)


def mosaic_fragment_key(*, territory, year: str | None, actions_version: int) -> str:
    """What the cached public mosaïque of `territory` depends on (1 query besides the actions version): any write of
    an action (the Atlaas version), any change of the referential (editions' `updated_at`), the day (eligibility
    windows) and the requested year. The dashboard is not cached: its people expect their own edits at once."""
    editions = ReferentialEdition.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    changed = editions["changed"].isoformat() if editions["changed"] else "-"
    requested = requested_label_year(year) or "-"
    return f"{territory.pk}:{requested}:{actions_version}:{editions['count']}:{changed}:{timezone.localdate()}"


@public_page(actions_version, editions_version, published_results_version, local_day)
def detail(request, kind: str, code: str):
    if kind not in TerritoryKind.values:
        raise Http404
    territory = selectors.territory_detail(kind=kind, code=code)
    if territory is None:
        raise Http404
    members = list(selectors.epci_members(epci=territory)) if kind == TerritoryKind.EPCI else []
    context = {"territory": territory, "members": members}
    if can_be_candidate(territory.kind):
        # A collectivité that can take part in the label: its published actions and its mosaïque.
        actions = published_actions_of_territory(territory)
        context["actions_page"] = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
        year = request.GET.get("annee")
        # The mosaïque is the heaviest part of the page: its HTML is cached (see the template) and only computed,
        # lazily, when the cache misses.
        version = actions_version()
        context["mosaic_panel"] = SimpleLazyObject(
            lambda: mosaic_panel(territory=territory, year=year, actions_version=lambda: version)
        )
        context["mosaic_fragment_key"] = mosaic_fragment_key(territory=territory, year=year, actions_version=version)
        context["actions_query"] = query_without(request)
    return render(request, "territories/detail.html", context)
