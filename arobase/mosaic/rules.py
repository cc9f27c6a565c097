"""The mosaïque of a collectivité as pure functions: no database, no Django.

Input: the referential tree of one edition (the immutable snapshot of `arobase.referential.tree`, whose node
classes are re-exported here) and, for one collectivité, a mapping `service code -> number of eligible actions`
attached to that service (eligibility itself is decided elsewhere).

Output: a frozen `Mosaic` where

- a service is **lit** when it has at least one eligible action;
- the **coverage** of an enjeu (resp. a theme, the whole edition) is the number of its lit services divided by the
  number of its services (exact `Fraction`, also given as a float and as the text "x/y"); a node without any
  service has a coverage of 0;
- an enjeu is **weak** when it has at least one service and fewer than a third of its services are lit
  (`3 * lit < services`, exact integer arithmetic): with 3 services, none lit; with 6 services, at most 1 lit;
  with 11 services, at most 3 lit. An enjeu with no lit service is therefore always weak. An enjeu without any
  service (possible while staff edit a new edition) is never weak: there is nothing to investigate.
  Weak enjeux are sorted weakest first: lowest coverage, then most unlit services, then the order of the tree;
- service codes of the counts that are not in the tree (another edition, a typo) are ignored and listed, sorted,
  in `Mosaic.ignored_codes`.

The order of themes, enjeux and services is always the order of the tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from arobase.referential.tree import EditionTree, EnjeuNode, ServiceNode, ThemeNode

__all__ = [
    "WEAK_THRESHOLD",
    "EditionTree",
    "EnjeuCell",
    "EnjeuNode",
    "Mosaic",
    "ServiceCell",
    "ServiceNode",
    "ThemeCell",
    "ThemeNode",
    "compute_mosaic",
    "coverage_of",
    "is_weak",
    "mosaic_for_edition",
]

#: An enjeu is weak when its coverage is strictly below this fraction (and it has at least one service).
WEAK_THRESHOLD = Fraction(1, 3)

COVERAGE_DECIMALS = 3


def coverage_of(lit: int, total: int) -> Fraction:
    """`lit / total` as an exact fraction; 0 when there is nothing to cover."""
    if total < 0 or lit < 0 or lit > total:
        raise ValueError(f"invalid coverage {lit}/{total}")
    return Fraction(lit, total) if total else Fraction(0)


def is_weak(lit: int, total: int) -> bool:
    """The weak-enjeu rule: at least one service and fewer than a third of them lit."""
    return total > 0 and coverage_of(lit, total) < WEAK_THRESHOLD


class _Coverage:
    """Shared read-only views of `lit_count` / `service_count` (mixed into the cell dataclasses)."""

    @property
    def lit_count(self) -> int:
        raise NotImplementedError

    @property
    def service_count(self) -> int:
        raise NotImplementedError

    @property
    def coverage_fraction(self) -> Fraction:
        return coverage_of(self.lit_count, self.service_count)

    @property
    def coverage(self) -> float:
        """Coverage between 0 and 1, rounded to 3 decimals (the API value)."""
        return round(float(self.coverage_fraction), COVERAGE_DECIMALS)

    @property
    def coverage_label(self) -> str:
        """Coverage as the text "x/y" (lit services / services)."""
        return f"{self.lit_count}/{self.service_count}"

    @property
    def coverage_percent(self) -> int:
        """Coverage as a whole percentage (rounded half up), for display."""
        return int(self.coverage_fraction * 100 + Fraction(1, 2))

    @property
    def unlit_count(self) -> int:
        return self.service_count - self.lit_count


@dataclass(frozen=True)
class ServiceCell:
    code: str
    label: str
    eligible_actions: int

    @property
    def lit(self) -> bool:
        return self.eligible_actions >= 1

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label, "lit": self.lit, "eligible_actions": self.eligible_actions}


@dataclass(frozen=True)
class EnjeuCell(_Coverage):
    code: str
    label: str
    question: str
    services: tuple[ServiceCell, ...]
    theme_code: str

    @property
    def service_count(self) -> int:
        return len(self.services)

    @property
    def lit_count(self) -> int:
        return sum(1 for service in self.services if service.lit)

    @property
    def weak(self) -> bool:
        return is_weak(self.lit_count, self.service_count)

    @property
    def unlit_services(self) -> tuple[ServiceCell, ...]:
        return tuple(service for service in self.services if not service.lit)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "coverage": self.coverage,
            "services": [service.to_dict() for service in self.services],
        }


@dataclass(frozen=True)
class ThemeCell(_Coverage):
    code: str
    label: str
    enjeux: tuple[EnjeuCell, ...]

    @property
    def services(self) -> tuple[ServiceCell, ...]:
        return tuple(service for enjeu in self.enjeux for service in enjeu.services)

    @property
    def service_count(self) -> int:
        return sum(enjeu.service_count for enjeu in self.enjeux)

    @property
    def lit_count(self) -> int:
        return sum(enjeu.lit_count for enjeu in self.enjeux)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "coverage": self.coverage,
            "enjeux": [enjeu.to_dict() for enjeu in self.enjeux],
        }


@dataclass(frozen=True)
class Mosaic(_Coverage):
    """The mosaïque of one collectivité (`territory`, its code) for one label year (`year`)."""

    year: int
    territory: str
    themes: tuple[ThemeCell, ...]
    ignored_codes: tuple[str, ...] = ()

    def enjeux(self) -> Iterator[EnjeuCell]:
        for theme in self.themes:
            yield from theme.enjeux

    def services(self) -> Iterator[ServiceCell]:
        for enjeu in self.enjeux():
            yield from enjeu.services

    @property
    def service_count(self) -> int:
        return sum(theme.service_count for theme in self.themes)

    @property
    def lit_count(self) -> int:
        return sum(theme.lit_count for theme in self.themes)

    @property
    def weak_enjeux(self) -> tuple[EnjeuCell, ...]:
        """Weak enjeux, weakest first (lowest coverage, then most unlit services, then tree order)."""
        ordered = [(index, enjeu) for index, enjeu in enumerate(self.enjeux()) if enjeu.weak]
        ordered.sort(key=lambda item: (item[1].coverage_fraction, -item[1].unlit_count, item[0]))
        return tuple(enjeu for _index, enjeu in ordered)

    @property
    def lit_codes(self) -> frozenset[str]:
        return frozenset(service.code for service in self.services() if service.lit)

    def service(self, code: str) -> ServiceCell:
        for service in self.services():
            if service.code == code:
                return service
        raise KeyError(code)

    def enjeu(self, code: str) -> EnjeuCell:
        for enjeu in self.enjeux():
            if enjeu.code == code:
                return enjeu
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        """The API shape: `{"year", "territory", "themes": [{"code", "label", "coverage", "enjeux": [...]}]}`."""
        return {
            "year": self.year,
            "territory": self.territory,
            "themes": [theme.to_dict() for theme in self.themes],
        }


def _checked_count(code: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"the number of eligible actions of {code!r} must be an integer, not {value!r}")
    if value < 0:
        raise ValueError(f"the number of eligible actions of {code!r} cannot be negative ({value})")
    return value


def compute_mosaic(
    themes: Iterable[ThemeNode],
    counts: Mapping[str, int],
    *,
    year: int,
    territory: str,
) -> Mosaic:
    """The mosaïque of `territory` for label `year`, from the themes of that year's edition and the number of
    eligible actions per service code. Raises `TypeError`/`ValueError` on a non-integer or negative count."""
    checked = {code: _checked_count(code, value) for code, value in counts.items()}
    theme_cells: list[ThemeCell] = []
    known: set[str] = set()
    for theme in themes:
        enjeu_cells: list[EnjeuCell] = []
        for enjeu in theme.enjeux:
            service_cells = []
            for service in enjeu.services:
                known.add(service.code)
                service_cells.append(
                    ServiceCell(code=service.code, label=service.label, eligible_actions=checked.get(service.code, 0))
                )
            enjeu_cells.append(
                EnjeuCell(
                    code=enjeu.code,
                    label=enjeu.label,
                    question=enjeu.question,
                    services=tuple(service_cells),
                    theme_code=theme.code,
                )
            )
        theme_cells.append(ThemeCell(code=theme.code, label=theme.label, enjeux=tuple(enjeu_cells)))
    return Mosaic(
        year=year,
        territory=territory,
        themes=tuple(theme_cells),
        ignored_codes=tuple(sorted(code for code in checked if code not in known)),
    )


def mosaic_for_edition(edition: EditionTree, counts: Mapping[str, int], *, territory: str) -> Mosaic:
    """`compute_mosaic` for a whole edition snapshot (its year is the label year)."""
    return compute_mosaic(edition.themes, counts, year=edition.year, territory=territory)
