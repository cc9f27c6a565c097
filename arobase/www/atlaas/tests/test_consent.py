"""One consent rule on every public surface (`actions.rules.actor_is_public`): an organisation is named, a person
only with their consent; contact details only with consent. Each surface is checked with the same three actors."""

import csv
import json

import pytest

from arobase.actions.rules import actor_is_public
from arobase.actions.tests.factories import ActionFactory, ActorFactory
from arobase.atlaas import opendata

SECRET_NAME = "Jeanne Discrète"
SECRET_EMAIL = "jeanne.discrete@example.org"


@pytest.fixture
def action(amiens, services):
    action = ActionFactory(owner=amiens, published=True, title="Ateliers numériques")
    ActorFactory(action=action, kind="person", name=SECRET_NAME, email=SECRET_EMAIL, phone="06 11 22 33 44",
                 role="Bénévole", contact_consent=False)  # fmt: skip
    ActorFactory(action=action, kind="person", name="Paul Ouvert", email="paul@example.org", contact_consent=True)
    ActorFactory(action=action, name="Médiathèque Louis Aragon", email="mediatheque@example.org", contact_consent=False)
    return action


def assert_only_consented(text: str) -> None:
    assert SECRET_NAME not in text and SECRET_EMAIL not in text and "06 11 22 33 44" not in text
    assert "Paul Ouvert" in text and "paul@example.org" in text
    assert "Médiathèque Louis Aragon" in text and "mediatheque@example.org" not in text


def test_rule():
    assert actor_is_public(kind="organisation", contact_consent=False)
    assert actor_is_public(kind="person", contact_consent=True)
    assert not actor_is_public(kind="person", contact_consent=False)


def test_action_page(client, action):
    assert_only_consented(client.get(action.get_absolute_url()).content.decode())


def test_api_detail(client, action):
    actors = client.get(f"/api/v1/actions/{action.pk}").json()["actors"]
    assert [actor["name"] for actor in actors] == ["Paul Ouvert", "Médiathèque Louis Aragon"]
    assert_only_consented(json.dumps(actors, ensure_ascii=False))


def test_api_list_and_search_do_not_find_a_person_by_a_name_kept_private(client, action):
    assert client.get("/api/v1/actions", {"q": "Discrète"}).json()["count"] == 0
    assert client.get("/api/v1/actions", {"q": "Jeanne"}).json()["count"] == 0
    found = client.get("/api/v1/actions", {"q": "Ouvert"}).json()
    assert [a["id"] for a in found["results"]] == [action.pk]
    listed = json.dumps(client.get("/api/v1/actions").json(), ensure_ascii=False)
    assert SECRET_NAME not in listed and SECRET_EMAIL not in listed


def test_search_page_results_and_excerpts(client, action):
    assert "Ateliers" not in client.get("/atlaas/recherche/", {"q": "Discrète"}).content.decode()
    page = client.get("/atlaas/recherche/", {"q": "Aragon"}).content.decode()
    assert action.get_absolute_url() in page and SECRET_NAME not in page
    page = client.get("/atlaas/recherche/", {"q": "ateliers"}).content.decode()
    assert SECRET_NAME not in page


def test_open_data(tmp_path, action):
    opendata.export_opendata(tmp_path)
    row = next(csv.DictReader((tmp_path / opendata.CSV_NAME).open(encoding="utf-8")))
    assert row["acteurs"] == "Paul Ouvert|Médiathèque Louis Aragon"
    assert_only_consented(row["acteurs"] + " " + row["contacts"])
    geojson = (tmp_path / opendata.GEOJSON_NAME).read_text(encoding="utf-8")
    assert SECRET_NAME not in geojson and SECRET_EMAIL not in geojson


def test_actors_directory(client, action):
    page = client.get("/atlaas/acteurs/").content.decode()
    assert SECRET_NAME not in page and SECRET_EMAIL not in page
    assert "Paul Ouvert" in page and "paul@example.org" in page
    assert SECRET_NAME not in client.get("/atlaas/acteurs/", {"q": "Jeanne"}).content.decode()
