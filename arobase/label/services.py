"""Writes of the label. Every function is keyword-only, checks who acts and raises a domain error with a French
message: `LabelNotAllowed` (403 for the views), `StaleCandidacy` (optimistic locking) or `LabelError`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from arobase.label import calendar, notifications, permissions, rules, selectors
from arobase.label.candidacies import questionnaire
from arobase.label.errors import LabelError, LabelNotAllowed, StaleCandidacy
from arobase.label.models import (
    DECISION_HISTORY,
    Campaign,
    Candidacy,
    CandidacyReminder,
    CandidacySnapshot,
    CandidacyStatus,
    JuryDecision,
    Membership,
    MembershipLevel,
    MembershipStatus,
    Mention,
    Result,
    ResultSource,
)
from arobase.referential.models import ReferentialEdition
from arobase.territories.models import Territory
from arobase.territories.rules import can_be_candidate

REMINDER_DAYS_BEFORE = 7

# --- Campaigns ---------------------------------------------------------------------------------------------


def _check_staff(actor) -> None:
    permissions.check_staff(actor, refusal=_("Seule l'équipe Villes Internet gère les campagnes du label."))


def _check_calendar(
    *, opens_on: date, candidacy_deadline: datetime, jury_meeting_on: date, ceremony_at: datetime
) -> None:
    problems = calendar.dates_in_order(
        opens_on=opens_on,
        candidacy_deadline=timezone.localdate(candidacy_deadline),
        jury_meeting_on=jury_meeting_on,
        ceremony_on=timezone.localdate(ceremony_at),
    )
    if problems:
        raise LabelError(" ".join(problems))


def _set_mentions(campaign: Campaign, labels: Sequence[str]) -> None:
    cleaned = [label.strip() for label in labels if label.strip()]
    codes = [slugify(label)[:50] or f"mention-{index}" for index, label in enumerate(cleaned, start=1)]
    if len(set(codes)) != len(codes):
        raise LabelError(_("Deux mentions thématiques ont le même intitulé."))
    existing = {mention.code: mention for mention in campaign.mentions.all()}
    for position, (code, label) in enumerate(zip(codes, cleaned, strict=True)):
        mention = existing.pop(code, None)
        if mention is None:
            Mention.objects.create(campaign=campaign, code=code, label=label, position=position)
        else:
            mention.label, mention.position = label, position
            mention.save(update_fields=["label", "position"])
    for mention in existing.values():
        if mention.decisions.exists():
            raise LabelError(
                _("La mention « %(label)s » a déjà été attribuée : elle ne peut pas être retirée.")
                % {"label": mention.label}
            )
        mention.delete()


@transaction.atomic
def create_campaign(
    *,
    actor,
    year: int,
    opens_on: date,
    candidacy_deadline: datetime,
    jury_meeting_on: date,
    ceremony_at: datetime,
    edition: ReferentialEdition,
    mentions: Sequence[str] = (),
) -> Campaign:
    _check_staff(actor)
    _check_calendar(
        opens_on=opens_on,
        candidacy_deadline=candidacy_deadline,
        jury_meeting_on=jury_meeting_on,
        ceremony_at=ceremony_at,
    )
    if Campaign.objects.filter(year=year).exists():
        raise LabelError(_("La campagne du label %(year)s existe déjà.") % {"year": year})
    campaign = Campaign.objects.create(
        year=year,
        opens_on=opens_on,
        candidacy_deadline=candidacy_deadline,
        jury_meeting_on=jury_meeting_on,
        ceremony_at=ceremony_at,
        edition=edition,
    )
    _set_mentions(campaign, mentions)
    return campaign


@transaction.atomic
def update_campaign(
    *,
    actor,
    campaign: Campaign,
    opens_on: date,
    candidacy_deadline: datetime,
    jury_meeting_on: date,
    ceremony_at: datetime,
    edition: ReferentialEdition,
    mentions: Sequence[str] = (),
) -> Campaign:
    _check_staff(actor)
    _check_calendar(
        opens_on=opens_on,
        candidacy_deadline=candidacy_deadline,
        jury_meeting_on=jury_meeting_on,
        ceremony_at=ceremony_at,
    )
    if campaign.is_public():
        raise LabelError(_("Le palmarès de cette campagne est publié : elle ne peut plus être modifiée."))
    if edition.pk != campaign.edition_id and campaign.candidacies.filter(snapshots__isnull=False).exists():
        raise LabelError(
            _("Des dossiers ont déjà été validés avec ce référentiel : l'édition ne peut plus être changée.")
        )
    campaign.opens_on, campaign.candidacy_deadline = opens_on, candidacy_deadline
    campaign.jury_meeting_on, campaign.ceremony_at, campaign.edition = jury_meeting_on, ceremony_at, edition
    campaign.save()
    _set_mentions(campaign, mentions)
    return campaign


def checked_scoring(*, candidacy: Candidacy, arobases: int, mention_codes: Iterable[str]) -> list:
    """The campaign's mentions of `mention_codes`, once a proposal or decision of `arobases` for `candidacy` is
    known to respect the rules (validated dossier, allowed range, known mentions); `LabelError` otherwise."""
    if not candidacy.snapshots.exists():
        raise LabelError(_("Ce dossier n'a jamais été validé : il n'a pas été transmis au jury."))
    problems = rules.check_decision(arobases=arobases, allowed=selectors.allowed_range_for(candidacy))
    if problems:
        raise LabelError(" ".join(problems))
    codes = set(mention_codes)
    mentions = list(candidacy.campaign.mentions.filter(code__in=codes))
    if len(mentions) != len(codes):
        raise LabelError(_("Mention thématique inconnue pour cette campagne."))
    return mentions


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


@transaction.atomic
def publish_campaign(*, actor, campaign: Campaign, now: datetime | None = None) -> int:
    """Turn the decisions into results and publish the campaign: results show from the ceremony time.
    Returns the number of results."""
    _check_staff(actor)
    now = now or timezone.now()
    if campaign.published_at is not None:
        raise LabelError(_("Ce palmarès est déjà publié."))
    if now < campaign.candidacy_deadline:
        raise LabelError(_("Le palmarès ne peut être publié qu'après la date limite de candidature."))
    undecided = (
        Candidacy.objects.filter(campaign=campaign, snapshots__isnull=False, decision__isnull=True).distinct().count()
    )
    if undecided:
        # Publishing closes the deliberation for good: the missing decisions could never be recorded.
        raise LabelError(
            _(
                "Il manque la décision du jury pour %(count)s dossier(s) : enregistrez-les à la délibération avant "
                "de publier le palmarès."
            )
            % {"count": undecided}
        )
    count = 0
    decisions = JuryDecision.objects.filter(candidacy__campaign=campaign).select_related("candidacy__territory")
    for decision in decisions.prefetch_related("mentions"):
        territory = decision.candidacy.territory
        Result.objects.update_or_create(
            territory=territory,
            year=campaign.year,
            defaults={
                "campaign": campaign,
                "category": selectors.category_of(territory),
                "arobases": decision.arobases,
                "mentions": [mention.label for mention in decision.mentions.all()],
                "alert": decision.alert,
                "hors_concours": decision.candidacy.hors_concours,
                "source": ResultSource.JURY,
                "published": True,
            },
        )
        count += 1
    campaign.deliberated_at = campaign.deliberated_at or now
    campaign.published_at, campaign.published_by = now, actor
    campaign.save(update_fields=["deliberated_at", "published_at", "published_by", "updated_at"])
    return count


# --- Memberships -------------------------------------------------------------------------------------------


def request_membership(*, actor, territory: Territory, year: int, level: str) -> Membership:
    if not permissions.can_request_membership(actor, territory):
        raise LabelNotAllowed(_("Seul le référent de la collectivité peut demander son adhésion."))
    if not can_be_candidate(territory.kind):
        raise LabelError(_("Les départements et les régions ne peuvent pas adhérer pour participer au label."))
    if level not in MembershipLevel.values:
        raise LabelError(_("Choisissez la formule d'adhésion : simple ou praemium."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(territory=territory, year=year, level=level, requested_by=actor)
    except IntegrityError:
        raise LabelError(
            _("Une adhésion pour %(year)s est déjà demandée ou confirmée pour cette collectivité.") % {"year": year}
        ) from None
    notifications.notify_membership_requested(membership)
    return membership


def decide_membership(*, actor, membership: Membership, confirm: bool) -> Membership:
    if not permissions.can_decide_membership(actor):
        raise LabelNotAllowed(_("Seule l'équipe Villes Internet confirme les adhésions."))
    updated = Membership.objects.filter(pk=membership.pk, status=MembershipStatus.REQUESTED).update(
        status=MembershipStatus.CONFIRMED if confirm else MembershipStatus.REFUSED,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    if not updated:
        raise LabelError(_("Cette demande d'adhésion a déjà été traitée."))
    membership.refresh_from_db()
    if confirm:
        notifications.notify_membership_confirmed(membership)
    return membership


# --- Candidacies -------------------------------------------------------------------------------------------


def _check_can_edit(actor, territory: Territory) -> None:
    if not permissions.can_edit_candidacy(actor, territory):
        raise LabelNotAllowed(_("Seul le référent de la collectivité (ou l'équipe) peut modifier la candidature."))


def _check_blockers(*, campaign: Campaign, territory: Territory, now: datetime | None) -> None:
    page = selectors.candidacy_page(campaign=campaign, territory=territory, can_edit=True, now=now)
    if page.blockers:
        raise LabelError(" ".join(blocker.message for blocker in page.blockers))


def open_candidacy(*, actor, campaign: Campaign, territory: Territory, now: datetime | None = None) -> Candidacy:
    _check_can_edit(actor, territory)
    _check_blockers(campaign=campaign, territory=territory, now=now)
    try:
        with transaction.atomic():
            return Candidacy.objects.create(campaign=campaign, territory=territory, opened_by=actor, updated_by=actor)
    except IntegrityError:
        raise LabelError(_("La candidature de cette collectivité est déjà ouverte.")) from None


def _stale_message() -> str:
    return _(
        "Le dossier a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert : vos changements n'ont pas "
        "été enregistrés. Rechargez la page pour voir la version actuelle, puis refaites vos changements."
    )


def _check_open(candidacy: Candidacy, now: datetime | None) -> None:
    if not candidacy.campaign.is_open(now):
        raise LabelError(_("La campagne n'est pas ouverte : le dossier ne peut pas être modifié (lecture seule)."))


def _bump(candidacy: Candidacy, *, version: int, actor, **fields) -> None:
    """Write ``fields`` only if nobody wrote since ``version`` was read (optimistic locking)."""
    updated = Candidacy.objects.filter(pk=candidacy.pk, version=version).update(
        version=F("version") + 1, updated_by=actor, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise StaleCandidacy(_stale_message())
    candidacy.refresh_from_db()


@transaction.atomic
def save_candidacy(
    *,
    actor,
    candidacy: Candidacy,
    version: int,
    answers: dict[str, bool] | None = None,
    now: datetime | None = None,
) -> Candidacy:
    """Save the questionnaire (EPCI). The dossier goes back to draft until it is validated again; the jury keeps
    judging the last validated snapshot."""
    _check_can_edit(actor, candidacy.territory)
    _check_open(candidacy, now)
    fields = {"status": CandidacyStatus.DRAFT}
    if answers is not None:
        if not candidacy.has_questionnaire:
            raise LabelError(_("Le questionnaire complémentaire ne concerne que les territoires (EPCI)."))
        try:
            fields["questionnaire"] = questionnaire.clean_answers(answers)
        except ValueError:
            raise LabelError(_("Réponse inconnue au questionnaire complémentaire.")) from None
    _bump(candidacy, version=version, actor=actor, **fields)
    return candidacy


@transaction.atomic
def validate_candidacy(
    *,
    actor,
    candidacy: Candidacy,
    version: int,
    answers: dict[str, bool] | None = None,
    now: datetime | None = None,
) -> CandidacySnapshot:
    """Validate the dossier (saving ``answers`` first if given): freeze a snapshot the jury will judge."""
    _check_can_edit(actor, candidacy.territory)
    _check_open(candidacy, now)
    campaign, territory = candidacy.campaign, candidacy.territory
    _check_blockers(campaign=campaign, territory=territory, now=now)
    fields: dict = {"status": CandidacyStatus.VALIDATED}
    if answers is not None and candidacy.has_questionnaire:
        try:
            fields["questionnaire"] = questionnaire.clean_answers(answers)
        except ValueError:
            raise LabelError(_("Réponse inconnue au questionnaire complémentaire.")) from None
    _bump(candidacy, version=version, actor=actor, **fields)
    current = questionnaire.clean_answers(candidacy.questionnaire or {}) if candidacy.has_questionnaire else None
    dossier = selectors.compute_dossier(campaign=campaign, territory=territory, answers=current)
    number = (candidacy.snapshots.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    data = {
        "edition": campaign.edition.year,
        "mosaic": dossier.mosaic.to_dict(),
        "actions": selectors.frozen_actions([action["id"] for action in dossier.actions]),
        "facts": asdict(dossier.facts),
        "questionnaire": current,
        "warnings": [warning.message for warning in selectors.warnings_for(dossier, current)],
        "hors_concours": candidacy.hors_concours,
    }
    return CandidacySnapshot.objects.create(
        candidacy=candidacy, number=number, validated_by=actor, validated_at=now or timezone.now(), data=data
    )


# --- Reminders ---------------------------------------------------------------------------------------------


def send_candidacy_reminders(*, today: date | None = None) -> int:
    """A week (or less) before the deadline of an open campaign, email the référents of member collectivités
    whose dossier is not validated; once per collectivité and campaign. Returns the number of emails sent."""
    today = today or timezone.localdate()
    sent = 0
    for campaign in Campaign.objects.filter(published_at__isnull=True, deliberated_at__isnull=True):
        deadline_day = timezone.localdate(campaign.candidacy_deadline)
        if not (campaign.opens_on <= today <= deadline_day and deadline_day - today <= timedelta(REMINDER_DAYS_BEFORE)):
            continue
        validated = Candidacy.objects.filter(campaign=campaign, status=CandidacyStatus.VALIDATED).values("territory_id")
        reminded = CandidacyReminder.objects.filter(campaign=campaign).values("territory_id")
        members = (
            Membership.objects.filter(year=campaign.year, status=MembershipStatus.CONFIRMED)
            .exclude(territory_id__in=validated)
            .exclude(territory_id__in=reminded)
            .select_related("territory")
        )
        for membership in members:
            territory = membership.territory
            recipients = selectors.referent_emails(territory)
            if not recipients:
                continue
            candidacy = selectors.candidacy_of(campaign, territory)
            with transaction.atomic():
                reminder, created = CandidacyReminder.objects.get_or_create(
                    campaign=campaign,
                    territory=territory,
                    defaults={"sent_at": timezone.now(), "recipients": ", ".join(recipients)},
                )
                if not created:
                    continue
                notifications.notify_candidacy_reminder(
                    campaign=campaign, territory=territory, candidacy=candidacy, recipients=recipients
                )
            sent += 1
    return sent
