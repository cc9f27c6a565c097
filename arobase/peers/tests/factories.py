"""Helpers of the peers tests: the year compared, the services lit, and `lit` (a published action lighting them)."""

from dataclasses import dataclass

from arobase.actions.tests.factories import ActionFactory
from arobase.mosaic.tests.factories import local

YEAR = 2026
CODES = ["T1E1S01", "T1E1S02", "T2E1S01", "T3E2S01", "T4E1S01"]


@dataclass
class World:
    village: object
    same: list
    neighbours: list
    elsewhere: list
    ville: object
    inactive: object
    departement: object
    other_departement: object
    region: object
    other_region: object
    epci: object


def lit(territory, services, codes, *, year=2025, **kwargs):
    return ActionFactory(
        owner=territory,
        published=True,
        last_activity_at=local(year),
        services=[services[code] for code in codes],
        **kwargs,
    )
