"""The search by name as the user meets it: the selector, the search page and the API agree."""

import pytest

from arobase.territories.selectors import search_territories
from arobase.territories.tests.factories import CommuneFactory


def codes(queryset):
    return [territory.code for territory in queryset]


@pytest.mark.django_db
def test_a_typo_finds_the_closest_name_first(client):
    hazebrouck = CommuneFactory(code="59295", name="Hazebrouck", population=21_000)
    for code, name in (("59294", "Haverskerque"), ("59314", "Hondeghem"), ("57305", "Hazembourg"),
                       ("62426", "Hesdin"), ("59011", "Annœullin")):  # fmt: skip
        CommuneFactory(code=code, name=name, population=5_000)
    assert codes(search_territories(query="hazebrouk"))[0] == "59295"
    assert codes(search_territories(query="Hazebrouk"))[0] == "59295"
    assert codes(search_territories(query="hasebrouck"))[0] == "59295"
    assert codes(search_territories(query="zzzzqqq")) == []
    # The user's path: the search page and the API.
    page = client.get("/territoires/", {"q": "hazebrouk", "kind": ""}).content.decode()
    assert hazebrouck.get_absolute_url() in page
    response = client.get("/api/v1/territories", {"q": "hazebrouk"})
    assert response.json()["results"][0]["code"] == "59295"
