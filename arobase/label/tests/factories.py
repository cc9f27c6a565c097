"""Test data of the label tests: helpers that build it (fixtures are in fixtures.py)."""

from dataclasses import asdict
from datetime import timedelta

from django.utils import timezone

from arobase.actions.tests.factories import ActionFactory
from arobase.label.candidacies import selectors as candidacy_selectors
from arobase.label.models import (
    Campaign,
    Candidacy,
    CandidacySnapshot,
    CandidacyStatus,
    JuryMember,
    Membership,
    Mention,
    Result,
)

YEAR = timezone.now().year + 1  # actions published now are eligible for this label year


def make_campaign(edition, *, year=YEAR, state="open", published=False, **overrides) -> Campaign:
    """A campaign whose dates put it in ``state`` now: "preparation", "open" or "closed"; ``published`` with
    a ceremony in the past ("past") or the future ("future")."""
    now = timezone.now()
    if state == "preparation":
        opens, deadline = now + timedelta(days=10), now + timedelta(days=60)
    elif state == "open":
        opens, deadline = now - timedelta(days=30), now + timedelta(days=30)
    else:
        opens, deadline = now - timedelta(days=90), now - timedelta(days=5)
    ceremony = deadline + timedelta(days=40)
    if published == "past":
        ceremony = now - timedelta(hours=1)
        deadline = min(deadline, ceremony - timedelta(days=30))
        opens = min(opens, deadline - timedelta(days=30))
    values = {
        "year": year,
        "opens_on": timezone.localdate(opens),
        "candidacy_deadline": deadline,
        "jury_meeting_on": timezone.localdate(deadline) + timedelta(days=5),
        "ceremony_at": ceremony,
        "edition": edition,
    }
    if published:
        values["published_at"] = now - timedelta(days=1)
        values["deliberated_at"] = now - timedelta(days=1)
    values.update(overrides)
    return Campaign.objects.create(**values)


def confirm_membership(territory, year=YEAR) -> Membership:
    return Membership.objects.create(territory=territory, year=year, level="simple", status="confirmed")


def eligible_action(territory, **kwargs):
    return ActionFactory(owner=territory, published=True, **kwargs)


def add_result(
    territory, year, arobases, *, campaign=None, alert=False, mentions=(), published=True, category="ville"
) -> Result:
    return Result.objects.create(
        territory=territory,
        year=year,
        arobases=arobases,
        campaign=campaign,
        alert=alert,
        mentions=list(mentions),
        published=published,
        source="jury" if campaign else "import",
        category=category,
    )


# A campaign whose jury is at work (closed, with validated snapshots), for the jury tests.


def validated_candidacy(campaign, territory, *, number: int = 1) -> Candidacy:
    """A candidacy with a validated snapshot built as `candidacy_services.validate_candidacy` builds it."""
    candidacy, _created = Candidacy.objects.get_or_create(
        campaign=campaign, territory=territory, defaults={"status": CandidacyStatus.VALIDATED}
    )
    dossier = candidacy_selectors.compute_dossier(campaign=campaign, territory=territory)
    CandidacySnapshot.objects.create(
        candidacy=candidacy,
        number=number,
        validated_at=timezone.now(),
        data={
            "edition": campaign.edition.year,
            "mosaic": dossier.mosaic.to_dict(),
            "actions": candidacy_selectors.frozen_actions([action["id"] for action in dossier.actions]),
            "facts": asdict(dossier.facts),
            "questionnaire": None,
            "warnings": [],
            "hors_concours": candidacy.hors_concours,
        },
    )
    return candidacy


def seat(campaign, *users) -> None:
    for user in users:
        JuryMember.objects.create(campaign=campaign, user=user)


def add_mentions(campaign) -> list[Mention]:
    return [
        Mention.objects.create(campaign=campaign, code="sante", label="Santé", position=0),
        Mention.objects.create(campaign=campaign, code="ecoles-internet", label="Écoles Internet", position=1),
    ]
