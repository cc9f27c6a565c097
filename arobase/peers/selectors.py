"""Reads of the comparison between collectivités, all from the coverage table of `arobase.mosaic` (see the rules
in `rules.py`).

- `find_peers`: the criteria (relaxed or set by the visitor) and the peers, one aggregate query for the relaxation
  and one paginated query for the list (plus one for the latest published arobases of a page of peers);
- `similar_collectivites`: "qui me ressemblent", Jaccard on the lit services of the year (2 queries);
- `compare`: coverage per enjeu of the collectivité, the peer median and its percentile rank among peers;
- `gaps`: the services unlit here that peers light, with the national share and examples of peers' actions.

Latest arobases come only from `arobase.label.selectors.published_results()`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cached_property

from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from arobase.actions.models import Action
from arobase.atlaas.selectors import actions_version
from arobase.label.selectors import published_results
from arobase.mosaic.models import RECENT_ACTIONS, ServiceCoverage, TerritoryCoverage
from arobase.mosaic.selectors import UnknownLabelYear, label_years
from arobase.mosaic.services import ensure_coverage
from arobase.peers import rules
from arobase.referential.models import ReferentialEdition, Service
from arobase.referential.selectors import edition_tree, services_in_tree_order
from arobase.referential.tree import EditionTree
from arobase.territories.models import LabelCategory, Territory, TerritoryKind
from arobase.territories.rules import label_category_of
from arobase.territories.strata import strata_for, stratum_index

__all__ = ["UnknownLabelYear"]

PEER_KINDS = (TerritoryKind.COMMUNE, TerritoryKind.EPCI)
# The coverage table keeps enough recent actions per peer and service for these examples.
EXAMPLES_PER_GAP = RECENT_ACTIONS
SIMILAR_COUNT = 20
CHART_ROW = 26


class InvalidCriteria(ValueError):
    """Criteria set by the visitor that cannot be applied (message in French)."""


class NotComparable(LookupError):
    """Only communes and EPCI have peers."""


@dataclass(frozen=True)
class Overrides:
    """Criteria set by the visitor; `None` keeps the collectivité's own."""

    population_min: int | None = None
    population_max: int | None = None
    region: str | None = None
    category: str | None = None

    @property
    def any(self) -> bool:
        return any(
            value is not None for value in (self.population_min, self.population_max, self.region, self.category)
        )


ALL = "toutes"


def _category_expression(prefix: str = "") -> Case:
    """`territories.rules.label_category_of` in SQL."""
    return Case(
        When(~Q(**{f"{prefix}label_category": ""}), then=F(f"{prefix}label_category")),
        When(**{f"{prefix}kind": TerritoryKind.EPCI}, then=Value(LabelCategory.TERRITOIRE)),
        default=Value(LabelCategory.VILLE),
        output_field=CharField(),
    )


def _criteria_q(criteria: rules.Criteria, prefix: str = "territory__") -> Q:
    q = Q(**{f"{prefix}kind": criteria.kind, f"{prefix}is_obsolete": False})
    population = Q(**{f"{prefix}population__gte": criteria.population_min})
    if criteria.population_min <= 0:
        population |= Q(**{f"{prefix}population__isnull": True})
    q &= population
    if criteria.population_max is not None:
        q &= Q(**{f"{prefix}population__lte": criteria.population_max})
    if criteria.region is not None:
        q &= Q(**{f"{prefix}region__code": criteria.region, f"{prefix}region__kind": TerritoryKind.REGION})
    if criteria.category is not None:
        q &= Q(peer_category=criteria.category)
    if criteria.epci_type is not None:
        q &= Q(**{f"{prefix}epci_type": criteria.epci_type})
    return q


def _kind_of_category(category: str, territory: Territory) -> str:
    if category == LabelCategory.TERRITOIRE:
        return TerritoryKind.EPCI
    if category in (LabelCategory.VILLE, LabelCategory.VILLAGE):
        return TerritoryKind.COMMUNE
    return territory.kind


@dataclass(frozen=True)
class PeerSet:
    territory: Territory
    year: int
    edition: tuple[int, int] = field(repr=False)  # (year, id) of the referential edition of label `year`
    category: str
    criteria: rules.Criteria
    overridden: bool
    rows: QuerySet[TerritoryCoverage] = field(repr=False)

    @property
    def count(self) -> int:
        return len(self.departement_of)

    @property
    def relaxation(self) -> str:
        return rules.relaxation_sentence(self.criteria.relaxed)

    @cached_property
    def departement_of(self) -> dict[int, int | None]:
        """`{peer id: its département id}`, read once: a plain list of ids lets both databases use the
        (year, territory) indexes."""
        return dict(self.rows.order_by().values_list("territory_id", "territory__departement_id"))

    @property
    def territory_ids(self) -> list[int]:
        return list(self.departement_of)

    def criteria_dict(self) -> dict:
        return {
            "category": self.criteria.category,
            "population_min": self.criteria.population_min,
            "population_max": self.criteria.population_max,
            "region": self.criteria.region,
            "relaxed": list(self.criteria.relaxed),
        }


