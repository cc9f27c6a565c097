"""Reads of the mosaïque: which edition a label year uses, how many eligible actions a collectivité has per
service, and recent actions of other collectivités for the services it has not lit yet.

**Edition of a label year.** The mosaïque of label year N uses the *published* referential edition whose year is
N; when there is none (the comité has not published it yet, or staff are still editing a draft copy), the latest
published edition whose year is before N. Drafts are never shown. A label year is known when it lies between the
year of the first published edition and the label being prepared (`next_label_year(today)`) or the latest
published edition if that is later; other years raise `UnknownLabelYear` (the API answers 404).

**Eligible actions.** Those of `Action.objects.eligible_for(N)` (published, *en cours* or *réalisée*, last
activity in N-1 or N-2) owned by the collectivité or shared with it. An action counts once per service it is
filed under:

- an action filed under the edition the mosaïque uses counts for its services' codes (one aggregate query
  grouped by service code);
- an action filed under an older edition counts for the services its services became, following
  `ServiceMapping` (towards the mosaïque's edition when a mapping goes there directly, otherwise through the
  newest intermediate edition it was mapped to, and so on); a service with no mapping was dropped and counts
  for nothing. An action of a newer edition than the mosaïque's (rare: a back-dated label year) counts for the
  services of the same code. Each action counts at most once per service of the mosaïque.
  This costs one query for the (action, service) rows of such actions and, only when there are some, one query
  for the mappings.

Whatever the number of actions, `territory_mosaic` runs 6 queries: editions, the tree (3), the
aggregate, the other-edition rows (plus 1 for mappings when needed).

**Examples elsewhere.** `actions_elsewhere` lists the published actions of other collectivités for one service
code (any edition: a code is stable from one edition to the next); pages load them on demand, one service at a time.
**Most lit services.** `most_lit_services` ranks the services of an edition by the number of collectivités with an
eligible action for them (one aggregate, cached), to show a collectivité with nothing lit where to start.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from arobase.actions import rules as action_rules
from arobase.actions.models import Action, ActionTerritory
from arobase.mosaic.rules import Mosaic, compute_mosaic
from arobase.referential.models import EditionStatus, ReferentialEdition, Service, ServiceMapping
from arobase.referential.selectors import edition_tree
from arobase.territories.models import Territory


class UnknownLabelYear(LookupError):
    """No published referential edition can be used for that label year."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year


# --- Label years and editions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelYears:
    """The label years a mosaïque can be shown for (most recent first), the default one, and the published
    editions as (year, id) pairs, most recent first."""

    years: tuple[int, ...]
    default: int
    editions: tuple[tuple[int, int], ...]

    def edition_id_for(self, year: int) -> tuple[int, int]:
        """(edition year, edition id) used for label `year`; raises `UnknownLabelYear`."""
        if year not in self.years:
            raise UnknownLabelYear(year)
        for edition_year, edition_id in self.editions:
            if edition_year <= year:
                return edition_year, edition_id
        raise UnknownLabelYear(year)  # pragma: no cover - years are built from editions


def label_years(*, today: date | None = None) -> LabelYears:
    """Known label years (1 query)."""
    today = today or timezone.localdate()
    editions = tuple(
        ReferentialEdition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-year").values_list("year", "pk")
    )
    default = action_rules.next_label_year(today)
    if not editions:
        return LabelYears(years=(), default=default, editions=())
    first, latest = editions[-1][0], editions[0][0]
    last = max(default, latest)
    return LabelYears(years=tuple(range(last, first - 1, -1)), default=default, editions=editions)


def edition_for_label_year(year: int, *, today: date | None = None) -> ReferentialEdition:
    """The published edition the mosaïque of label `year` uses (see the module docstring). Raises
    `UnknownLabelYear`."""
    _edition_year, edition_id = label_years(today=today).edition_id_for(year)
    return ReferentialEdition.objects.get(pk=edition_id)


# --- Counts -----------------------------------------------------------------------------------------------


