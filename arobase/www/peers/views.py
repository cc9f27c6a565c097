"""Pages of the comparison: "Se comparer" (criteria, side by side, gaps, peers) and "Qui me ressemblent"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arobase.actions.errors import ActionError, ActionPermissionDenied
from arobase.actions.permissions import is_member_of
from arobase.actions.rules import next_label_year
from arobase.atlaas.selectors import actions_version
from arobase.core.caching import local_day, public_page
from arobase.label.selectors import published_results_version
from arobase.mosaic.selectors import label_years
from arobase.peers import selectors, services
from arobase.peers.rules import MIN_PEERS
from arobase.referential.selectors import editions_version
from arobase.territories.models import Territory, TerritoryKind
from arobase.territories.selectors import territory_detail
from arobase.www.peers.forms import CriteriaForm

PEERS_PER_PAGE = 20


def comparable_territory(kind: str, code: str) -> Territory:
    if kind not in selectors.PEER_KINDS:
        raise Http404(_("Seules les communes et les intercommunalités se comparent."))
    territory = territory_detail(kind=kind, code=code)
    if territory is None:
        raise Http404(_("Aucune collectivité ne porte ce code."))
    return territory


def _regions() -> list[tuple[str, str]]:
    return list(Territory.objects.filter(kind=TerritoryKind.REGION).order_by("name").values_list("code", "name"))


@public_page(actions_version, editions_version, published_results_version, local_day)
def compare_page(request, kind: str, code: str):
    territory = comparable_territory(kind, code)
    years = label_years()
    regions = _regions()
    form = CriteriaForm(request.GET or None, years=years.years, regions=regions)
    context = {"territory": territory, "form": form, "min_peers": MIN_PEERS}
    if form.is_bound and not form.is_valid():
        return render(request, "peers/compare.html", context, status=400)
    data = form.cleaned_data if form.is_bound else {}
    year = data.get("annee") or next_label_year(timezone.localdate())
    overrides = selectors.Overrides(
        population_min=data.get("population_min"),
        population_max=data.get("population_max"),
        region=data.get("region") or None,
        category=data.get("categorie") or None,
    )
    try:
        peer_set = selectors.find_peers(territory=territory, year=year, overrides=overrides)
    except selectors.UnknownLabelYear:
        context["no_referential"] = True
        return render(request, "peers/compare.html", context)
    except selectors.InvalidCriteria as error:
        form.add_error(None, str(error))
        return render(request, "peers/compare.html", context, status=400)
    comparison = selectors.compare(peer_set=peer_set)
    report = selectors.gaps(peer_set=peer_set)
    examples = selectors.example_actions([pk for gap in report.results for pk in gap.examples])
    page = Paginator(peer_set.rows, PEERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        year=year,
        peer_set=peer_set,
        comparison=comparison,
        gaps=[(gap, [examples[pk] for pk in gap.examples if pk in examples]) for gap in report.results],
        page=page,
        peers=selectors.peer_rows(list(page.object_list)),
        query=query.urlencode(),
        region_name=dict(regions).get(peer_set.criteria.region, ""),
        can_plan=request.user.is_authenticated and is_member_of(request.user, territory),
    )
    return render(request, "peers/compare.html", context)


@login_required
@require_POST
def plan_action(request, kind: str, code: str):
    territory = comparable_territory(kind, code)
    service_code = request.POST.get("service", "").strip()
    if not service_code or len(service_code) > 20:
        return HttpResponseBadRequest(_("Service manquant."))
    try:
        action = services.create_planned_action(actor=request.user, territory=territory, service_code=service_code)
    except ActionPermissionDenied as error:
        raise PermissionDenied(str(error)) from None
    except services.UnknownService:
        return HttpResponseBadRequest(_("Ce service n'existe pas dans le référentiel en vigueur."))
    except ActionError as error:
        return HttpResponseBadRequest(str(error))
    messages.success(request, _("Brouillon d'action « prévue » créé : complétez-le puis publiez-le."))
    return redirect("actions:edit", pk=action.pk)


@public_page(actions_version, editions_version, local_day)
def similar_page(request, kind: str, code: str):
    territory = comparable_territory(kind, code)
    years = label_years()
    raw = request.GET.get("annee", "").strip()
    year = int(raw) if raw.isdigit() and int(raw) in years.years else next_label_year(timezone.localdate())
    try:
        similar = selectors.similar_collectivites(territory=territory, year=year)
    except selectors.UnknownLabelYear:
        similar = []
    return render(
        request,
        "peers/similar.html",
        {"territory": territory, "year": year, "years": years.years, "similar": similar},
    )
