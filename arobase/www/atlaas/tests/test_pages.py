import pytest

from arobase.actions.tests.factories import ActionFactory, ActorFactory, PlaceFactory


def test_map_page_without_js_lists_and_filters(client, amiens, brest, services):
    a = ActionFactory(owner=amiens, published=True, title="Médiation numérique", status="done")
    ActionFactory(owner=brest, published=True, title="Wifi public")
    ActionFactory(owner=brest, title="Brouillon secret")
    page = client.get("/atlaas/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Médiation numérique" in html and "Wifi public" in html and "Brouillon secret" not in html
    html = client.get("/atlaas/", {"status": "done"}).content.decode()
    assert "Médiation numérique" in html and "Wifi public" not in html
    html = client.get("/atlaas/liste/", {"territory": "29019"}).content.decode()
    assert "Wifi public" in html and "Médiation" not in html
    assert a.get_absolute_url() in client.get("/atlaas/", {"q": "mediation"}).content.decode()
    # Invalid values are ignored, never a server error.
    assert client.get("/atlaas/", {"year": "abc", "arobases": "9", "bbox": "1,2"}).status_code == 200


def test_result_list_total_is_cached_until_an_action_changes(client, amiens, services):
    from arobase.accounts.tests.factories import StaffFactory
    from arobase.actions import services as action_services

    def total():
        html = client.get("/atlaas/liste/", {"territory": "80021"}).content.decode()
        return html.split('id="atlaas-count">')[1].split(" ")[0]

    action = ActionFactory(owner=amiens, published=True)
    assert total() == "1"
    assert total() == "1"  # from the cache
    ActionFactory(owner=amiens, published=True)
    assert total() == "2"
    action_services.unpublish_action(actor=StaffFactory(), action=action, reason="Doublon")
    assert total() == "1"
    assert action.title not in client.get("/atlaas/liste/", {"territory": "80021"}).content.decode()


def test_search_page_facets_and_highlight(client, amiens, services):
    ActionFactory(owner=amiens, published=True, title="Ateliers", summary="De la médiation numérique pour tous.")
    ActionFactory(owner=amiens, published=True, title="Wifi", summary="Bornes.")
    html = client.get("/atlaas/recherche/", {"q": "mediation"}).content.decode()
    assert "<mark>médiation</mark>" in html
    assert "Wifi" not in html.split("Résultats")[1]
    assert "Statuts" in html and "(1)" in html


def test_directories(client, amiens, services):
    action = ActionFactory(owner=amiens, published=True, title="Fablab")
    ActorFactory(action=action, name="Asso Visible", contact_consent=True, email="visible@example.org")
    ActorFactory(action=action, name="Personne Discrète", contact_consent=False, email="secret@example.org")
    html = client.get("/atlaas/acteurs/").content.decode()
    assert "Asso Visible" in html and "visible@example.org" in html
    assert "Personne Discrète" not in html and "secret@example.org" not in html
    html = client.get("/atlaas/collectivites/").content.decode()
    assert "Amiens" in html
    assert client.get("/atlaas/collectivites/", {"arobases": "3", "region": "x", "page": "99"}).status_code == 200


def test_directory_arobases_come_from_published_results_only(client, amiens, services):
    from arobase.atlaas.selectors import latest_arobases

    ActionFactory(owner=amiens, published=True)
    assert latest_arobases([amiens.pk]) == {}


def test_opendata_page(client, db, settings, tmp_path):
    settings.ATLAAS_OPENDATA_DIR = tmp_path
    html = client.get("/atlaas/donnees/").content.decode()
    assert "Licence Ouverte" in html
    assert client.get("/atlaas/donnees/atlaas-actions.csv").status_code == 404
    assert client.get("/atlaas/donnees/..%2Fsecret").status_code == 404


@pytest.mark.parametrize("n", [2, 20])
def test_page_query_counts_are_bounded(n, client, amiens, services, django_assert_max_num_queries):
    for i in range(n):
        action = ActionFactory(owner=amiens, published=True)
        PlaceFactory(action=action)
        ActorFactory(action=action, contact_consent=True, name=f"Acteur {i}")
    with django_assert_max_num_queries(14):
        client.get("/atlaas/")
    with django_assert_max_num_queries(10):
        client.get("/atlaas/collectivites/")
    with django_assert_max_num_queries(6):
        client.get("/atlaas/acteurs/")


def _title(client, path, **params) -> str:
    import re

    html = client.get(path, params).content.decode()
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_paginated_pages_and_searches_have_distinct_titles(client, amiens, services):
    from arobase.territories.tests.factories import CommuneFactory

    for i in range(45):
        action = ActionFactory(owner=amiens, published=True, title=f"Médiation {i}")
        ActorFactory(action=action, name=f"Acteur {i}", contact_consent=True)
    for i in range(25):
        CommuneFactory(name=f"Villeneuve {i}")
    assert _title(client, "/atlaas/recherche/", q="médiation").startswith("Rechercher une action — « médiation » · ")
    assert _title(client, "/atlaas/recherche/", q="médiation", page="2").startswith(
        "Rechercher une action — « médiation » — page 2 sur 3 · "
    )
    assert _title(client, "/atlaas/", page="3").startswith("Atlaas : la carte des actions numériques — page 3 sur 3")
    assert _title(client, "/atlaas/acteurs/", page="2").startswith("Acteurs des actions — page 2 sur 2 · ")
    assert _title(client, "/atlaas/acteurs/", q="acteur").startswith("Acteurs des actions — « acteur » · ")
    assert _title(client, "/atlaas/collectivites/", q="amiens").startswith("Collectivités participantes — « amiens »")
    assert _title(client, "/territoires/", q="villeneuve", page="2").startswith(
        "Rechercher une collectivité — « villeneuve » — page 2 sur 2 · "
    )
