"""The real official snapshot (data/territories.json.gz), imported once for the whole module."""

import pytest
from django.conf import settings
from django.db import connection

from arobase.territories.models import Territory, TerritoryKind
from arobase.territories.selectors import search_territories
from arobase.territories.services import import_territories

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module", autouse=True)
def full_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        report = import_territories(source=settings.TERRITORIES_SNAPSHOT)
        yield report
        # Self-references are PROTECT: one statement removes every row (constraints are deferred).
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(Territory._meta.db_table)}")  # noqa: S608 (model table name)


def test_counts(full_snapshot):
    current = Territory.objects.filter(is_obsolete=False)
    assert current.filter(kind=TerritoryKind.COMMUNE).count() == 34969
    assert current.filter(kind=TerritoryKind.EPCI).count() == 1255
    assert current.filter(kind=TerritoryKind.DEPARTEMENT).count() == 109
    assert current.filter(kind=TerritoryKind.REGION).count() == 26
    assert full_snapshot.created == 34969 + 1255 + 109 + 26


def test_wiring():
    assert not Territory.objects.filter(kind=TerritoryKind.COMMUNE, departement=None).exists()
    assert Territory.objects.filter(kind=TerritoryKind.COMMUNE, epci=None).count() < 200  # islands, Paris...
    amiens = Territory.objects.select_related("epci", "departement", "region").get(kind="commune", code="80021")
    assert (amiens.epci.code, amiens.departement.code, amiens.region.code) == ("248000531", "80", "32")
    assert Territory.objects.get(kind="region", code="11").name == "Île-de-France"
    assert Territory.objects.get(kind="departement", code="11").name == "Aude"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("saint etienne", "42218"),
        ("villeneuve d ascq", "59009"),
        ("amien", "80021"),
        ("80000", "80021"),
        ("2A004", "2A004"),
        ("248000531", "248000531"),
    ],
)
def test_search_through_the_selector_and_the_api(client, query, first):
    assert search_territories(query=query).first().code == first
    response = client.get("/api/v1/territories", {"q": query})
    assert response.json()["results"][0]["code"] == first


def test_epci_members():
    members = Territory.objects.get(kind="epci", code="248000531").members.values_list("code", flat=True)
    assert "80021" in members


def test_epci_members_through_the_api(client):
    data = client.get("/api/v1/territories/248000531").json()
    assert data["kind"] == "epci" and "80021" in data["members"]
    assert data["members"][0] == "80021"  # most populated first


def test_reimport_changes_nothing():
    assert not import_territories(source=settings.TERRITORIES_SNAPSHOT).changed
