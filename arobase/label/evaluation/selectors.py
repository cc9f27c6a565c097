"""Reads of the evaluation: who may answer for which collectivité, a person's answer, the staff summary."""

from __future__ import annotations

from dataclasses import dataclass

from arobase.accounts.models import Affiliation, AffiliationStatus
from arobase.accounts.permissions import is_staff
from arobase.label.evaluation.rules import QuestionSummary, aggregate
from arobase.label.models import Campaign, Candidacy, EvaluationResponse


def territories_for(user, campaign: Campaign) -> list:
    """Collectivités of which ``user`` is an approved member and whose candidacy was validated at least once."""
    if not user.is_authenticated:
        return []
    territory_ids = Affiliation.objects.filter(user=user, status=AffiliationStatus.APPROVED).values("territory_id")
    return [
        candidacy.territory
        for candidacy in Candidacy.objects.filter(
            campaign=campaign, territory_id__in=territory_ids, snapshots__isnull=False
        )
        .distinct()
        .select_related("territory")
    ]


def can_answer(user, campaign: Campaign) -> bool:
    return bool(territories_for(user, campaign))


def response_of(user, campaign: Campaign) -> EvaluationResponse | None:
    if not user.is_authenticated:
        return None
    return EvaluationResponse.objects.filter(user=user, campaign=campaign).first()


@dataclass(frozen=True)
class EvaluationSummary:
    campaign: Campaign
    count: int
    questions: list[QuestionSummary]
    suggestions: list[EvaluationResponse]


def summary(campaign: Campaign) -> EvaluationSummary:
    responses = list(EvaluationResponse.objects.filter(campaign=campaign).select_related("territory"))
    return EvaluationSummary(
        campaign=campaign,
        count=len(responses),
        questions=aggregate([r.ratings for r in responses]),
        suggestions=[r for r in responses if r.suggestions.strip()],
    )


def can_see_summary(user) -> bool:
    return is_staff(user)