def eligible_actions_of(*, territory: Territory, year: int) -> QuerySet[Action]:
    """Actions that count for `territory` for label `year`: eligible, owned by it or shared with it."""
    return Action.objects.eligible_for(year).of_territory(territory)


def service_resolver(edition_id: int, edition_year: int):
    """A function mapping a service id of an older edition to the set of (code) of the services of the target
    edition it became, from the mappings loaded in one query."""
    edges: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for from_id, to_id, to_year, to_edition_id, to_code in ServiceMapping.objects.filter(
        to_service__edition__year__lte=edition_year
    ).values_list(
        "from_service_id", "to_service_id", "to_service__edition__year", "to_service__edition_id", "to_service__code"
    ):
        edges[from_id].append((to_id, to_year, to_edition_id, to_code))
    memo: dict[int, frozenset[str]] = {}

    def resolve(service_id: int, seen: frozenset[int] = frozenset()) -> frozenset[str]:
        if service_id in memo:
            return memo[service_id]
        targets = edges.get(service_id, [])
        if not targets or service_id in seen:
            return frozenset()
        nearest = max(to_year for _to_id, to_year, _e, _c in targets)
        codes: set[str] = set()
        for to_id, to_year, to_edition_id, to_code in targets:
            if to_year != nearest:
                continue
            if to_edition_id == edition_id:
                codes.add(to_code)
            else:
                codes |= resolve(to_id, seen | {service_id})
        memo[service_id] = frozenset(codes)
        return memo[service_id]

    return resolve


def eligible_counts(*, territory: Territory, year: int, edition_id: int, edition_year: int) -> dict[str, int]:
    """Number of eligible actions of `territory` for label `year` per service code of the given edition
    (2 or 3 queries whatever the number of actions)."""
    eligible = eligible_actions_of(territory=territory, year=year)
    counts: dict[str, int] = {
        code: n
        for code, n in eligible.filter(edition_id=edition_id)
        .order_by()
        .values("services__code")
        .annotate(n=Count("pk", distinct=True))
        .values_list("services__code", "n")
        if code is not None
    }

    through = Action.services.through
    rows = list(
        through.objects.filter(action_id__in=eligible.exclude(edition_id=edition_id).values("pk")).values_list(
            "action_id", "service_id", "service__code", "service__edition__year"
        )
    )
    if not rows:
        return counts
    resolve = service_resolver(edition_id, edition_year) if any(y < edition_year for *_rest, y in rows) else None
    actions_of: dict[str, set[int]] = defaultdict(set)
    for action_id, service_id, code, service_year in rows:
        codes = resolve(service_id) if service_year < edition_year else {code}
        for target in codes:
            actions_of[target].add(action_id)
    for code, action_ids in actions_of.items():
        counts[code] = counts.get(code, 0) + len(action_ids)
    return counts


def territory_mosaic(*, territory: Territory, year: int, today: date | None = None) -> Mosaic:
    """The mosaïque of `territory` for label `year` (6 queries, 7 with actions of an older edition).
    Raises `UnknownLabelYear`."""
    return _mosaic(territory=territory, year=year, years=label_years(today=today))


def _mosaic(*, territory: Territory, year: int, years: LabelYears) -> Mosaic:
    edition_year, edition_id = years.edition_id_for(year)
    tree = edition_tree(ReferentialEdition(pk=edition_id, year=edition_year))
    counts = eligible_counts(territory=territory, year=year, edition_id=edition_id, edition_year=edition_year)
    return compute_mosaic(tree.themes, counts, year=year, territory=territory.code)


# --- Examples elsewhere -----------------------------------------------------------------------------------


def actions_elsewhere(service_code: str, *, exclude_territory: Territory | None = None) -> QuerySet[Action]:
    """Published actions filed under a service of that code (any edition) that do not belong to
    `exclude_territory` (neither owned by nor shared with it), most recently active first."""
    through = Action.services.through
    actions = Action.objects.published().filter(
        pk__in=through.objects.filter(service__code=service_code).values("action_id")
    )
    if exclude_territory is not None:
        actions = _exclude_territory(actions, exclude_territory, prefix="")
    return actions.select_related("owner").order_by("-last_activity_at", "-pk")


