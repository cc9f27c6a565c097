"""Demo fixtures that the baromètre and label demo tests need too (registered in the root conftest); the
referential is the root `edition_2019`."""

import pytest

from arobase.demo.tests.factories import POPULATIONS
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


@pytest.fixture
def demo_territories(db):
    """Two départements and two EPCI around Rennes and Brest; one commune in four has no coordinates."""
    region = RegionFactory(name="Bretagne", code="53")
    created = []
    for dep_code, dep_name, (lat, lon) in (
        ("35", "Ille-et-Vilaine", (48.11, -1.68)),
        ("29", "Finistère", (48.39, -4.49)),
    ):
        departement = DepartementFactory(code=dep_code, name=dep_name, region=region)
        epci = EpciFactory(name=f"CA Test {dep_name}", departement=departement, region=region, population=300_000)
        for i, population in enumerate(POPULATIONS):
            with_coordinates = i % 4 != 3
            created.append(
                CommuneFactory(
                    code=f"{dep_code}{i + 1:03d}",
                    name=f"Commune {dep_name} {i + 1}",
                    population=population,
                    departement=departement,
                    region=region,
                    epci=epci if i < 12 else None,
                    latitude=lat + (i % 5) * 0.05 if with_coordinates else None,
                    longitude=lon + (i // 5) * 0.05 if with_coordinates else None,
                    postal_codes=f" {dep_code}{i:03d} ",
                )
            )
    return created
