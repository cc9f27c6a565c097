"""The filters of the Atlaas on every surface: an empty parameter filters nothing, and a région is a région."""

import re

import pytest

from arobase.actions.tests.factories import ActionFactory, PlaceFactory
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, RegionFactory

# Every région of France; each of these codes is also the code of a département (32: Hauts-de-France and Gers).
REGION_CODES = ["01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93",
                "94"]  # fmt: skip
# What the filter form of the Atlaas sends when only a theme is chosen.
EMPTY_FORM = {"q": "", "theme": "", "enjeu": "", "service": "", "status": "", "territory": "", "region": "",
              "year": "", "arobases": "", "bbox": ""}  # fmt: skip


def _ids_in(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'data-action-id="(\d+)"', html)}


def _map_ids(client, **params) -> set[int]:
    response = client.get("/api/v1/map/points", params)
    assert response.status_code == 200, response.content
    return {point[0] for point in response.json()["points"]}


def _api_ids(client, **params) -> set[int]:
    response = client.get("/api/v1/actions", params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_empty_parameters_filter_nothing_on_every_surface(client, amiens, brest, services):
    a = ActionFactory(owner=amiens, published=True, title="Médiation numérique", services=[services["T1E1S01"]])
    b = ActionFactory(owner=brest, published=True, title="Wifi public", services=[services["T4E1S01"]])
    for action, lat in ((a, 49.9), (b, 48.4)):
        PlaceFactory(action=action, latitude=lat, longitude=2.0)
    theme = services["T1E1S01"].enjeu.theme.code
    form = {**EMPTY_FORM, "theme": theme}
    assert _map_ids(client, **EMPTY_FORM) == {a.pk, b.pk}
    assert _map_ids(client, **form) == {a.pk}
    assert _ids_in(client.get("/atlaas/", form).content.decode()) == {a.pk}
    assert _ids_in(client.get("/atlaas/liste/", form).content.decode()) == {a.pk}
    assert _ids_in(client.get("/atlaas/recherche/", form).content.decode()) == {a.pk}
    api_fields = ("territory", "region", "service", "enjeu", "theme", "status", "updated_since", "q", "bbox")
    api_empty = dict.fromkeys(api_fields, "")
    assert _api_ids(client, **api_empty) == {a.pk, b.pk}
    territories = client.get("/api/v1/territories", {"q": "", "kind": "", "departement": ""})
    assert territories.status_code == 200, territories.content
    assert territories.json()["count"] >= 2


def test_the_map_page_asks_for_points_without_empty_parameters(client, amiens, services):
    html = client.get("/atlaas/", {**EMPTY_FORM, "status": "done"}).content.decode()
    assert 'data-points-url="/api/v1/map/points?status=done"' in html


def test_an_invalid_value_still_gets_a_french_message(client, services):
    response = client.get("/api/v1/map/points", {"year": "abc"})
    assert response.status_code == 422
    response = client.get("/api/v1/map/points", {"status": "fini"})
    assert response.status_code == 422
    assert "Statut inconnu" in response.json()["detail"]


@pytest.fixture
def regions_and_homonym_departements(services):
    """The 18 régions, each with a commune; and for each code the département of the same code, in another
    région, with a commune. One published, geolocated action "Médiation ..." per commune."""
    regions = {code: RegionFactory(code=code, name=f"Région {code}") for code in REGION_CODES}
    actions = []
    for i, code in enumerate(REGION_CODES):
        elsewhere = regions[REGION_CODES[(i + 1) % len(REGION_CODES)]]
        departement = DepartementFactory(code=code, name=f"Département {code}", region=elsewhere)
        own_departement = DepartementFactory(region=regions[code])
        for commune in (
            CommuneFactory(departement=own_departement, region=regions[code]),
            CommuneFactory(departement=departement, region=elsewhere),
        ):
            action = ActionFactory(owner=commune, published=True, title=f"Médiation {commune.name}")
            PlaceFactory(action=action, latitude=45.0 + i / 10, longitude=2.0)
            actions.append(action)
    return regions, actions


def test_every_region_filters_its_own_actions_on_map_list_search_and_api(client, regions_and_homonym_departements):
    regions, actions = regions_and_homonym_departements
    for code, region in regions.items():
        expected = {a.pk for a in actions if a.owner.region_id == region.pk}
        assert len(expected) == 2, code  # its own commune and the commune of the homonym département of another
        params = {**EMPTY_FORM, "region": code}
        assert _map_ids(client, **params) == expected, code
        assert _ids_in(client.get("/atlaas/", params).content.decode()) == expected, code
        assert _ids_in(client.get("/atlaas/liste/", params).content.decode()) == expected, code
        search = client.get("/atlaas/recherche/", {**params, "q": "médiation"}).content.decode()
        assert _ids_in(search) == expected, code
        assert _api_ids(client, region=code) == expected, code


def test_a_code_typed_as_collectivite_is_the_departement(client, regions_and_homonym_departements):
    regions, actions = regions_and_homonym_departements
    in_gers = {a.pk for a in actions if a.owner.departement.code == "32"}
    assert len(in_gers) == 1
    assert _ids_in(client.get("/atlaas/liste/", {"territory": "32"}).content.decode()) == in_gers
