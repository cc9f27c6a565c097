"""Writes of a candidacy: open it, save the questionnaire, validate it (a snapshot the jury judges), remind the
référents before the deadline. Every function is keyword-only, checks who acts and raises a domain error with a
French message: `LabelNotAllowed` (403 for the views), `StaleCandidacy` (optimistic locking) or `LabelError`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.label import notifications, permissions
from arobase.label.candidacies import questionnaire
from arobase.label.candidacies.selectors import (
    candidacy_of,
    candidacy_page,
    compute_dossier,
    frozen_actions,
    referent_emails,
    warnings_for,
)
from arobase.label.errors import LabelError, LabelNotAllowed, StaleCandidacy
from arobase.label.models import (
    Campaign,
    Candidacy,
    CandidacyReminder,
    CandidacySnapshot,
    CandidacyStatus,
    Membership,
    MembershipStatus,
)
from arobase.territories.models import Territory

REMINDER_DAYS_BEFORE = 7


def _check_can_edit(actor, territory: Territory) -> None:
    if not permissions.can_edit_candidacy(actor, territory):
        raise LabelNotAllowed(_("Seul le référent de la collectivité (ou l'équipe) peut modifier la candidature."))


def _check_blockers(*, campaign: Campaign, territory: Territory, now: datetime | None) -> None:
    page = candidacy_page(campaign=campaign, territory=territory, can_edit=True, now=now)
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
    dossier = compute_dossier(campaign=campaign, territory=territory, answers=current)
    number = (candidacy.snapshots.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    data = {
        "edition": campaign.edition.year,
        "mosaic": dossier.mosaic.to_dict(),
        "actions": frozen_actions([action["id"] for action in dossier.actions]),
        "facts": asdict(dossier.facts),
        "questionnaire": current,
        "warnings": [warning.message for warning in warnings_for(dossier, current)],
        "hors_concours": candidacy.hors_concours,
    }
    return CandidacySnapshot.objects.create(
        candidacy=candidacy, number=number, validated_by=actor, validated_at=now or timezone.now(), data=data
    )


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
            recipients = referent_emails(territory)
            if not recipients:
                continue
            candidacy = candidacy_of(campaign, territory)
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
