"""Writes of the jury's work. Keyword-only, checked (who acts, when, the rules); French messages in
`LabelNotAllowed` (403) or `LabelError`. The final decision is `record_decision`, by staff at the deliberation."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.accounts.models import LIVE_STATUSES, Affiliation
from arobase.label import calendar, permissions, rules
from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.jury import selectors as jury_selectors
from arobase.label.models import (
    DECISION_HISTORY,
    PROPOSAL_HISTORY,
    Campaign,
    Candidacy,
    ConflictOfInterest,
    DeliberationAttendance,
    JurorProposal,
    JuryDecision,
    JuryMember,
)
from arobase.territories.models import Territory

MAX_COMMENT_LENGTH = 5_000


def _check_staff(actor) -> None:
    permissions.check_staff(
        actor, refusal=_("Seule l'équipe Villes Internet compose le jury et conduit la délibération.")
    )


def _check_jury_working(campaign: Campaign) -> None:
    if campaign.state_at() != calendar.CLOSED:
        raise LabelError(
            _(
                "Le jury travaille entre la date limite de candidature et la fin de la délibération : "
                "ce n'est pas le moment."
            )
        )


# --- Composition -----------------------------------------------------------------------------------------------


def add_juror(*, actor, campaign: Campaign, user) -> JuryMember:
    _check_staff(actor)
    if campaign.is_public():
        raise LabelError(_("Le palmarès de cette campagne est publié : le jury ne change plus."))
    if not user.is_juror or not user.is_active:
        raise LabelError(_("Cette personne n'est pas déclarée membre du jury (personnalité qualifiée)."))
    if Affiliation.objects.filter(user=user, status__in=LIVE_STATUSES).exists():
        raise LabelError(_("Un juré ne peut être rattaché à aucune collectivité (pas de mandat territorial)."))
    try:
        with transaction.atomic():
            return JuryMember.objects.create(campaign=campaign, user=user, added_by=actor)
    except IntegrityError:
        raise LabelError(_("Cette personne fait déjà partie du jury.")) from None


@transaction.atomic
def remove_juror(*, actor, member: JuryMember) -> None:
    _check_staff(actor)
    if member.campaign.state_at() in (calendar.DELIBERATED, calendar.PUBLISHED):
        raise LabelError(_("La délibération est close : le jury ne change plus."))
    DeliberationAttendance.objects.filter(campaign=member.campaign, juror=member.user).delete()
    member.delete()


# --- Conflicts of interest ---------------------------------------------------------------------------------------


@transaction.atomic
def declare_conflict(
    *, actor, campaign: Campaign, reason: str, candidacy: Candidacy | None = None, territory: Territory | None = None
) -> ConflictOfInterest:
    """A juror of the campaign declares a conflict with a candidacy or a whole collectivité. Any proposal they
    already made on the dossiers concerned is withdrawn."""
    if not jury_selectors.is_jury_member(actor, campaign):
        raise LabelNotAllowed(_("Seuls les membres du jury de cette campagne déclarent des conflits d'intérêts."))
    if (candidacy is None) == (territory is None):
        raise LabelError(_("Choisissez une candidature ou une collectivité."))
    if candidacy is not None and candidacy.campaign_id != campaign.pk:
        raise LabelError(_("Cette candidature n'appartient pas à cette campagne."))
    reason = (reason or "").strip()
    if not reason:
        raise LabelError(_("Indiquez le motif du conflit d'intérêts."))
    conflict = ConflictOfInterest.objects.create(
        juror=actor, candidacy=candidacy, territory=territory, reason=reason[:500]
    )
    proposals = JurorProposal.objects.filter(juror=actor)
    if candidacy is not None:
        proposals = proposals.filter(candidacy=candidacy)
    else:
        proposals = proposals.filter(candidacy__territory=territory)
    for proposal in proposals:
        # The withdrawal stays in the history of the proposal, by the juror.
        proposal._history_user = actor
        proposal._change_reason = _("Retirée : conflit d'intérêts déclaré")
        proposal.delete()
    return conflict


# --- Scoring checks and history ------------------------------------------------------------------------------


def checked_scoring(*, candidacy: Candidacy, arobases: int, mention_codes: Iterable[str]) -> list:
    """The campaign's mentions of `mention_codes`, once a proposal or decision of `arobases` for `candidacy` is
    known to respect the rules (validated dossier, allowed range, known mentions); `LabelError` otherwise."""
    if not candidacy.snapshots.exists():
        raise LabelError(_("Ce dossier n'a jamais été validé : il n'a pas été transmis au jury."))
    problems = rules.check_decision(arobases=arobases, allowed=jury_selectors.allowed_range_for(candidacy))
    if problems:
        raise LabelError(" ".join(problems))
    codes = set(mention_codes)
    mentions = list(candidacy.campaign.mentions.filter(code__in=codes))
    if len(mentions) != len(codes):
        raise LabelError(_("Mention thématique inconnue pour cette campagne."))
    return mentions


@contextlib.contextmanager
def one_history_record(instance, *, actor, history) -> Iterator[None]:
    """Everything written inside (the row and its mentions) makes one record of `history`, by `actor`."""
    history_type = "+" if instance.pk is None else "~"
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving
    instance._history_user = actor
    history.create_historical_record(instance, history_type)


# --- Proposals ---------------------------------------------------------------------------------------------------


@transaction.atomic
def save_proposal(
    *,
    actor,
    candidacy: Candidacy,
    arobases: int,
    mention_codes: Iterable[str] = (),
    alert: bool = False,
    comment: str = "",
) -> JurorProposal:
    """Record or update the juror's proposal; refused outside the allowed range, with the reasons."""
    campaign = candidacy.campaign
    if not jury_selectors.can_propose(actor, campaign):
        raise LabelNotAllowed(_("Seuls les membres du jury de cette campagne font des propositions."))
    if jury_selectors.has_conflict(actor, candidacy):
        raise LabelNotAllowed(_("Vous avez déclaré un conflit d'intérêts avec ce dossier."))
    _check_jury_working(campaign)
    mentions = checked_scoring(candidacy=candidacy, arobases=arobases, mention_codes=mention_codes)
    if len(comment) > MAX_COMMENT_LENGTH:
        raise LabelError(_("Le commentaire est trop long (5 000 caractères au plus)."))
    proposal = JurorProposal.objects.select_for_update().filter(candidacy=candidacy, juror=actor).first()
    proposal = proposal or JurorProposal(candidacy=candidacy, juror=actor)
    proposal.arobases, proposal.alert, proposal.comment = arobases, alert, comment
    try:
        with transaction.atomic(), one_history_record(proposal, actor=actor, history=PROPOSAL_HISTORY):
            proposal.save()
            proposal.mentions.set(mentions)
    except IntegrityError:
        raise LabelError(_("Cette proposition vient d'être enregistrée depuis une autre page : rechargez.")) from None
    return proposal


