"""Pure rules of the baromètre: how eligible actions are tallied, the small-cell rule, the classes of the map and
the geometry of the bar charts. No database access.

**Tallies.** An eligible action counts for every collectivité it belongs to (its owner and its partners, as in the
mosaïque) and for every service of the referential edition of the year that it lights. A cell of a table counts the
collectivités with at least one such action and the actions themselves; an action lighting two services of one enjeu
counts once for the enjeu.

**Small cells.** A cell counting fewer than `SMALL_CELL` collectivités is not shown. Where the cells of a table
partition a total that is shown (régions of France, départements of a région, population strata), hiding one small
cell alone would let anyone recover it by subtracting the shown cells from the total: so the smallest shown cells
are hidden too until the hidden cells add up to nothing or to at least `SMALL_CELL` collectivités. Theme, enjeu and
service tables do not partition anything (a collectivité counts under several), so subtraction recovers nothing
there and only the small cells themselves are hidden.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

SMALL_CELL = 5
MAP_CLASSES = 5

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class CountedAction:
    """An eligible action as the baromètre counts it: the collectivités it counts for (ids) and the codes of the
    services of the year's referential edition it lights."""

    action_id: int
    territories: frozenset[int]
    services: frozenset[str]


@dataclass(frozen=True)
class Cell:
    collectivites: int
    actions: int


# --- Tallies ---------------------------------------------------------------------------------------------------


def tally_by_service_group(actions: Iterable[CountedAction], group_of_service: Mapping[str, str]) -> dict[str, Cell]:
    """Cells per group of services (the service itself, its enjeu or its theme); services outside the mapping (no
    longer in the edition) count for nothing."""
    territories: dict[str, set[int]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for action in actions:
        for group in {group_of_service[code] for code in action.services if code in group_of_service}:
            territories[group] |= action.territories
            counts[group] += 1
    return {group: Cell(len(territories[group]), counts[group]) for group in counts}


def tally_by_territory_group(
    actions: Iterable[CountedAction], group_of_territory: Mapping[int, Key | None]
) -> dict[Key, Cell]:
    """Cells per group of collectivités (région, département, stratum): the collectivités of the group with an
    action, and the actions counting for at least one of them."""
    territories: dict[Key, set[int]] = defaultdict(set)
    counts: Counter[Key] = Counter()
    for action in actions:
        groups: set[Key] = set()
        for territory in action.territories:
            group = group_of_territory.get(territory)
            if group is not None:
                territories[group].add(territory)
                groups.add(group)
        counts.update(groups)
    return {group: Cell(len(territories[group]), counts[group]) for group in counts}


def tally_total(actions: Iterable[CountedAction]) -> Cell:
    territories: set[int] = set()
    count = 0
    for action in actions:
        territories |= action.territories
        count += 1
    return Cell(len(territories), count)


# --- Small cells -----------------------------------------------------------------------------------------------


def hidden_cells(counts: Mapping[Key, int], *, partition: bool, threshold: int = SMALL_CELL) -> frozenset[Key]:
    """The cells not to show among `counts` (collectivités per cell). With `partition`, the cells add up to a shown
    total, and the smallest shown cells are hidden too until the hidden ones add up to 0 or at least `threshold`
    (or everything is hidden: then the caller hides the total, which is under `threshold` too)."""
    hidden = {key for key, count in counts.items() if count < threshold}
    if not partition:
        return frozenset(hidden)
    shown = sorted((key for key in counts if key not in hidden), key=lambda key: (counts[key], str(key)))
    while shown and 0 < sum(counts[key] for key in hidden) < threshold:
        hidden.add(shown.pop(0))
    return frozenset(hidden)


def shown_or_none(count: int, *, threshold: int = SMALL_CELL) -> int | None:
    """A total on its own: shown, or None under the threshold."""
    return count if count >= threshold else None


# --- Map classes -----------------------------------------------------------------------------------------------


def class_bounds(values: Iterable[int], *, classes: int = MAP_CLASSES) -> tuple[int, ...]:
    """Lower bounds of at most `classes` classes of the shown values (quantiles), strictly increasing; the first is
    the smallest value. Empty when there is no value."""
    ordered = sorted(values)
    if not ordered:
        return ()
    bounds: list[int] = []
    for index in range(classes):
        bound = ordered[(index * len(ordered)) // classes]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return tuple(bounds)


def class_of(value: int, bounds: tuple[int, ...]) -> int:
    """Index of the class of `value` (the last bound not above it; 0 below the first)."""
    index = 0
    for position, bound in enumerate(bounds):
        if value >= bound:
            index = position
    return index


def class_labels(bounds: tuple[int, ...]) -> list[str]:
    """French labels of the classes: « de 5 à 11 », …, « 40 et plus »."""
    labels = []
    for position, bound in enumerate(bounds):
        if position + 1 < len(bounds):
            upper = bounds[position + 1] - 1
            labels.append(f"{bound}" if upper == bound else f"de {bound} à {upper}")
        else:
            labels.append(f"{bound} et plus")
    return labels


# --- Bar charts ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    y: int
    length: float


def bars(rows: Iterable[tuple[str, int | None]], *, width: float, row_height: int) -> list[Bar]:
    """Horizontal bars scaled to the largest value; a hidden value (None) gets no bar."""
    rows = list(rows)
    largest = max((value for _label, value in rows if value), default=0)
    return [
        Bar(
            label=label,
            value=value,
            y=index * row_height,
            length=(width * value / largest) if value and largest else 0.0,
        )
        for index, (label, value) in enumerate(rows)
    ]
