"""Writes of the campaigns (calendar, mentions, publication of the palmarès) and of the memberships. Every
function is keyword-only, checks who acts and raises a domain error with a French message: `LabelNotAllowed` (403
for the views) or `LabelError`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from arobase.label import calendar, notifications, permissions
from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.models import (
    Campaign,
    Candidacy,
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
from arobase.territories.rules import can_be_candidate, label_category_of


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
                "category": label_category_of(territory),
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
