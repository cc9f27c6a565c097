"""/api/v1/territories/{code}/peers and /gaps against a computation from the actions themselves."""

from fractions import Fraction

import pytest

from arobase.mosaic.selectors import territory_mosaic
from arobase.peers.tests.factories import YEAR
from arobase.territories.models import Territory
from arobase.territories.rules import label_category_of

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    return client.get(f"/api/v1/territories/{path}", params)


def satisfies(territory, criteria):
    population = territory.population or 0
    return (
        (criteria["category"] is None or label_category_of(territory) == criteria["category"])
        and population >= criteria["population_min"]
        and (criteria["population_max"] is None or population <= criteria["population_max"])
        and (criteria["region"] is None or territory.region.code == criteria["region"])
    )


def all_peers(client, code, **params):
    response = get(client, f"{code}/peers", year=YEAR, page_size=5, **params)
    assert response.status_code == 200, response.content
    body = response.json()
    results = list(body["results"])
    while body["next"]:
        body = client.get(body["next"]).json()
        results += body["results"]
    return response.json(), results


def test_peers_satisfy_the_criteria_and_never_include_the_collectivite(client, world):
    first, results = all_peers(client, world.village.code)
    criteria = first["criteria"]
    assert criteria == {
        "category": "village",
        "population_min": 1000,
        "population_max": 4999,
        "region": None,
        "relaxed": ["strata", "region"],
    }
    assert first["count"] == len(results) == 16
    codes = {row["code"] for row in results}
    assert world.village.code not in codes
    for row in results:
        territory = Territory.objects.get(kind=row["kind"], code=row["code"])
        assert satisfies(territory, criteria)
        mosaic = territory_mosaic(territory=territory, year=YEAR)
        assert row["lit_services"] == mosaic.lit_count >= 1
        assert set(row) == {
            "code",
            "name",
            "kind",
            "category",
            "population",
            "region",
            "lit_services",
            "eligible_actions",
            "arobases",
            "arobases_year",
        }
        assert row["arobases"] is None and row["arobases_year"] is None


def test_overrides_and_blank_parameters(client, world):
    _first, strict = all_peers(client, world.village.code, region="32", population_min=2000, population_max=3499)
    assert {row["code"] for row in strict} == {peer.code for peer in world.same}
    blank_first, blank = all_peers(client, world.village.code, region="", population_min="", category="")
    default_first, default = all_peers(client, world.village.code)
    assert blank_first["criteria"] == default_first["criteria"] and blank == default
    _first, everyone = all_peers(client, world.village.code, category="toutes", region="toutes")
    assert world.ville.code in {row["code"] for row in everyone}


@pytest.mark.parametrize(
    "params",
    [
        {"population_min": "-1"},
        {"population_min": "abc"},
        {"population_min": "5000", "population_max": "10"},
        {"category": "metropole"},
        {"region": "99"},
    ],
)
def test_bad_overrides_are_refused_in_french(client, world, params):
    response = get(client, f"{world.village.code}/peers", year=YEAR, **params)
    assert response.status_code == 422
    assert "«" in str(response.json()["detail"]) or "population" in str(response.json()["detail"]).lower()


def test_unknown_code_or_year_is_a_french_404(client, world):
    response = get(client, "00000/peers", year=YEAR)
    assert response.status_code == 404 and "Aucune" in response.json()["detail"]
    response = get(client, f"{world.village.code}/gaps", year=1990)
    assert response.status_code == 404 and "référentiel" in response.json()["detail"]
    response = get(client, f"{world.region.code}/peers", year=YEAR)
    assert response.status_code == 404


def test_gaps_shares_are_computed_from_the_listed_peers(client, world):
    response = get(client, f"{world.village.code}/gaps", year=YEAR)
    assert response.status_code == 200
    body = response.json()
    _first, peers = all_peers(client, world.village.code)
    assert body["peers"] == len(peers)
    assert body["criteria"]["relaxed"] == ["strata", "region"]
    lit_of = {
        row["code"]: territory_mosaic(territory=Territory.objects.get(kind=row["kind"], code=row["code"]), year=YEAR)
        for row in peers
    }
    mine = territory_mosaic(territory=world.village, year=YEAR).lit_codes
    assert body["results"]
    for gap in body["results"]:
        assert set(gap) == {"service", "name", "enjeu", "peer_share", "national_share", "examples"}
        assert gap["service"] not in mine
        lighting = sum(gap["service"] in mosaic.lit_codes for mosaic in lit_of.values())
        assert gap["peer_share"] == pytest.approx(float(Fraction(lighting, len(peers))))
        assert gap["peer_share"] >= 0.3
        assert 0 <= gap["national_share"] <= 1
        assert len(gap["examples"]) <= 3
    shares = [gap["peer_share"] for gap in body["results"]]
    assert shares == sorted(shares, reverse=True)
