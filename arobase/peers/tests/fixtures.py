"""Fixtures of the peers and bilan tests (registered in the root conftest): a small country, a village of 2,000
inhabitants and collectivités around it, to compare."""

import pytest

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.peers.tests.factories import World, lit
from arobase.territories.models import LabelCategory
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


@pytest.fixture
def world(services):
    region, other_region = RegionFactory(code="32", name="Hauts-de-France"), RegionFactory(code="53", name="Bretagne")
    departement = DepartementFactory(code="80", region=region)
    other_departement = DepartementFactory(code="62", region=region)
    far = DepartementFactory(code="29", region=other_region)
    epci = EpciFactory(population=20_000)

    def village(population, dept, **kwargs):
        return CommuneFactory(
            population=population,
            departement=dept,
            region=dept.region,
            label_category=kwargs.pop("category", LabelCategory.VILLAGE),
            **kwargs,
        )

    me = village(2_000, departement, name="Mon Village", epci=epci)
    lit(me, services, ["T1E1S01"])
    same = [village(2_000 + 100 * i, departement if i % 2 else other_departement) for i in range(5)]
    for index, peer in enumerate(same):
        # Every one of them lights T1E1S02, three of five light T2E1S01.
        lit(peer, services, ["T1E1S02"] + (["T2E1S01"] if index < 3 else []))
    neighbours = [village(1_500, departement) for _ in range(6)]
    for peer in neighbours:
        lit(peer, services, ["T1E1S02", "T1E1S01"])
    elsewhere = [village(3_000, far) for _ in range(5)]
    for peer in elsewhere:
        lit(peer, services, ["T3E2S01"])
    ville = village(2_500, departement, category=LabelCategory.VILLE)
    lit(ville, services, ["T4E1S01"])
    inactive = village(2_000, departement)
    return World(
        village=me,
        same=same,
        neighbours=neighbours,
        elsewhere=elsewhere,
        ville=ville,
        inactive=inactive,
        departement=departement,
        other_departement=other_departement,
        region=region,
        other_region=other_region,
        epci=epci,
    )


@pytest.fixture
def village_member(world):
    """A member of the village compared."""
    return AffiliationFactory(territory=world.village).user


@pytest.fixture
def outsider(world):
    """A member of another collectivité of the same stratum."""
    return AffiliationFactory(territory=world.same[0]).user
