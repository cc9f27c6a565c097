import gzip
import json
from pathlib import Path

import factory

from arobase.territories.models import EpciType, Territory, TerritoryKind
from arobase.territories.snapshot_format import FIELDS as SNAPSHOT_FIELDS


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory

    kind = TerritoryKind.COMMUNE
    code = factory.Sequence(lambda n: f"{(n % 90) + 1:02d}{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    population = 1000


class RegionFactory(TerritoryFactory):
    kind = TerritoryKind.REGION
    code = factory.Sequence(lambda n: f"R{n}")
    name = factory.Sequence(lambda n: f"Région {n}")


class DepartementFactory(TerritoryFactory):
    kind = TerritoryKind.DEPARTEMENT
    code = factory.Sequence(lambda n: f"D{n}")
    name = factory.Sequence(lambda n: f"Département {n}")
    region = factory.SubFactory(RegionFactory)


class EpciFactory(TerritoryFactory):
    kind = TerritoryKind.EPCI
    code = factory.Sequence(lambda n: f"{200000000 + n}")
    siren = factory.SelfAttribute("code")
    name = factory.Sequence(lambda n: f"CC Exemple {n}")
    epci_type = EpciType.CC


class CommuneFactory(TerritoryFactory):
    kind = TerritoryKind.COMMUNE
    code = factory.Sequence(lambda n: f"{10000 + n:05d}")
    departement = factory.SubFactory(DepartementFactory)
    region = factory.SelfAttribute("departement.region")


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