def _coverage_rows(year: int) -> QuerySet[TerritoryCoverage]:
    return TerritoryCoverage.objects.filter(year=year).annotate(peer_category=_category_expression("territory__"))


def _checked_edition(year: int, today: date | None) -> tuple[int, int]:
    """(year, id) of the edition of label `year`, its coverage built (2 queries when current)."""
    known_years = label_years(today=today)
    edition = known_years.edition_id_for(year)
    ensure_coverage(year=year, today=today, known_years=known_years)
    return edition


def find_peers(
    *, territory: Territory, year: int, overrides: Overrides | None = None, today: date | None = None
) -> PeerSet:
    """The peers of `territory` for label `year` (see the rules). Raises `UnknownLabelYear`, `NotComparable`,
    `InvalidCriteria`."""
    if territory.kind not in PEER_KINDS:
        raise NotComparable(territory.kind)
    edition = _checked_edition(year, today)
    overrides = overrides or Overrides()
    category = label_category_of(territory)
    strata = strata_for(territory.kind)
    index = stratum_index(territory.population or 0, strata)
    region = territory.region.code if territory.region_id else None
    base = rules.base_criteria(
        kind=territory.kind,
        category=category,
        epci_type=territory.epci_type if territory.kind == TerritoryKind.EPCI else "",
        region=region,
        strata=strata,
        index=index,
    )
    rows = _coverage_rows(year).exclude(territory_id=territory.pk)
    if overrides.any:
        criteria = _overridden(base, overrides, territory)
    else:
        steps = rules.relaxation_steps(base, strata=strata, index=index)
        # Each step widens the previous one: rows outside the widest can be left out, which lets both databases
        # start from the territories' population index instead of reading every territory.
        counts = rows.filter(_criteria_q(steps[-1])).aggregate(
            **{f"step{i}": Count("pk", filter=_criteria_q(step)) for i, step in enumerate(steps)}
        )
        criteria = rules.choose_criteria(steps, [counts[f"step{i}"] for i in range(len(steps))])
    return PeerSet(
        territory=territory,
        year=year,
        edition=edition,
        category=category,
        criteria=criteria,
        overridden=overrides.any,
        rows=rows.filter(_criteria_q(criteria))
        .select_related("territory", "territory__region")
        .order_by("-lit_services", "-eligible_actions", "territory__name", "territory_id"),
    )


def _overridden(base: rules.Criteria, overrides: Overrides, territory: Territory) -> rules.Criteria:
    population_min = base.population_min if overrides.population_min is None else overrides.population_min
    population_max = base.population_max if overrides.population_max is None else overrides.population_max
    if population_min < 0 or (population_max is not None and population_max < 0):
        raise InvalidCriteria("La population doit être un nombre positif.")
    if overrides.population_max is not None and overrides.population_min is None:
        population_min = min(population_min, population_max)
    if overrides.population_min is not None and overrides.population_max is None and population_max is not None:
        population_max = max(population_max, population_min)
    if population_max is not None and population_min > population_max:
        raise InvalidCriteria("La population minimale dépasse la population maximale.")
    region = base.region
    if overrides.region is not None:
        region = None if overrides.region == ALL else overrides.region
        if region is not None and not Territory.objects.filter(kind=TerritoryKind.REGION, code=region).exists():
            raise InvalidCriteria(f"Aucune région ne porte le code « {region} ».")
    category, epci_type, kind = base.category, base.epci_type, base.kind
    if overrides.category is not None:
        if overrides.category == ALL:
            category, epci_type = None, None
        elif overrides.category in LabelCategory.values:
            category = overrides.category
            kind = _kind_of_category(category, territory)
            epci_type = epci_type if kind == territory.kind else None
        else:
            raise InvalidCriteria("La catégorie doit être ville, village, territoire ou toutes.")
    return rules.Criteria(
        kind=kind,
        category=category,
        epci_type=epci_type,
        population_min=population_min,
        population_max=population_max,
        region=region,
    )


