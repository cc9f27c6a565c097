"""Reads of the palmarès: the public years, a year's ranking, its levels and mentions; results only through the
secrecy gate (`label.selectors.published_results`)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.db.models import QuerySet

from arobase.label.models import Campaign, Result
from arobase.label.selectors import published_results


def palmares_years(*, now: datetime | None = None) -> list[int]:
    """Years with a public palmarès, most recent first."""
    # order_by() first: the model's default ordering would otherwise join the DISTINCT (one row per result).
    years = published_results(now=now).order_by("-year").values_list("year", flat=True).distinct()
    return list(years)


def palmares_is_public(year: int, *, now: datetime | None = None) -> bool:
    """True when the palmarès of ``year`` can be shown: some public result, or a published campaign.
    An unpublished campaign and an unknown year answer the same (False)."""
    if published_results(now=now).filter(year=year).exists():
        return True
    campaign = Campaign.objects.filter(year=year).first()
    return campaign is not None and campaign.is_public(now)


def palmares_results(year: int, *, now: datetime | None = None) -> QuerySet[Result]:
    """The general ranking of ``year``: all kinds mixed, most arobases first, then by name."""
    return (
        published_results(now=now)
        .filter(year=year)
        .select_related("territory", "territory__departement", "territory__region")
        .order_by("-arobases", "territory__name", "territory__code")
    )


def level_counts(results: QuerySet[Result]) -> list[tuple[int, int]]:
    """(arobases, number of results) from 5 @ down, levels without results included (0 @ only if present)."""
    counts = Counter(dict(Counter(results.order_by().values_list("arobases", flat=True))))
    levels = [5, 4, 3, 2, 1] + ([0] if counts.get(0) else [])
    return [(level, counts.get(level, 0)) for level in levels]


def mention_labels(results: QuerySet[Result]) -> list[str]:
    labels: set[str] = set()
    for mentions in results.order_by().values_list("mentions", flat=True):
        labels.update(mentions)
    return sorted(labels)
