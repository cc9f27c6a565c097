"""Building a campaign whose jury is at work (closed, with validated snapshots), for the jury tests."""

from __future__ import annotations

from dataclasses import asdict

from django.utils import timezone

from arobase.label import selectors
from arobase.label.models import Candidacy, CandidacySnapshot, CandidacyStatus, JuryMember, Mention


def validated_candidacy(campaign, territory, *, number: int = 1) -> Candidacy:
    """A candidacy with a validated snapshot built as `services.validate_candidacy` builds it."""
    candidacy, _created = Candidacy.objects.get_or_create(
        campaign=campaign, territory=territory, defaults={"status": CandidacyStatus.VALIDATED}
    )
    dossier = selectors.compute_dossier(campaign=campaign, territory=territory)
    CandidacySnapshot.objects.create(
        candidacy=candidacy,
        number=number,
        validated_at=timezone.now(),
        data={
            "edition": campaign.edition.year,
            "mosaic": dossier.mosaic.to_dict(),
            "actions": selectors.frozen_actions([action["id"] for action in dossier.actions]),
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
