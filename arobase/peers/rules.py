"""Pure rules of the comparison between collectivités: no database, no Django.

**Criteria.** The peers of a collectivité for a label year share its category (Ville, Village, Territoire; an EPCI
also its EPCI type), its population stratum (`arobase.territories.strata`) and its région, and have at least one
eligible action that year (a collectivité absent from the platform says nothing about what peers do).

**Relaxation.** While fewer than `MIN_PEERS` collectivités meet the criteria, they are widened one step at a time,
in this order, and every step taken is stated: the neighbouring strata (one on each side), then no région, then no
category (any commune for a commune, any EPCI for an EPCI). Criteria the visitor sets are never relaxed.

**Similarity.** Jaccard index of two sets of lit services: |A ∩ B| / |A ∪ B| (0 for two empty sets).

**Gaps.** Services unlit here that at least `GAP_THRESHOLD` of the peers light, ranked by peer share, then by how
much more often than nationally (peer share / national share; a service nobody lights nationally ranks first),
then by code.

**Median and percentile.** The median of the peers' values (mean of the two middle ones for an even count) and the
percentile rank of a value among them: the share of peers below it plus half of those equal to it, times 100.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from arobase.territories.strata import Stratum

MIN_PEERS = 15
GAP_THRESHOLD = Fraction(3, 10)

STRATA = "strata"
REGION = "region"
CATEGORY = "category"
RELAXATION_ORDER = (STRATA, REGION, CATEGORY)

RELAXATION_WORDING = {
    STRATA: "strates de population voisines incluses",
    REGION: "toutes les régions",
    CATEGORY: "toutes les catégories",
}


@dataclass(frozen=True)
class Criteria:
    """What a peer must match. `None` means the criterion is not applied."""

    kind: str
    category: str | None
    epci_type: str | None
    population_min: int
    population_max: int | None
    region: str | None
    relaxed: tuple[str, ...] = ()

    def accepts(self, *, kind: str, category: str, epci_type: str, population: int | None, region: str | None) -> bool:
        population = population or 0
        return (
            kind == self.kind
            and (self.category is None or category == self.category)
            and (self.epci_type is None or epci_type == self.epci_type)
            and population >= self.population_min
            and (self.population_max is None or population <= self.population_max)
            and (self.region is None or region == self.region)
        )


def stratum_range(strata: Sequence[Stratum], first: int, last: int) -> tuple[int, int | None]:
    """Population bounds of strata `first`..`last` (clamped to the existing strata)."""
    first = max(first, 0)
    last = min(last, len(strata) - 1)
    return strata[first].population_min, strata[last].population_max


def base_criteria(
    *,
    kind: str,
    category: str,
    epci_type: str,
    region: str | None,
    strata: Sequence[Stratum],
    index: int,
) -> Criteria:
    """The strict criteria of a collectivité: its category (and EPCI type), its stratum, its région."""
    population_min, population_max = stratum_range(strata, index, index)
    return Criteria(
        kind=kind,
        category=category,
        epci_type=epci_type or None,
        population_min=population_min,
        population_max=population_max,
        region=region,
    )


def relaxation_steps(base: Criteria, *, strata: Sequence[Stratum], index: int) -> tuple[Criteria, ...]:
    """`base`, then each relaxation step applied on top of the previous ones, in `RELAXATION_ORDER`."""
    steps = [base]
    population_min, population_max = stratum_range(strata, index - 1, index + 1)
    current = replace(base, population_min=population_min, population_max=population_max, relaxed=(STRATA,))
    steps.append(current)
    current = replace(current, region=None, relaxed=(*current.relaxed, REGION))
    steps.append(current)
    current = replace(current, category=None, epci_type=None, relaxed=(*current.relaxed, CATEGORY))
    steps.append(current)
    return tuple(steps)


def choose_criteria(steps: Sequence[Criteria], counts: Sequence[int], *, minimum: int = MIN_PEERS) -> Criteria:
    """The first step with at least `minimum` peers, else the widest one."""
    for criteria, count in zip(steps, counts, strict=True):
        if count >= minimum:
            return criteria
    return steps[-1]


def relaxation_sentence(relaxed: Iterable[str]) -> str:
    """The relaxation, stated in French ("" when the strict criteria were enough)."""
    parts = [RELAXATION_WORDING[step] for step in relaxed]
    if not parts:
        return ""
    return f"Critères élargis, faute de {MIN_PEERS} collectivités comparables : " + ", ".join(parts) + "."


def jaccard(first: Iterable[str], second: Iterable[str]) -> Fraction:
    a, b = set(first), set(second)
    union = a | b
    return Fraction(len(a & b), len(union)) if union else Fraction(0)


def jaccard_from_counts(*, common: int, size_a: int, size_b: int) -> Fraction:
    """Jaccard index from |A ∩ B|, |A| and |B| (what one aggregate query gives)."""
    if common < 0 or common > min(size_a, size_b):
        raise ValueError("the intersection cannot be larger than either set")
    union = size_a + size_b - common
    return Fraction(common, union) if union else Fraction(0)


def median(values: Sequence[float | Fraction]) -> Fraction | None:
    """Median of the values (None when there are none)."""
    if not values:
        return None
    ordered = sorted(Fraction(value) for value in values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile_rank(value: float | Fraction, values: Sequence[float | Fraction]) -> Fraction | None:
    """Percentile rank (0..100) of `value` among `values` (mid-rank: below + half of the equal ones)."""
    if not values:
        return None
    value = Fraction(value)
    below = sum(1 for other in values if Fraction(other) < value)
    equal = sum(1 for other in values if Fraction(other) == value)
    return Fraction(100 * (2 * below + equal), 2 * len(values))


@dataclass(frozen=True)
class Gap:
    service: str
    peer_share: Fraction
    national_share: Fraction


def share(part: int, whole: int) -> Fraction:
    if part < 0 or whole < 0 or part > whole:
        raise ValueError(f"invalid share {part}/{whole}")
    return Fraction(part, whole) if whole else Fraction(0)


def rank_gaps(
    *,
    lit_here: Iterable[str],
    services: Iterable[str],
    peers_lighting: Mapping[str, int],
    peers: int,
    national_lighting: Mapping[str, int],
    national: int,
    threshold: Fraction = GAP_THRESHOLD,
) -> tuple[Gap, ...]:
    """The gaps (see the module docstring) among `services` (the codes of the edition)."""
    lit = set(lit_here)
    gaps = []
    for code in services:
        if code in lit or not peers:
            continue
        peer_share = share(peers_lighting.get(code, 0), peers)
        if peer_share < threshold or peer_share == 0:
            continue
        national_share = share(min(national_lighting.get(code, 0), national), national)
        gaps.append(Gap(service=code, peer_share=peer_share, national_share=national_share))

    def key(gap: Gap):
        # How much more often than nationally: a service nobody lights nationally comes first.
        lift = gap.peer_share / gap.national_share if gap.national_share else None
        return (-gap.peer_share, lift is not None, -(lift or 0), gap.service)

    return tuple(sorted(gaps, key=key))