@dataclass(frozen=True)
class PeerRow:
    code: str
    name: str
    kind: str
    category: str
    population: int | None
    region: str | None
    lit_services: int
    eligible_actions: int
    arobases: int | None
    arobases_year: int | None
    territory: Territory

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "category": self.category,
            "population": self.population,
            "region": self.region,
            "lit_services": self.lit_services,
            "eligible_actions": self.eligible_actions,
            "arobases": self.arobases,
            "arobases_year": self.arobases_year,
        }


def latest_arobases(territory_ids: list[int]) -> dict[int, tuple[int, int]]:
    """`{territory id: (arobases, year)}` of the latest published result of each (1 query)."""
    latest: dict[int, tuple[int, int]] = {}
    for territory_id, year, arobases in (
        published_results()
        .filter(territory_id__in=territory_ids)
        .order_by("territory_id", "-year")
        .values_list("territory_id", "year", "arobases")
    ):
        latest.setdefault(territory_id, (arobases, year))
    return latest


def peer_rows(coverages: list[TerritoryCoverage]) -> list[PeerRow]:
    """A page of peers with their latest published arobases (1 query)."""
    latest = latest_arobases([coverage.territory_id for coverage in coverages])
    rows = []
    for coverage in coverages:
        territory = coverage.territory
        arobases, arobases_year = latest.get(territory.pk, (None, None))
        rows.append(
            PeerRow(
                code=territory.code,
                name=territory.name,
                kind=territory.kind,
                category=coverage.peer_category,
                population=territory.population,
                region=territory.region.code if territory.region_id else None,
                lit_services=coverage.lit_services,
                eligible_actions=coverage.eligible_actions,
                arobases=arobases,
                arobases_year=arobases_year,
                territory=territory,
            )
        )
    return rows


# --- Qui me ressemblent -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Similar:
    territory: Territory
    similarity: Fraction
    common: int
    lit_services: int

    @property
    def percent(self) -> int:
        return int(self.similarity * 100 + Fraction(1, 2))


def lit_codes(*, territory: Territory, year: int) -> frozenset[str]:
    return frozenset(
        ServiceCoverage.objects.filter(territory=territory, year=year).values_list("service_code", flat=True)
    )


def similar_collectivites(
    *, territory: Territory, year: int, limit: int = SIMILAR_COUNT, today: date | None = None
) -> list[Similar]:
    """The collectivités whose lit services of label `year` are most similar to those of `territory` (Jaccard),
    most similar first (3 queries)."""
    _checked_edition(year, today)
    mine = lit_codes(territory=territory, year=year)
    if not mine:
        return []
    common = dict(
        ServiceCoverage.objects.filter(year=year, service_code__in=sorted(mine))
        .exclude(territory_id=territory.pk)
        .values("territory_id")
        .annotate(common=Count("pk"))
        .values_list("territory_id", "common")
    )
    sizes = dict(
        TerritoryCoverage.objects.filter(year=year, territory_id__in=list(common)).values_list(
            "territory_id", "lit_services"
        )
    )
    scored = sorted(
        (
            (rules.jaccard_from_counts(common=n, size_a=len(mine), size_b=sizes.get(pk, n)), n, pk)
            for pk, n in common.items()
        ),
        key=lambda item: (-item[0], -item[1], item[2]),
    )[:limit]
    territories = Territory.objects.in_bulk([pk for _s, _n, pk in scored])
    return [
        Similar(territory=territories[pk], similarity=similarity, common=n, lit_services=sizes.get(pk, n))
        for similarity, n, pk in scored
        if pk in territories
    ]


# --- Side by side -----------------------------------------------------------------------------------------


def _tree(peer_set: PeerSet) -> EditionTree:
    edition_year, edition_id = peer_set.edition
    return edition_tree(ReferentialEdition(pk=edition_id, year=edition_year))


@dataclass(frozen=True)
class EnjeuComparison:
    code: str
    label: str
    services: int
    lit_here: int
    peer_median: Fraction | None
    percentile: Fraction | None

    @property
    def coverage(self) -> Fraction:
        return Fraction(self.lit_here, self.services) if self.services else Fraction(0)

    @property
    def coverage_percent(self) -> int:
        return _percent(self.coverage)

    @property
    def median_percent(self) -> int | None:
        return None if self.peer_median is None else _percent(self.peer_median)

    @property
    def percentile_int(self) -> int | None:
        return None if self.percentile is None else int(self.percentile + Fraction(1, 2))


def _percent(value: Fraction) -> int:
    return int(value * 100 + Fraction(1, 2))


