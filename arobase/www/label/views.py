"""Pages of the label: thin views over forms, selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arobase.actions.rules import next_label_year
from arobase.core.caching import public_page
from arobase.core.spreadsheet import SafeWriter
from arobase.label import permissions, selectors
from arobase.label.campaigns import selectors as campaign_selectors
from arobase.label.campaigns import services as campaign_services
from arobase.label.candidacies import selectors as candidacy_selectors
from arobase.label.candidacies import services as candidacy_services
from arobase.label.errors import LabelError, StaleCandidacy
from arobase.label.jury.scoring import METHODOLOGY_FR, population_band
from arobase.label.models import Campaign, Membership
from arobase.label.palmares import selectors as palmares_selectors
from arobase.www.label.filters import PalmaresFilter
from arobase.www.label.forms import CampaignForm, CandidacyForm, MembershipRequestForm
from arobase.www.shortcuts import query_without, territory_or_404

PALMARES_PER_PAGE = 100
CSV_COLUMNS = ("year", "code", "name", "kind", "departement", "region", "arobases", "mentions", "hors_concours")


def _staff_only(request) -> None:
    if not permissions.can_manage_campaigns(request.user):
        raise PermissionDenied


# --- Campaigns (staff) -------------------------------------------------------------------------------------


@login_required
@require_GET
def campaign_list(request):
    _staff_only(request)
    campaigns = list(Campaign.objects.select_related("edition").prefetch_related("mentions"))
    return render(request, "label/campaign_list.html", {"campaigns": campaigns})


def _campaign_initial(campaign: Campaign) -> dict:
    return {
        "year": campaign.year,
        "opens_on": campaign.opens_on,
        "candidacy_deadline": timezone.localtime(campaign.candidacy_deadline).strftime("%Y-%m-%dT%H:%M"),
        "jury_meeting_on": campaign.jury_meeting_on,
        "ceremony_at": timezone.localtime(campaign.ceremony_at).strftime("%Y-%m-%dT%H:%M"),
        "edition": campaign.edition_id,
        "mentions": "\n".join(mention.label for mention in campaign.mentions.all()),
    }


@login_required
def campaign_form(request, year: int | None = None):
    _staff_only(request)
    campaign = get_object_or_404(Campaign, year=year) if year is not None else None
    initial = _campaign_initial(campaign) if campaign else {"year": next_label_year(timezone.localdate())}
    form = CampaignForm(request.POST or None, initial=initial, year_locked=campaign is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        arguments = {
            "actor": request.user,
            "opens_on": data["opens_on"],
            "candidacy_deadline": data["candidacy_deadline"],
            "jury_meeting_on": data["jury_meeting_on"],
            "ceremony_at": data["ceremony_at"],
            "edition": data["edition"],
            "mentions": form.mention_labels(),
        }
        try:
            if campaign is None:
                campaign = campaign_services.create_campaign(year=data["year"], **arguments)
                messages.success(request, _("Campagne du label %(year)s créée.") % {"year": campaign.year})
            else:
                campaign_services.update_campaign(campaign=campaign, **arguments)
                messages.success(request, _("Campagne du label %(year)s enregistrée.") % {"year": campaign.year})
            return redirect("label:campaign_list")
        except LabelError as error:
            form.add_error(None, error.message)
    return render(request, "label/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_publish(request, year: int):
    _staff_only(request)
    campaign = get_object_or_404(Campaign, year=year)
    try:
        count = campaign_services.publish_campaign(actor=request.user, campaign=campaign)
        messages.success(
            request,
            _("Palmarès %(year)s publié (%(count)s résultats) : il sera visible à partir de la cérémonie.")
            % {"year": year, "count": count},
        )
    except LabelError as error:
        messages.error(request, error.message)
    return redirect("label:campaign_list")


# --- Memberships -------------------------------------------------------------------------------------------


@login_required
def membership_request(request, kind: str, code: str):
    territory = territory_or_404(kind, code)
    if not permissions.can_request_membership(request.user, territory):
        raise PermissionDenied
    current = next_label_year(timezone.localdate())
    years = sorted({current, current + 1, *Campaign.objects.filter(year__gte=current).values_list("year", flat=True)})
    form = MembershipRequestForm(request.POST or None, years=years, initial={"year": current})
    if request.method == "POST" and form.is_valid():
        try:
            campaign_services.request_membership(
                actor=request.user,
                territory=territory,
                year=form.cleaned_data["year"],
                level=form.cleaned_data["level"],
            )
            messages.success(request, _("Demande d'adhésion envoyée : l'équipe Villes Internet va la confirmer."))
            return redirect("label:membership_request", kind=kind, code=code)
        except LabelError as error:
            form.add_error(None, error.message)
    memberships = Membership.objects.filter(territory=territory).order_by("-year", "-requested_at")
    campaign_years = set(Campaign.objects.values_list("year", flat=True))
    return render(
        request,
        "label/membership_request.html",
        {
            "territory": territory,
            "form": form,
            "memberships": memberships,
            "campaign_years": campaign_years,
        },
    )


@login_required
@require_GET
def membership_list(request):
    _staff_only(request)
    return render(request, "label/membership_list.html", {"memberships": campaign_selectors.memberships_to_decide()})


@login_required
@require_POST
def membership_decide(request, pk: int):
    _staff_only(request)
    membership = get_object_or_404(Membership, pk=pk)
    confirm = request.POST.get("decision") == "confirm"
    try:
        campaign_services.decide_membership(actor=request.user, membership=membership, confirm=confirm)
        messages.success(request, _("Adhésion confirmée.") if confirm else _("Adhésion refusée."))
    except LabelError as error:
        messages.error(request, error.message)
    return redirect("label:membership_list")


# --- Candidacy ---------------------------------------------------------------------------------------------


@login_required
def candidacy(request, year: int, kind: str, code: str):
    territory = territory_or_404(kind, code)
    campaign = campaign_selectors.campaign_by_year(year)
    if campaign is None:
        raise Http404
    if not permissions.can_view_candidacy(request.user, territory):
        raise PermissionDenied
    can_edit = permissions.can_edit_candidacy(request.user, territory)
    status = 200
    form_data = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        intent = request.POST.get("intent", "save")
        try:
            if intent == "open":
                candidacy_services.open_candidacy(actor=request.user, campaign=campaign, territory=territory)
                messages.success(request, _("Candidature ouverte : vérifiez le dossier puis validez-le."))
                return redirect("label:candidacy", year=year, kind=kind, code=code)
            current = candidacy_selectors.candidacy_of(campaign, territory)
            if current is None:
                raise Http404
            form = CandidacyForm(request.POST, with_questionnaire=current.has_questionnaire)
            if not form.is_valid():
                raise LabelError(_("Formulaire incomplet : rechargez la page."))
            version, answers = form.cleaned_data["version"], form.answers()
            if intent == "validate":
                snapshot = candidacy_services.validate_candidacy(
                    actor=request.user, candidacy=current, version=version, answers=answers
                )
                messages.success(
                    request,
                    _(
                        "Dossier validé et transmis au jury (version n°%(number)s). Vous pouvez encore le modifier "
                        "et le valider de nouveau jusqu'à la date limite."
                    )
                    % {"number": snapshot.number},
                )
            else:
                candidacy_services.save_candidacy(
                    actor=request.user, candidacy=current, version=version, answers=answers
                )
                messages.success(request, _("Dossier enregistré. Pensez à le valider pour le transmettre au jury."))
            return redirect("label:candidacy", year=year, kind=kind, code=code)
        except StaleCandidacy as error:
            messages.error(request, error.message)
            status = 409
            form_data = request.POST
        except LabelError as error:
            messages.error(request, error.message)
            status = 400
            form_data = request.POST
    page = candidacy_selectors.candidacy_page(campaign=campaign, territory=territory, can_edit=can_edit)
    form = None
    if page.candidacy is not None:
        form = CandidacyForm(
            form_data,
            initial=CandidacyForm.initial_for(page.candidacy),
            with_questionnaire=page.with_questionnaire,
            disabled=page.read_only,
        )
        if form_data is not None:
            form.is_valid()
    return render(request, "label/candidacy.html", {"page": page, "form": form}, status=status)


# --- Palmarès ------------------------------------------------------------------------------------------------


@require_GET
@public_page(selectors.published_results_version)
def palmares_index(request):
    return render(request, "label/palmares_index.html", {"years": palmares_selectors.palmares_years()})


def _filtered_palmares(request, year: int):
    if not palmares_selectors.palmares_is_public(year):
        raise Http404
    results = palmares_selectors.palmares_results(year)
    return results, PalmaresFilter(request.GET or None, queryset=results)


@require_GET
@public_page(selectors.published_results_version)
def palmares(request, year: int):
    results, filterset = _filtered_palmares(request, year)
    page = Paginator(filterset.qs, PALMARES_PER_PAGE).get_page(request.GET.get("page"))
    for result in page.object_list:
        result.band = population_band(result.territory.population)
    places = set(
        results.order_by().values_list(
            "territory__region__code",
            "territory__region__name",
            "territory__departement__code",
            "territory__departement__name",
        )
    )
    context = {
        "year": year,
        "filterset": filterset,
        "page": page,
        "results": page.object_list,
        "counts": palmares_selectors.level_counts(filterset.qs),
        "total": page.paginator.count,
        "regions": sorted({(code, name) for code, name, _d, _n in places if code}, key=lambda item: item[1]),
        "departements": sorted({(code, name) for _r, _n, code, name in places if code}),
        "mentions": palmares_selectors.mention_labels(results),
        "years": palmares_selectors.palmares_years(),
        "query_string": query_without(request),
    }
    return render(request, "label/palmares.html", context)


@require_GET
def palmares_csv(request, year: int):
    _results, filterset = _filtered_palmares(request, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="palmares-{year}.csv"'
    writer = SafeWriter(response)
    writer.writerow(CSV_COLUMNS)
    for result in filterset.qs:
        territory = result.territory
        writer.writerow(
            [
                result.year,
                territory.code,
                territory.name,
                result.category,
                territory.departement.code if territory.departement_id else "",
                territory.region.code if territory.region_id else "",
                result.arobases,
                "|".join(result.mentions),
                "1" if result.hors_concours else "0",
            ]
        )
    return response


@require_GET
def methodology(request):
    return render(request, "label/methodology.html", {"methodology": METHODOLOGY_FR})
