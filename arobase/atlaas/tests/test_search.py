"""Full-text search: the same tests on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest

from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory, ActorFactory, PlaceFactory
from arobase.atlaas import search
from arobase.atlaas.public_selectors import search_actions
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


def test_hyphenated_words_find_what_the_joined_word_finds(client, amiens, services):
    hyphen = ActionFactory(owner=amiens, published=True, title="Bornes Wi-Fi en centre-ville", summary="Accès.")
    joined = ActionFactory(owner=amiens, published=True, title="Wifi public", summary="Accès libre.")
    ActionFactory(owner=amiens, published=True, title="Fibre optique", summary="Raccordement.")
    assert set(found("wifi")) == set(found("wi-fi")) == set(found("WI-FI")) == {hyphen.pk, joined.pk}
    for q in ("wifi", "wi-fi"):
        html = client.get("/atlaas/recherche/", {"q": q}).content.decode()
        assert hyphen.get_absolute_url() in html and joined.get_absolute_url() in html
    assert found("centre ville") == [hyphen.pk]


def test_a_typo_is_corrected_and_the_page_says_which_words_it_used(client, amiens, services):
    mediation = ActionFactory(owner=amiens, published=True, title="Médiation numérique", summary="Ateliers.")
    mediatheque = ActionFactory(owner=amiens, published=True, title="Médiathèque en ligne", summary="Prêts.")
    ActionFactory(owner=amiens, published=True, title="Wifi public", summary="Bornes.")
    assert search.correct_query("mediaton") == "médiation"
    assert search.correct_query("mediation") is None  # a known word is never "corrected"
    assert search.correct_query("xqzwv") is None
    assert search.correct_query("ateliers de mediaton") == "ateliers de médiation"
    empty = {"theme": "", "enjeu": "", "service": "", "status": "", "territory": "", "region": "", "year": "",
             "arobases": ""}  # fmt: skip
    html = client.get("/atlaas/recherche/", {**empty, "q": "mediaton"}).content.decode()
    assert "Résultats pour « médiation »" in html
    assert mediation.get_absolute_url() in html
    assert mediatheque.get_absolute_url() not in html
    assert "<mark>Médiation</mark>" in html
    # The map page and its list use the corrected words, and ask the map for the same.
    html = client.get("/atlaas/", {**empty, "q": "mediaton"}).content.decode()
    assert "Résultats pour « médiation »" in html and mediation.get_absolute_url() in html
    assert "/api/v1/map/points?q=m%C3%A9diation" in html
    html = client.get("/atlaas/liste/", {"q": "mediaton"}).content.decode()
    assert "Résultats pour « médiation »" in html
    # A query that finds something is left alone.
    html = client.get("/atlaas/recherche/", {"q": "médiation"}).content.decode()
    assert "Résultats pour" not in html


def test_the_vocabulary_follows_writes_and_rebuilds(amiens, services):
    assert search.correct_query("cartografie") is None
    action = ActionFactory(owner=amiens, published=True, title="Cartographie participative", summary="OSM.")
    assert search.correct_query("cartografie") == "cartographie"
    action.title = "Tiers-lieu"
    action.save()
    reindex_everything()
    assert search.correct_query("cartografie") is None
    assert search.correct_query("tierslieux") == "tierslieu"