@dataclass(frozen=True)
class Comparison:
    peers: PeerSet
    enjeux: tuple[EnjeuComparison, ...]
    eligible_actions: int
    peer_median_actions: Fraction | None
    arobases: tuple[int, int] | None

    @property
    def chart(self) -> list[dict]:
        """Geometry of the bar chart (one row per enjeu, percentages of the bar width)."""
        return [
            {"enjeu": enjeu, "y": index * CHART_ROW, "bar": enjeu.coverage_percent, "median": enjeu.median_percent}
            for index, enjeu in enumerate(self.enjeux)
        ]

    @property
    def chart_height(self) -> int:
        return len(self.enjeux) * CHART_ROW + 30


def compare(*, peer_set: PeerSet) -> Comparison:
    """Coverage per enjeu of the collectivité beside its peers' (5 queries + the edition tree)."""
    tree = _tree(peer_set)
    enjeu_of = {
        service.code: enjeu.code for theme in tree.themes for enjeu in theme.enjeux for service in enjeu.services
    }
    peer_ids = list(peer_set.rows.values_list("territory_id", "eligible_actions"))
    per_peer: dict[int, dict[str, int]] = {pk: defaultdict(int) for pk, _n in peer_ids}
    for territory_id, code in ServiceCoverage.objects.filter(
        year=peer_set.year, territory_id__in=peer_set.territory_ids
    ).values_list("territory_id", "service_code"):
        if code in enjeu_of and territory_id in per_peer:
            per_peer[territory_id][enjeu_of[code]] += 1
    mine_codes = lit_codes(territory=peer_set.territory, year=peer_set.year)
    enjeux = []
    for theme in tree.themes:
        for enjeu in theme.enjeux:
            total = len(enjeu.services)
            lit_here = sum(1 for service in enjeu.services if service.code in mine_codes)
            values = [
                Fraction(counts.get(enjeu.code, 0), total) if total else Fraction(0) for counts in per_peer.values()
            ]
            mine = Fraction(lit_here, total) if total else Fraction(0)
            enjeux.append(
                EnjeuComparison(
                    code=enjeu.code,
                    label=enjeu.label,
                    services=total,
                    lit_here=lit_here,
                    peer_median=rules.median(values),
                    percentile=rules.percentile_rank(mine, values),
                )
            )
    own = TerritoryCoverage.objects.filter(territory=peer_set.territory, year=peer_set.year).first()
    latest = latest_arobases([peer_set.territory.pk]).get(peer_set.territory.pk)
    return Comparison(
        peers=peer_set,
        enjeux=tuple(enjeux),
        eligible_actions=own.eligible_actions if own else 0,
        peer_median_actions=rules.median([n for _pk, n in peer_ids]),
        arobases=latest,
    )


# --- Gaps -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    service: str
    name: str
    enjeu: str
    enjeu_label: str
    peer_share: Fraction
    national_share: Fraction
    examples: tuple[int, ...]

    @property
    def peer_percent(self) -> int:
        return _percent(self.peer_share)

    @property
    def national_percent(self) -> int:
        return _percent(self.national_share)

    def to_dict(self) -> dict:
        return {
            "service": self.service,
            "name": self.name,
            "enjeu": self.enjeu,
            "peer_share": float(self.peer_share),
            "national_share": float(self.national_share),
            "examples": list(self.examples),
        }


@dataclass(frozen=True)
class GapReport:
    peers: PeerSet
    peer_count: int
    results: tuple[GapRow, ...]


def national_lighting(year: int, *, version: int) -> tuple[dict[str, int], int]:
    """`({service code: collectivités lighting it}, collectivités with an eligible action)` for label `year`,
    cached per actions `version` (2 queries when not cached)."""
    key = f"peers-national:{year}:{version}"
    cached = cache.get(key)
    if cached is None:
        lighting = dict(
            ServiceCoverage.objects.filter(year=year)
            .values("service_code")
            .annotate(n=Count("pk"))
            .values_list("service_code", "n")
        )
        cached = (lighting, TerritoryCoverage.objects.filter(year=year).count())
        cache.set(key, cached, 3600)
    return cached


def gaps(*, peer_set: PeerSet) -> GapReport:
    """The services peers light that `peer_set.territory` does not (see the rules), with three examples of
    peers' eligible actions each: same département first, most recently active first. Cached per criteria,
    edition and actions version (any write of an action changes it, and with it the coverage table). Uncached,
    at most 7 queries after `find_peers`: the actions version, the edition's services, the lighting, the national
    shares (2, cached per version) and the examples (2)."""
    version = actions_version()
    criteria = hashlib.sha256(repr(peer_set.criteria).encode()).hexdigest()[:16]
    key = f"peers-gaps:{peer_set.territory.pk}:{peer_set.year}:{peer_set.edition[1]}:{criteria}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return GapReport(peers=peer_set, peer_count=cached[0], results=cached[1])
    report = _gaps(peer_set, version)
    cache.set(key, (report.peer_count, report.results), 3600)
    return report


