"""Full-text search: the same tests on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest

from arobase.actions.factories import ActionFactory, ActorFactory, PlaceFactory
from arobase.actions.models import Action
from arobase.actions.public_selectors import search_actions
from arobase.atlaas import search
from arobase.atlaas.services import reindex_everything

URL = "/api/v1/actions"


def found(q):
    return list(search_actions(Action.objects.published(), q).order_by("-search_rank").values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("a", "b"),
    [("médiation", "mediation"), ("Médiations", "médiation"), ("numériques", "numérique"), ("écoles", "ECOLE")],
)
def test_stemmer_folds_accents_case_and_plurals(a, b):
    assert search.stem(a) == search.stem(b)


def test_accents_case_and_plural_insensitive(amiens, services):
    mediation = ActionFactory(owner=amiens, published=True, title="Médiation numérique", summary="Ateliers.")
    ActionFactory(owner=amiens, published=True, title="Wifi public", summary="Bornes en ville.")
    assert found("mediation") == [mediation.pk]
    assert found("MÉDIATIONS") == [mediation.pk]
    assert found("médiations numériques") == [mediation.pk]
    assert found("wifi mediation") == []


def test_searches_texts_actors_places_and_collectivites(amiens, brest, services):
    action = ActionFactory(owner=brest, published=True, title="Portail", summary="Démarches.", results="Succès.")
    ActorFactory(action=action, name="Association Kerlab")
    PlaceFactory(action=action, label="Maison du Quartier", city="Brest")
    ActionFactory(owner=amiens, published=True, title="Autre", summary="Rien.")
    assert found("kerlab") == [action.pk]
    assert found("quartier") == [action.pk]
    assert found("brest") == [action.pk]
    assert found("succès") == [action.pk]


def test_ranked_title_first(amiens, services):
    in_text = ActionFactory(owner=amiens, published=True, title="Portail", summary="Rien.", benefits="Un fablab.")
    in_title = ActionFactory(owner=amiens, published=True, title="Fablab municipal", summary="Rien.")
    assert found("fablab") == [in_title.pk, in_text.pk]


def test_unpublished_and_updates(amiens, services):
    action = ActionFactory(owner=amiens, published=True, title="Cybercentre", summary="Accès.")
    assert found("cybercentre") == [action.pk]
    action.title = "Tiers-lieu"
    action.save()
    assert found("cybercentre") == []
    assert found("tiers lieu") == [action.pk]
    Action.objects.filter(pk=action.pk).update(is_published=False)
    assert found("tiers lieu") == []


def test_rebuild_and_odd_queries(amiens, services):
    action = ActionFactory(owner=amiens, published=True, title="Cartographie participative", summary="OpenStreetMap.")
    assert reindex_everything() >= 1
    assert found("cartographie") == [action.pk]
    for odd in ['"', "'", "*", "AND OR NOT", "-", "(", "NEAR(", "a:b", "le la les", "   "]:
        search_actions(Action.objects.published(), odd).count()  # never an error


def test_excerpts_are_highlighted_and_escaped(amiens, services):
    action = ActionFactory(
        owner=amiens,
        published=True,
        title="Ateliers",
        summary="Des ateliers de <b>médiation</b> numérique pour les seniors.",
    )
    title, excerpt = search.excerpts([action.pk], "mediation")[action.pk]
    assert title == "Ateliers"
    assert "<mark>médiation</mark>" in excerpt
    assert "<b>" not in excerpt  # escaped (SQLite) or dropped as markup (ts_headline)


def test_api_q_uses_full_text_search(client, amiens, services):
    a = ActionFactory(owner=amiens, published=True, title="Médiation numérique", summary="Ateliers.")
    ActionFactory(owner=amiens, published=True, title="Wifi", summary="Bornes.")
    data = client.get(URL, {"q": "mediations"}).json()
    assert [item["id"] for item in data["results"]] == [a.pk]
