"""Pure rules of the timeline: label milestones from published results, and how a dated milestone reads."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from arobase.core.french import MONTHS


@dataclass(frozen=True)
class PublishedResult:
    territory_id: int
    year: int
    arobases: int


@dataclass(frozen=True)
class LabelStep:
    """A label milestone of one collectivité: its first label (``first``) or a new arobase."""

    territory_id: int
    year: int
    arobases: int
    first: bool


def label_steps(results: Iterable[PublishedResult]) -> list[LabelStep]:
    """First label and each new arobase (more @ than ever before) per collectivité, by year.

    Results without arobase (the former "mention only" level) are not a label; several results the same year
    count once, with the best level."""
    best_by_year: dict[tuple[int, int], int] = {}
    for result in results:
        if result.arobases < 1:
            continue
        key = (result.territory_id, result.year)
        best_by_year[key] = max(best_by_year.get(key, 0), result.arobases)
    steps: list[LabelStep] = []
    best: dict[int, int] = {}
    for (territory_id, year), arobases in sorted(best_by_year.items(), key=lambda item: (item[0][1], item[0][0])):
        previous = best.get(territory_id)
        if previous is None or arobases > previous:
            steps.append(LabelStep(territory_id=territory_id, year=year, arobases=arobases, first=previous is None))
            best[territory_id] = arobases
    return steps


def date_label(date: datetime.date, precision: str) -> str:
    """ "2004", "mars 2004" or "1er mars 2004", as the precision allows."""
    if precision == "day":
        day = "1er" if date.day == 1 else str(date.day)
        return f"{day} {MONTHS[date.month - 1]} {date.year}"
    if precision == "month":
        return f"{MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


def normalised_date(date: datetime.date, precision: str) -> datetime.date:
    """The stored date of a milestone: the first of its month or year when the precision is coarser."""
    if precision == "year":
        return date.replace(month=1, day=1)
    if precision == "month":
        return date.replace(day=1)
    return date
