"""Territories fixtures that the page tests in arobase/www/territories/ need too (registered in the root conftest)."""

import pytest

from arobase.territories.models import EpciType
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


@pytest.fixture
def somme_territories(db):
    """Hauts-de-France, the Somme, CA Amiens Métropole and a few communes, built with factories."""
    region = RegionFactory(code="32", name="Hauts-de-France", population=6000000)
    departement = DepartementFactory(code="80", name="Somme", region=region, population=570000)
    epci = EpciFactory(
        code="248000531",
        siren="248000531",
        name="CA Amiens Métropole",
        epci_type=EpciType.CA,
        population=182854,
        departement=departement,
        region=region,
    )
    amiens = CommuneFactory(
        code="80021",
        name="Amiens",
        siren="218000198",
        population=136449,
        epci=epci,
        departement=departement,
        postal_codes=" 80000 80080 80090 ",
    )
    dreuil = CommuneFactory(
        code="80256",
        name="Dreuil-lès-Amiens",
        population=1576,
        epci=epci,
        departement=departement,
        postal_codes=" 80470 ",
    )
    longueau = CommuneFactory(
        code="80489", name="Longueau", population=5680, epci=epci, departement=departement, postal_codes=" 80330 "
    )
    return {
        "region": region,
        "departement": departement,
        "epci": epci,
        "amiens": amiens,
        "dreuil": dreuil,
        "longueau": longueau,
    }
