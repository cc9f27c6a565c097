import pytest
from django.urls import reverse

from arobase.territories.models import Territory
from arobase.territories.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("territories:search")


def test_search_page_without_javascript(client, somme_territories, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(SEARCH, {"q": "amien"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_q">' in html and '<label for="id_kind">' in html
    assert 'method="get"' in html and '<button type="submit">' in html
    assert 'aria-live="polite"' in html and "3 collectivités trouvées" in html
    assert 'data-hx-get="/territoires/"' in html and "delay:300ms" in html
    assert html.index("/territoires/commune/80021/") < html.index("/territoires/epci/248000531/")
    assert "Somme (80)" in html and "136\xa0449 habitants" in html and "Communauté d&#x27;agglomération" in html


def test_empty_search_page_invites_to_type(client):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "Saisissez un nom" in response.content.decode()
    assert "<h1>Rechercher une collectivité</h1>" in response.content.decode()


def test_htmx_request_gets_the_results_fragment_with_the_status(client, somme_territories):
    response = client.get(SEARCH, {"q": "amien"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<h1" not in html
    assert 'id="results-status" data-hx-swap-oob="innerHTML"' in html and "3 collectivités trouvées" in html
    assert "/territoires/commune/80021/" in html


def test_kind_filter_and_no_result(client, somme_territories):
    html = client.get(SEARCH, {"q": "amien", "kind": "epci"}).content.decode()
    assert "1 collectivité trouvée" in html and "/territoires/commune/80021/" not in html
    assert "Aucune collectivité ne correspond" in client.get(SEARCH, {"q": "zzz"}).content.decode()
    assert client.get(SEARCH, {"q": "amien", "kind": "planet"}).status_code == 200


def test_pagination_keeps_the_query_and_bounds_queries(client, somme_territories, django_assert_max_num_queries):
    for index in range(45):
        CommuneFactory(name=f"Amiens Quartier {index}", population=index, departement=somme_territories["departement"])
    with django_assert_max_num_queries(3):
        html = client.get(SEARCH, {"q": "amien", "page": 2}).content.decode()
    assert "Page 2 sur 3" in html
    assert 'href="?q=amien&amp;page=3"' in html and 'href="?q=amien&amp;page=1"' in html


def test_detail_of_a_commune(client, somme_territories, django_assert_max_num_queries):
    Territory.objects.filter(code="80021").update(latitude=49.9, longitude=2.3)
    # territory + count of its published actions + referential editions (none here: no mosaïque); the page with
    # actions and a mosaïque is measured in arobase/mosaic/tests/test_pages.py.
    # territory, actions count, mosaïque cache key (2), edition, label results; + 4 for the versions the cached
    # anonymous page is keyed on (actions, referential, public results: asked once a second per worker in production).
    with django_assert_max_num_queries(10):
        response = client.get(reverse("territories:detail", args=["commune", "80021"]))
    html = response.content.decode()
    assert "<h1>Amiens</h1>" in html
    assert 'href="/territoires/epci/248000531/">CA Amiens Métropole</a>' in html
    assert "Somme (80)" in html and "Hauts-de-France" in html and "80000, 80080, 80090" in html
    assert "latitude 49.9000, longitude 2.3000" in html and "GeoNames" in html
    assert "obsolète" not in html


def test_detail_of_an_epci_lists_members_by_population(client, somme_territories, django_assert_max_num_queries):
    with django_assert_max_num_queries(11):  # + members (actions and mosaïque as for a commune)
        html = client.get(reverse("territories:detail", args=["epci", "248000531"])).content.decode()
    assert "Communauté d&#x27;agglomération" in html and "3 communes membres" in html
    assert html.index(">Amiens<") < html.index(">Longueau<") < html.index(">Dreuil-lès-Amiens<")


def test_detail_of_an_obsolete_commune(client, somme_territories):
    Territory.objects.filter(code="80489").update(is_obsolete=True)
    html = client.get(reverse("territories:detail", args=["commune", "80489"])).content.decode()
    assert "Collectivité obsolète." in html


def test_unknown_territory_is_404(client):
    assert client.get(reverse("territories:detail", args=["commune", "00000"])).status_code == 404
    assert client.get(reverse("territories:detail", args=["planet", "1"])).status_code == 404
