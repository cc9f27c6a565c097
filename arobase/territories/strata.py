"""Population strata used to compare collectivités of similar size; pure, no database access.

Communes follow the 15 strata of the DGF (dotation globale de fonctionnement) used by the DGCL in its statistics;
EPCI follow the six bands the DGCL uses for groupements à fiscalité propre.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Stratum:
    population_min: int
    # None: no upper bound (the last stratum).
    population_max: int | None

    def contains(self, population: int) -> bool:
        return population >= self.population_min and (self.population_max is None or population <= self.population_max)

    @property
    def label(self) -> str:
        if self.population_max is None:
            return f"{_thousands(self.population_min)} habitants et plus"
        if self.population_min == 0:
            return f"moins de {_thousands(self.population_max + 1)} habitants"
        return f"de {_thousands(self.population_min)} à {_thousands(self.population_max)} habitants"


def _thousands(number: int) -> str:
    # French thousands separator: a narrow no-break space.
    return f"{number:,}".replace(",", "\u202f")


def _strata(bounds: list[int]) -> tuple[Stratum, ...]:
    upper = [*(bound - 1 for bound in bounds[1:]), None]
    return tuple(Stratum(lower, high) for lower, high in zip(bounds, upper, strict=True))


COMMUNE_STRATA = _strata(
    [0, 500, 1_000, 2_000, 3_500, 5_000, 7_500, 10_000, 15_000, 20_000, 35_000, 50_000, 75_000, 100_000, 200_000]
)
EPCI_STRATA = _strata([0, 15_000, 30_000, 50_000, 100_000, 300_000])


def stratum_index(population: int, strata: tuple[Stratum, ...]) -> int:
    """Position of the stratum holding this population (negative populations count as 0)."""
    population = max(population, 0)
    for index, stratum in enumerate(strata):
        if stratum.contains(population):
            return index
    raise AssertionError("strata cover every population")  # pragma: no cover


def strata_for(kind: str) -> tuple[Stratum, ...]:
    """EPCI use their own bands; communes and every other kind use the DGF commune strata."""
    return EPCI_STRATA if kind == "epci" else COMMUNE_STRATA