def _lighting(peer_set: PeerSet) -> tuple[dict[str, int], frozenset[str]]:
    """`({service code: peers lighting it}, codes lit here)`, one query over the peers' rows and the
    collectivité's own."""
    here = Q(territory_id=peer_set.territory.pk)
    lighting, lit_here = {}, set()
    for code, peers, mine in (
        ServiceCoverage.objects.filter(
            year=peer_set.year, territory_id__in=[*peer_set.territory_ids, peer_set.territory.pk]
        )
        .values("service_code")
        .annotate(peers=Count("pk", filter=~here), mine=Count("pk", filter=here))
        .values_list("service_code", "peers", "mine")
    ):
        if peers:
            lighting[code] = peers
        if mine:
            lit_here.add(code)
    return lighting, frozenset(lit_here)


def _gaps(peer_set: PeerSet, version: int) -> GapReport:
    services = {service.code: service for service in services_in_tree_order(edition_id=peer_set.edition[1])}
    peer_count = peer_set.count
    lighting, lit_here = _lighting(peer_set)
    national, national_count = national_lighting(peer_set.year, version=version)
    ranked = rules.rank_gaps(
        lit_here=lit_here,
        services=list(services),
        peers_lighting=lighting,
        peers=peer_count,
        national_lighting=national,
        national=national_count,
    )
    examples = _examples(peer_set, [gap.service for gap in ranked])
    return GapReport(
        peers=peer_set,
        peer_count=peer_count,
        results=tuple(
            GapRow(
                service=gap.service,
                name=services[gap.service].label,
                enjeu=services[gap.service].enjeu_code,
                enjeu_label=services[gap.service].enjeu_label,
                peer_share=gap.peer_share,
                national_share=gap.national_share,
                examples=tuple(examples.get(gap.service, ())),
            )
            for gap in ranked
        ),
    )


def _examples(peer_set: PeerSet, codes: list[str]) -> dict[str, list[int]]:
    """The first examples of each service: same département first, most recently active first (2 queries).

    Each coverage row keeps its owner's most recent actions (`ServiceCoverage.recent_actions`), so the first
    examples are among those of (a) every peer of the same département, few, read whole, and (b) the first
    `EXAMPLES_PER_GAP` peers by latest action, which one subquery per rank finds by walking the
    (year, service, latest action) index from its newest end: a few index entries per service, whatever the number
    of peers. Python merges the few actions these rows keep."""
    if not codes or not peer_set.territory_ids:
        return {}
    departement = peer_set.territory.departement_id
    near = [pk for pk, other in peer_set.departement_of.items() if other == departement] if departement else []
    candidates: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    if near:
        for code, recent in ServiceCoverage.objects.filter(
            year=peer_set.year, territory_id__in=near, service_code__in=codes, latest_action_id__isnull=False
        ).values_list("service_code", "recent_actions"):
            candidates[code].extend((0, -moment, -action_id) for action_id, moment in recent)
    newest = (
        ServiceCoverage.objects.filter(
            year=peer_set.year,
            service_code=OuterRef("code"),
            territory_id__in=peer_set.territory_ids,
            latest_action_id__isnull=False,
        )
        .order_by("-latest_activity_at", "-latest_action_id")
        .values("recent_actions")
    )
    ranks = {f"rank{rank}": Subquery(newest[rank : rank + 1]) for rank in range(EXAMPLES_PER_GAP)}
    for code, *ranked in (
        Service.objects.filter(edition_id=peer_set.edition[1], code__in=codes)
        .order_by()
        .annotate(**ranks)
        .values_list("code", *ranks)
    ):
        for recent in ranked:
            # A peer of the same département met again here keeps its rank above (first occurrence wins below).
            candidates[code].extend((1, -moment, -action_id) for action_id, moment in recent or ())
    examples: dict[str, list[int]] = {}
    for code, found in candidates.items():
        ids: list[int] = []
        for _outside, _moment, negated_id in sorted(found):
            if -negated_id not in ids:
                ids.append(-negated_id)
        examples[code] = ids[:EXAMPLES_PER_GAP]
    return examples


def example_actions(ids: list[int]) -> dict[int, Action]:
    """The example actions for a page, with owner and actors (2 queries); only published ones."""
    return Action.objects.published().select_related("owner").prefetch_related("actors").in_bulk(ids)