def _exclude_territory(queryset: QuerySet, territory: Territory, *, prefix: str) -> QuerySet:
    shared = ActionTerritory.objects.filter(territory_id=territory.pk).values("action_id")
    return queryset.exclude(Q(**{f"{prefix}owner_id": territory.pk}) | Q(**{f"{prefix}pk__in": shared}))


def service_label(code: str) -> str | None:
    """The label of a service code in the most recent edition that has it (1 query), or None."""
    return (
        Service.objects.filter(code=code, edition__status=EditionStatus.PUBLISHED)
        .order_by("-edition__year")
        .values_list("label", flat=True)
        .first()
    )


@dataclass(frozen=True)
class MostLitService:
    code: str
    label: str
    territories: int


MOST_LIT_COUNT = 8


def most_lit_services(
    *,
    year: int,
    edition_id: int,
    actions_version: Callable[[], int],
    limit: int = MOST_LIT_COUNT,
    today: date | None = None,
) -> tuple[MostLitService, ...]:
    """The services of an edition most often lit for label `year` across the country: those with eligible actions
    of the most collectivités (owners counted once per service), most first, then by code. Cached per label year,
    edition, actions version and day (1 query for the key, 1 aggregate when it is not cached). `actions_version`
    reads the generation bumped by every action write: it lives in the Atlaas, above this app, so the caller
    gives it."""
    day = (today or timezone.localdate()).isoformat()
    key = f"mosaic-most-lit:{year}:{edition_id}:{limit}:{actions_version()}:{day}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = (
        Action.services.through.objects.filter(
            service__edition_id=edition_id, action_id__in=Action.objects.eligible_for(year).values("pk")
        )
        .values("service__code", "service__label")
        .annotate(territories=Count("action__owner_id", distinct=True))
        .order_by("-territories", "service__code")[:limit]
    )
    found = tuple(
        MostLitService(code=row["service__code"], label=row["service__label"], territories=row["territories"])
        for row in rows
    )
    cache.set(key, found, 3600)
    return found


# --- What pages show --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MosaicPanel:
    """The mosaïque as pages show it: the grid (its weak enjeux link to examples of their unlit services, loaded
    on their own page), the services most often lit in the country when nothing is lit, to start with, and the
    label years one may choose."""

    territory: Territory
    year: int
    edition_year: int | None
    years: tuple[int, ...]
    mosaic: Mosaic | None
    most_lit: tuple[MostLitService, ...] = ()
    requested_year_unknown: bool = False
    prefix: str = "mosaique"

    @property
    def is_empty(self) -> bool:
        return self.mosaic is None


def mosaic_panel(
    *,
    territory: Territory,
    actions_version: Callable[[], int],
    year: int | str | None = None,
    today: date | None = None,
    prefix: str = "mosaique",
) -> MosaicPanel:
    """Everything the mosaïque include shows for `territory` (`territory_mosaic`, plus one or two queries for the
    most lit services when nothing is lit). An unknown or malformed `year` falls back to the label being
    prepared."""
    years = label_years(today=today)
    requested = requested_label_year(year)
    chosen = requested if requested in years.years else years.default
    unknown = year not in (None, "") and requested != chosen
    if chosen not in years.years:
        return MosaicPanel(
            territory=territory,
            year=chosen,
            edition_year=None,
            years=years.years,
            mosaic=None,
            requested_year_unknown=unknown,
            prefix=prefix,
        )
    mosaic = _mosaic(territory=territory, year=chosen, years=years)
    edition_year, edition_id = years.edition_id_for(chosen)
    most_lit = (
        ()
        if mosaic.lit_count
        else most_lit_services(year=chosen, edition_id=edition_id, actions_version=actions_version, today=today)
    )
    return MosaicPanel(
        territory=territory,
        year=chosen,
        edition_year=edition_year,
        years=years.years,
        mosaic=mosaic,
        most_lit=most_lit,
        requested_year_unknown=unknown,
        prefix=prefix,
    )


def requested_label_year(value: int | str | None) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 4:
        return int(value.strip())
    return None
