"""Writes of the evaluation: a participant's answer (one per person and campaign, editable)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.evaluation.rules import clean_ratings
from arobase.label.evaluation.selectors import territories_for
from arobase.label.models import Campaign, EvaluationResponse


@transaction.atomic
def submit_evaluation(*, actor, campaign: Campaign, ratings: dict, suggestions: str = "") -> EvaluationResponse:
    territories = territories_for(actor, campaign)
    if not territories:
        raise LabelNotAllowed(
            _(
                "Le questionnaire d'évaluation est ouvert aux membres d'une collectivité dont la candidature a été "
                "validée."
            )
        )
    try:
        cleaned = clean_ratings(ratings)
    except ValueError:
        raise LabelError(_("Répondez à chaque question par une note de 1 à 5.")) from None
    response, _created = EvaluationResponse.objects.update_or_create(
        campaign=campaign,
        user=actor,
        defaults={"territory": territories[0], "ratings": cleaned, "suggestions": (suggestions or "")[:5000]},
    )
    return response
