import gzip
import json
from pathlib import Path

import pytest

from arobase.territories.models import EpciType
from arobase.territories.snapshot_format import FIELDS as SNAPSHOT_FIELDS
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


def write_snapshot(path: Path, *, regions, departements, communes, epci) -> Path:
    snapshot = {
        "format": 1,
        "source": "test",
        "fields": SNAPSHOT_FIELDS,
        "regions": regions,
        "departements": departements,
        "communes": communes,
        "epci": epci,
    }
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        json.dump(snapshot, stream)
    return path


@pytest.fixture
def somme(db):
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
