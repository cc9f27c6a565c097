"""Pages of the jury (composition, conflicts, dossiers, deliberation): thin views over forms, selectors and services.

Jury pages answer 403 to signed-in people who are neither staff nor jurors of the campaign, and 404 to a juror
for a dossier they declared a conflict with (it does not exist for them).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arobase.accounts.permissions import is_staff
from arobase.label.campaigns import selectors as campaign_selectors
from arobase.label.candidacies import selectors as candidacy_selectors
from arobase.label.errors import LabelError
from arobase.label.jury import selectors as jury_selectors
from arobase.label.jury import services as jury_services
from arobase.label.models import Campaign, Candidacy, JuryMember
from arobase.www.label.jury.forms import (
    ConflictForm,
    DecisionForm,
    JurorAddForm,
    ProposalForm,
)
from arobase.www.shortcuts import territory_or_404


def _campaign_or_404(year: int) -> Campaign:
    campaign = campaign_selectors.campaign_by_year(year)
    if campaign is None:
        raise Http404
    return campaign


def _jury_campaign(request, year: int) -> Campaign:
    campaign = _campaign_or_404(year)
    if not jury_selectors.can_view_jury(request.user, campaign):
        raise PermissionDenied
    return campaign


def _staff_campaign(request, year: int) -> Campaign:
    campaign = _campaign_or_404(year)
    if not is_staff(request.user):
        raise PermissionDenied
    return campaign


def _candidacy_or_404(campaign: Campaign, kind: str, code: str) -> Candidacy:
    territory = territory_or_404(kind, code)
    candidacy = candidacy_selectors.candidacy_of(campaign, territory)
    if candidacy is None:
        raise Http404
    return candidacy


# --- Jury composition (staff) ---------------------------------------------------------------------------------


@login_required
def jury_composition(request, year: int):
    campaign = _staff_campaign(request, year)
    form = JurorAddForm(request.POST or None)
    if request.method == "POST":
        remove = request.POST.get("remove")
        try:
            if remove:
                member = get_object_or_404(JuryMember, pk=remove, campaign=campaign)
                jury_services.remove_juror(actor=request.user, member=member)
                messages.success(request, _("Juré retiré du jury."))
                return redirect("label:jury_composition", year=year)
            if form.is_valid():
                user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
                if user is None:
                    raise LabelError(_("Aucun compte n'utilise cette adresse."))
                jury_services.add_juror(actor=request.user, campaign=campaign, user=user)
                messages.success(request, _("%(name)s rejoint le jury.") % {"name": user})
                return redirect("label:jury_composition", year=year)
        except LabelError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "label/jury/composition.html",
        {"campaign": campaign, "members": jury_selectors.jury_of(campaign), "form": form},
    )


# --- Jurors -----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def jury_home(request):
    """The campaigns whose jury the signed-in juror sits on (staff: all campaigns)."""
    if is_staff(request.user):
        campaigns = list(Campaign.objects.order_by("-year"))
    elif request.user.is_juror:
        campaigns = jury_selectors.juror_campaigns(request.user)
    else:
        raise PermissionDenied
    return render(request, "label/jury/home.html", {"campaigns": campaigns})


@login_required
@require_GET
def jury_list(request, year: int):
    campaign = _jury_campaign(request, year)
    rows = jury_selectors.jury_list(request.user, campaign)
    return render(
        request,
        "label/jury/list.html",
        {
            "campaign": campaign,
            "rows": rows,
            "is_juror": jury_selectors.is_jury_member(request.user, campaign),
            "state": campaign.state,
        },
    )


@login_required
def jury_conflicts(request, year: int):
    campaign = _campaign_or_404(year)
    if not jury_selectors.is_jury_member(request.user, campaign):
        raise PermissionDenied
    candidacies = list(jury_selectors.visible_candidacies(request.user, campaign))
    form = ConflictForm(request.POST or None, candidacies=candidacies)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        chosen = {f"c{c.pk}": c for c in candidacies}.get(target)
        territory = {f"t{c.territory_id}": c.territory for c in candidacies}.get(target)
        try:
            jury_services.declare_conflict(
                actor=request.user,
                campaign=campaign,
                reason=form.cleaned_data["reason"],
                candidacy=chosen if territory is None else None,
                territory=territory,
            )
            messages.success(request, _("Conflit d'intérêts déclaré : ce dossier ne vous sera plus présenté."))
            return redirect("label:jury_list", year=year)
        except LabelError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "label/jury/conflicts.html",
        {
            "campaign": campaign,
            "form": form,
            "conflicts": jury_selectors.juror_conflicts(request.user, campaign),
        },
    )


@login_required
def jury_frozen_action(request, year: int, kind: str, code: str, action_id: int):
    """An action of a dossier as the validated version froze it (the live page may have changed since)."""
    campaign = _jury_campaign(request, year)
    candidacy = _candidacy_or_404(campaign, kind, code)
    found = jury_selectors.frozen_action_for(request.user, campaign, candidacy, action_id)
    if found is None:
        raise Http404
    snapshot, action = found
    return render(
        request,
        "label/jury/frozen_action.html",
        {
            "campaign": campaign,
            "candidacy": candidacy,
            "snapshot": snapshot,
            "action": action,
        },
    )


@login_required
def jury_dossier(request, year: int, kind: str, code: str):
    campaign = _jury_campaign(request, year)
    candidacy = _candidacy_or_404(campaign, kind, code)
    dossier = jury_selectors.dossier_for(request.user, campaign, candidacy)
    if dossier is None:
        raise Http404
    status = 200
    initial = None
    if dossier.own is not None:
        initial = {
            "arobases": dossier.own.arobases,
            "mentions": sorted(dossier.own_mention_codes),
            "alert": dossier.own.alert,
            "comment": dossier.own.comment,
        }
    elif dossier.proposal is not None:
        initial = {"arobases": dossier.proposal.clamped}
    form = ProposalForm(request.POST or None, initial=initial, mentions=dossier.mentions, allowed=dossier.allowed)
    if request.method == "POST":
        if not dossier.can_propose:
            raise PermissionDenied
        if form.is_valid():
            try:
                jury_services.save_proposal(
                    actor=request.user,
                    candidacy=candidacy,
                    arobases=form.cleaned_data["arobases"],
                    mention_codes=form.cleaned_data["mentions"],
                    alert=form.cleaned_data["alert"],
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, _("Votre proposition est enregistrée."))
                return redirect("label:jury_dossier", year=year, kind=kind, code=code)
            except LabelError as error:
                form.add_error(None, error.message)
        status = 400
    return render(
        request,
        "label/jury/dossier.html",
        {"campaign": campaign, "dossier": dossier, "form": form, "state": campaign.state},
        status=status,
    )


# --- Deliberation (staff) ---------------------------------------------------------------------------------------


@login_required
@require_GET
def deliberation(request, year: int):
    campaign = _staff_campaign(request, year)
    rows = jury_selectors.deliberation_rows(campaign)
    mentions = list(campaign.mentions.all())
    for row in rows:
        row.form = DecisionForm(
            initial={
                "arobases": row.decision.arobases
                if row.decision
                else (row.proposal.clamped if row.proposal else row.allowed.minimum),
                "mentions": sorted(row.decision_mention_codes),
                "alert": row.decision.alert if row.decision else False,
            },
            mentions=mentions,
            allowed=row.allowed,
            prefix=f"c{row.candidacy.pk}",
        )
    attendance = jury_selectors.attendance_of(campaign)
    return render(
        request,
        "label/jury/deliberation.html",
        {
            "campaign": campaign,
            "rows": rows,
            "attendance": attendance,
            "attendance_recorded": any(present for _member, present in attendance),
            "state": campaign.state,
            "flagged": sum(1 for row in rows if row.disagreement.flagged),
            "decided": sum(1 for row in rows if row.decision),
        },
    )


@login_required
@require_POST
def deliberation_attendance(request, year: int):
    campaign = _staff_campaign(request, year)
    try:
        ids = [int(pk) for pk in request.POST.getlist("present")]
        count = jury_services.record_attendance(actor=request.user, campaign=campaign, present_user_ids=ids)
        messages.success(request, _("Présences enregistrées : %(count)s juré(s) présent(s).") % {"count": count})
    except ValueError:
        messages.error(request, _("Présences illisibles : rechargez la page."))
    except LabelError as error:
        messages.error(request, error.message)
    return redirect("label:deliberation", year=year)


@login_required
@require_POST
def deliberation_decision(request, year: int, kind: str, code: str):
    campaign = _staff_campaign(request, year)
    candidacy = _candidacy_or_404(campaign, kind, code)
    form = DecisionForm(request.POST, mentions=list(campaign.mentions.all()), prefix=f"c{candidacy.pk}")
    if not form.is_valid():
        messages.error(request, _("Décision incomplète pour %(name)s.") % {"name": candidacy.territory})
        return redirect("label:deliberation", year=year)
    try:
        jury_services.record_decision(
            actor=request.user,
            candidacy=candidacy,
            arobases=form.cleaned_data["arobases"],
            mention_codes=form.cleaned_data["mentions"],
            alert=form.cleaned_data["alert"],
        )
        messages.success(request, _("Décision enregistrée pour %(name)s.") % {"name": candidacy.territory})
    except LabelError as error:
        messages.error(request, _("%(name)s : %(error)s") % {"name": candidacy.territory, "error": error.message})
    return redirect(f"{reverse('label:deliberation', kwargs={'year': year})}#c{candidacy.pk}")


@login_required
@require_POST
def deliberation_close(request, year: int):
    campaign = _staff_campaign(request, year)
    try:
        jury_services.close_deliberation(actor=request.user, campaign=campaign)
        messages.success(request, _("Délibération close : les décisions restent secrètes jusqu'à la cérémonie."))
    except LabelError as error:
        messages.error(request, error.message)
    return redirect("label:deliberation", year=year)
