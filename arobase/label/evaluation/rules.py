"""The evaluation of the label by its participants: the questions, who may answer, writes and the aggregate.

After validating its candidacy, each member of the collectivité (approved affiliation) may rate the label from 1
to 5 on a few questions and suggest improvements; one answer per person and campaign (editable). Staff see the
answers aggregated: average and number of answers per question, distribution, and the list of suggestions.

This module: the questions and the pure rules (checking ratings, the aggregate).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

SCALE = (1, 2, 3, 4, 5)
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("clarity", gettext_lazy("Les règles et le calendrier du label sont-ils clairs ?")),
    ("ease", gettext_lazy("Constituer et valider le dossier de candidature a-t-il été facile ?")),
    ("mosaic", gettext_lazy("La mosaïque vous aide-t-elle à repérer les services à développer ?")),
    ("usefulness", gettext_lazy("Le label est-il utile à votre collectivité ?")),
    ("support", gettext_lazy("L'accompagnement de l'équipe Villes Internet vous a-t-il aidé ?")),
)
QUESTION_KEYS = tuple(key for key, _question in QUESTIONS)


def clean_ratings(ratings: dict) -> dict[str, int]:
    """Every question answered with an integer from 1 to 5, nothing else (ValueError otherwise)."""
    if set(ratings) != set(QUESTION_KEYS):
        raise ValueError("every question must be answered")
    cleaned = {}
    for key in QUESTION_KEYS:
        value = ratings[key]
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise ValueError(f"{key}: {value!r} is not in 1..5")
        cleaned[key] = value
    return cleaned


@dataclass(frozen=True)
class QuestionSummary:
    key: str
    question: str
    count: int
    average: float | None
    distribution: tuple[tuple[int, int], ...]  # (score, answers), 1 to 5

    @property
    def average_fr(self) -> str:
        return "—" if self.average is None else f"{self.average:.1f}".replace(".", ",")


def aggregate(all_ratings: list[dict]) -> list[QuestionSummary]:
    summaries = []
    for key, question in QUESTIONS:
        values = [ratings[key] for ratings in all_ratings if isinstance(ratings.get(key), int)]
        counts = Counter(values)
        summaries.append(
            QuestionSummary(
                key=key,
                question=str(question),
                count=len(values),
                average=round(sum(values) / len(values), 2) if values else None,
                distribution=tuple((score, counts.get(score, 0)) for score in SCALE),
            )
        )
    return summaries
