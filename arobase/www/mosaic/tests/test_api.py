"""GET /api/v1/territories/{code}/mosaic."""

import pytest

from arobase.actions.tests.factories import ActionFactory
from arobase.mosaic.tests.factories import local
from arobase.territories.tests.factories import DepartementFactory, RegionFactory

pytestmark = pytest.mark.django_db


def url(code):
    return f"/api/v1/territories/{code}/mosaic"


def test_shape(client, amiens, services):
    ActionFactory(
        owner=amiens, published=True, last_activity_at=local(2020), services=[services["T1E1S01"], services["T1E1S02"]]
    )
    response = client.get(url("80021"), {"year": 2021})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"year", "territory", "themes"} and data["year"] == 2021 and data["territory"] == "80021"
    assert len(data["themes"]) == 4
    theme = data["themes"][0]
    assert set(theme) == {"code", "label", "coverage", "enjeux"} and theme["code"] == "T1"
    enjeu = theme["enjeux"][0]
    assert set(enjeu) == {"code", "label", "coverage", "services"}
    assert enjeu["code"] == "T1E1" and enjeu["coverage"] == round(2 / 11, 3)
    assert enjeu["services"][0] == {
        "code": "T1E1S01",
        "label": services["T1E1S01"].label,
        "lit": True,
        "eligible_actions": 1,
    }
    assert enjeu["services"][2]["lit"] is False and enjeu["services"][2]["eligible_actions"] == 0
    assert sum(len(s["services"]) for t in data["themes"] for s in t["enjeux"]) == 138


def test_default_year_is_the_label_being_prepared(client, amiens, services):
    from django.utils import timezone

    from arobase.actions.rules import next_label_year

    ActionFactory(owner=amiens, published=True, services=[services["T1E1S01"]])
    data = client.get(url("80021")).json()
    assert data["year"] == next_label_year(timezone.localdate())
    assert data["themes"][0]["enjeux"][0]["services"][0]["lit"] is True


def test_unknown_year_or_territory_is_404_in_french(client, amiens, services):
    response = client.get(url("80021"), {"year": 1990})
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucune édition du référentiel n'est publiée pour le label 1990."}
    assert client.get(url("80021"), {"year": 2200}).status_code == 404
    response = client.get(url("00000"))
    assert response.status_code == 404 and "Aucune collectivité" in response.json()["detail"]
    assert client.get(url("80021"), {"year": "abc"}).status_code == 422
    assert client.get(url("80021"), {"kind": "planet"}).status_code == 422


def test_kind_disambiguates(client, services):
    region = RegionFactory(code="11", name="Île-de-France")
    DepartementFactory(code="11", name="Aude", region=region)
    ActionFactory(owner=region, published=True, last_activity_at=local(2020), services=[services["T1E1S01"]])
    by_default = client.get(url("11"), {"year": 2021}).json()  # the département comes first
    assert by_default["themes"][0]["enjeux"][0]["services"][0]["lit"] is False
    region_mosaic = client.get(url("11"), {"year": 2021, "kind": "region"}).json()
    assert region_mosaic["themes"][0]["enjeux"][0]["services"][0]["lit"] is True


def test_detail_route_still_answers(client, amiens, services):
    assert client.get("/api/v1/territories/80021").json()["name"] == "Amiens"


@pytest.mark.parametrize("n", [3, 30])
def test_query_count_is_constant(n, client, amiens, brest, services, django_assert_num_queries):
    codes = sorted(services)
    for i in range(n):
        ActionFactory(
            owner=amiens,
            published=True,
            last_activity_at=local(2020),
            services=[services[codes[(i * 11) % 138]]],
            shared_with=[brest] if i % 2 else [],
        )
        ActionFactory(
            owner=brest,
            published=True,
            last_activity_at=local(2020),
            services=[services[codes[(i * 3) % 138]]],
            shared_with=[amiens] if i % 3 else [],
        )
    # territory + editions + tree (3) + aggregate + other editions
    with django_assert_num_queries(7):
        response = client.get(url("80021"), {"year": 2021})
    assert response.status_code == 200
