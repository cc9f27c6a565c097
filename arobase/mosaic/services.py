"""Writes of the mosaïque: the coverage table (see `models`), kept equal to what `selectors.territory_mosaic`
computes.

`refresh_coverage(territory_ids=...)` recomputes the collectivités an action belongs to; the Atlaas signals call it
in the same transaction as every write of an action or of its parts (`atlaas.services.actions_written`).
`refresh_coverage()` without collectivités rebuilds every known label year (`manage.py rebuild_coverage`, the demo
generator). The whole computation reads all concerned actions once (3 queries, plus 1 for mappings when an older
edition is involved) and applies the mosaïque's counting rule in Python for every label year.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from arobase.actions import rules as action_rules
from arobase.actions.models import Action, ActionTerritory
from arobase.mosaic.models import RECENT_ACTIONS, CoverageYear, ServiceCoverage, TerritoryCoverage
from arobase.mosaic.selectors import LabelYears, label_years, service_resolver
from arobase.territories.models import Territory

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())


def _activity_year(moment) -> int | None:
    return timezone.localtime(moment).year if moment is not None else None


def _microseconds(moment: datetime) -> int:
    """Exact, comparable and JSON-friendly: two activities in the same second keep their order."""
    return (moment - _EPOCH) // timedelta(microseconds=1)


@dataclass
class Coverage:
    """Per (year, territory id, service code): eligible actions, and the owner's most recent ones as
    `(action id, last activity)` pairs, newest first; per (year, territory id): eligible actions."""

    services: dict[tuple[int, int, str], int] = field(default_factory=lambda: defaultdict(int))
    recent: dict[tuple[int, int, str], list[tuple[int, datetime]]] = field(default_factory=lambda: defaultdict(list))
    totals: dict[tuple[int, int], int] = field(default_factory=lambda: defaultdict(int))


def compute_coverage(
    *, years: LabelYears, label_year_list: Iterable[int], territory_ids: Iterable[int] | None = None
) -> Coverage:
    """The coverage of the given label years, for every collectivité or only those of `territory_ids`."""
    coverage = Coverage()
    wanted_years = sorted(set(label_year_list))
    if not wanted_years:
        return coverage
    first_activity = min(wanted_years) - action_rules.WINDOW_YEARS
    last_activity = max(wanted_years) - 1
    candidates = Action.objects.filter(
        is_published=True,
        status__in=sorted(action_rules.ELIGIBLE_STATUSES),
        last_activity_at__gte=_year_start(first_activity),
        last_activity_at__lt=_year_start(last_activity + 1),
    )
    if territory_ids is not None:
        ids = sorted(set(territory_ids))
        if not ids:
            return coverage
        owned = Action.objects.filter(owner_id__in=ids).order_by().values("pk")
        shared = ActionTerritory.objects.filter(territory_id__in=ids).order_by().values("action_id")
        candidates = candidates.filter(pk__in=owned.union(shared))
    # Newest first, so that the first actions met for a (year, collectivité, service) are its most recent ones.
    actions = {
        pk: (owner_id, edition_id, moment, _activity_year(moment))
        for pk, owner_id, edition_id, moment in candidates.order_by("-last_activity_at", "-pk").values_list(
            "pk", "owner_id", "edition_id", "last_activity_at"
        )
    }
    if not actions:
        return coverage
    territories_of: dict[int, set[int]] = {pk: {owner_id} for pk, (owner_id, *_rest) in actions.items()}
    for action_id, territory_id in (
        ActionTerritory.objects.filter(action_id__in=candidates.values("pk"))
        .order_by()
        .values_list("action_id", "territory_id")
    ):
        territories_of[action_id].add(territory_id)
    services_of: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for action_id, service_id, code, service_year in (
        Action.services.through.objects.filter(action_id__in=candidates.values("pk"))
        .order_by()
        .values_list("action_id", "service_id", "service__code", "service__edition__year")
    ):
        services_of[action_id].append((service_id, code, service_year))

    wanted_territories = set(territory_ids) if territory_ids is not None else None
    services, recent, totals = coverage.services, coverage.recent, coverage.totals
    resolvers: dict[int, object] = {}
    for year in wanted_years:
        edition_year, edition_id = years.edition_id_for(year)
        for action_id, (owner_id, action_edition_id, moment, activity_year) in actions.items():
            if not action_rules.activity_counts_for(activity_year, year):
                continue
            codes: set[str] = set()
            for service_id, code, service_year in services_of.get(action_id, ()):
                if action_edition_id != edition_id and service_year < edition_year:
                    if edition_id not in resolvers:
                        resolvers[edition_id] = service_resolver(edition_id, edition_year)
                    codes |= resolvers[edition_id](service_id)
                else:
                    codes.add(code)
            for territory_id in territories_of[action_id]:
                if wanted_territories is not None and territory_id not in wanted_territories:
                    continue
                totals[(year, territory_id)] += 1
                for code in codes:
                    key = (year, territory_id, code)
                    services[key] += 1
                    if territory_id == owner_id and len(recent[key]) < RECENT_ACTIONS:
                        recent[key].append((action_id, moment))
    return coverage


def _known_codes(edition_ids: set[int]) -> dict[int, frozenset[str]]:
    from arobase.referential.models import Service

    known: dict[int, set[str]] = defaultdict(set)
    for edition_id, code in Service.objects.filter(edition_id__in=edition_ids).values_list("edition_id", "code"):
        known[edition_id].add(code)
    return {edition_id: frozenset(codes) for edition_id, codes in known.items()}


@transaction.atomic
def refresh_coverage(
    *, territory_ids: Iterable[int] | None = None, years: Iterable[int] | None = None, today: date | None = None
) -> int:
    """Recompute the coverage of these collectivités (all of them when `territory_ids` is None) for these label
    years (every known one by default). Returns the number of service rows written."""
    known_years = label_years(today=today)
    chosen = sorted(set(years) if years is not None else set(known_years.years))
    chosen = [year for year in chosen if year in known_years.years]
    ids = None if territory_ids is None else sorted({pk for pk in territory_ids if pk is not None})
    if not chosen or ids == []:
        return 0
    if ids is not None:
        # Two writes touching one collectivité at once would both replace its rows: the second waits for the
        # first (PostgreSQL row locks, always taken in the same order; SQLite serialises writes anyway).
        list(Territory.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    coverage = compute_coverage(years=known_years, label_year_list=chosen, territory_ids=ids)
    edition_of = {year: known_years.edition_id_for(year)[1] for year in chosen}
    # Codes outside the edition's tree never light a cell of the mosaïque (`Mosaic.ignored_codes`).
    known_codes = _known_codes(set(edition_of.values()))
    lit: dict[tuple[int, int], int] = defaultdict(int)
    rows = []
    for (year, territory_id, code), count in coverage.services.items():
        if code in known_codes.get(edition_of[year], ()):
            recent = coverage.recent.get((year, territory_id, code), [])
            rows.append(
                ServiceCoverage(
                    territory_id=territory_id,
                    year=year,
                    service_code=code,
                    eligible_actions=count,
                    recent_actions=[[action_id, _microseconds(moment)] for action_id, moment in recent],
                    latest_action_id=recent[0][0] if recent else None,
                    latest_activity_at=recent[0][1] if recent else None,
                )
            )
            lit[(year, territory_id)] += 1
    stale_services = ServiceCoverage.objects.filter(year__in=chosen)
    stale_totals = TerritoryCoverage.objects.filter(year__in=chosen)
    if ids is not None:
        stale_services = stale_services.filter(territory_id__in=ids)
        stale_totals = stale_totals.filter(territory_id__in=ids)
    stale_services.delete()
    stale_totals.delete()
    ServiceCoverage.objects.bulk_create(rows, batch_size=2000)
    TerritoryCoverage.objects.bulk_create(
        [
            TerritoryCoverage(territory_id=territory_id, year=year, eligible_actions=count, lit_services=lit[key])
            for key, count in coverage.totals.items()
            for year, territory_id in [key]
        ],
        batch_size=2000,
    )
    if ids is None:
        for year in chosen:
            CoverageYear.objects.update_or_create(year=year, defaults={"edition_id": edition_of[year]})
        # Every row was just replaced: fresh statistics let the planner use the (year, service, collectivité) index
        # for a list of peers (SQLite keeps none until asked; PostgreSQL would wait for autovacuum).
        with connection.cursor() as cursor:
            for model in (ServiceCoverage, TerritoryCoverage):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return len(rows)


def ensure_coverage(*, year: int, today: date | None = None, known_years: LabelYears | None = None) -> None:
    """Build label `year` when it was never computed or was computed with another edition (1 query when current,
    plus 1 unless the caller passes the `known_years` it has read). Raises `selectors.UnknownLabelYear`."""
    known_years = known_years or label_years(today=today)
    _edition_year, edition_id = known_years.edition_id_for(year)
    if not CoverageYear.objects.filter(year=year, edition_id=edition_id).exists():
        # Another request building the same year at the same time wins: its rows stand.
        with contextlib.suppress(IntegrityError):
            refresh_coverage(years=[year], today=today)