# --- Deliberation -----------------------------------------------------------------------------------------------


@transaction.atomic
def record_attendance(*, actor, campaign: Campaign, present_user_ids: Iterable[int]) -> int:
    """Record who is present at the deliberation (every juror of the campaign: present or absent).
    Returns the number of present jurors."""
    _check_staff(actor)
    _check_jury_working(campaign)
    wanted = {int(pk) for pk in present_user_ids}
    members = {member.user_id for member in JuryMember.objects.filter(campaign=campaign)}
    if wanted - members:
        raise LabelError(_("Seuls les membres du jury de cette campagne peuvent être présents."))
    for user_id in members:
        DeliberationAttendance.objects.update_or_create(
            campaign=campaign, juror_id=user_id, defaults={"present": user_id in wanted, "recorded_by": actor}
        )
    return len(wanted)


@transaction.atomic
def record_decision(
    *, actor, candidacy: Candidacy, arobases: int, mention_codes: Iterable[str] = (), alert: bool = False
) -> JuryDecision:
    """The jury's final decision for a candidacy, recorded by staff at the deliberation; checked against the
    allowed range of the collectivité's published history."""
    if not permissions.can_record_decision(actor):
        raise LabelNotAllowed(_("Seule l'équipe Villes Internet enregistre les décisions du jury."))
    campaign = candidacy.campaign
    if campaign.state_at() != calendar.CLOSED:
        raise LabelError(_("Les décisions s'enregistrent après la date limite et avant la fin de la délibération."))
    mentions = checked_scoring(candidacy=candidacy, arobases=arobases, mention_codes=mention_codes)
    decision = JuryDecision.objects.select_for_update().filter(candidacy=candidacy).first()
    decision = decision or JuryDecision(candidacy=candidacy)
    decision.arobases, decision.alert, decision.recorded_by = arobases, alert, actor
    try:
        with transaction.atomic(), one_history_record(decision, actor=actor, history=DECISION_HISTORY):
            decision.save()
            decision.mentions.set(mentions)
    except IntegrityError:
        raise LabelError(_("Cette décision vient d'être enregistrée par ailleurs : rechargez la page.")) from None
    return decision


@transaction.atomic
def close_deliberation(*, actor, campaign: Campaign) -> Campaign:
    """End the deliberation: proposals and decisions are final (still secret until the ceremony)."""
    _check_staff(actor)
    _check_jury_working(campaign)
    missing = jury_selectors.judged_candidacies(campaign).filter(decision__isnull=True).count()
    if missing:
        raise LabelError(
            _("Il manque la décision du jury pour %(count)s dossier(s) : la délibération ne peut pas être close.")
            % {"count": missing}
        )
    campaign.deliberated_at = timezone.now()
    campaign.save(update_fields=["deliberated_at", "updated_at"])
    return campaign
