"""The mosaïque on the public collectivité page, on the dashboard, and the page of examples of a service."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.actions.models import ActionStatus
from arobase.actions.tests.factories import ActionFactory
from arobase.territories.tests.factories import CommuneFactory, RegionFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page_of(territory):
    return reverse("territories:detail", args=[territory.kind, territory.code])


def test_public_page_shows_actions_and_the_mosaic(client, amiens, brest, services):
    lit = ActionFactory(owner=amiens, published=True, title="Espace public numérique", services=[services["T3E2S01"]])
    ActionFactory(owner=amiens, title="Brouillon secret", services=[services["T3E2S02"]])
    ActionFactory(
        owner=amiens, published=True, title="Projet prévu", status=ActionStatus.PLANNED, services=[services["T3E2S03"]]
    )
    example = ActionFactory(owner=brest, published=True, title="Ateliers à Brest", services=[services["T1E1S01"]])
    response = client.get(page_of(amiens))
    assert response.status_code == 200
    html = response.content.decode()
    # Published actions, linked; never drafts.
    assert f'href="{lit.get_absolute_url()}">Espace public numérique</a>' in html
    assert "Projet prévu" in html and "Brouillon secret" not in html
    assert "2 actions publiées" in html
    # The grid: one cell per service, its state as a symbol and in text; coverage as text; the weak enjeux,
    # whose unlit services lead to examples loaded on their own page; the table alternative.
    assert "Mosaïque du label 2027" in html
    assert "1/138 services allumés" in html
    assert html.count('<details class="mosaic-cell is-lit">') == 1
    assert html.count('<details class="mosaic-cell is-unlit">') == 137
    lit_label = escape(services["T3E2S01"].label)
    assert f'✓</span><span class="mosaic-cell-label"> {lit_label} : allumé</span></summary>' in html
    assert '○</span><span class="mosaic-cell-label">' in html and " : à explorer</span>" in html
    assert "1 action éligible" in html and "<meter" in html
    assert "Enjeux à renforcer" in html and "Pour commencer" not in html
    assert "Ateliers à Brest" not in html and example.get_absolute_url() not in html
    assert "/mosaique/services/T3E2S02/?exclude=80021&amp;kind=commune" in html
    assert "Voir la mosaïque sous forme de tableau" in html
    assert "<caption>Mosaïque d&#x27;Amiens pour le label 2027" in html
    assert html.count('<th scope="row">') == 138
    assert '<select id="mosaique-annee" name="annee">' in html


def test_a_collectivite_without_action_is_shown_where_to_start(client, amiens, brest, services):
    third = CommuneFactory(name="Caen")
    for owner in (brest, third):
        ActionFactory(owner=owner, published=True, services=[services["T3E2S01"]])
    ActionFactory(owner=third, published=True, services=[services["T1E1S01"]])
    html = client.get(page_of(amiens)).content.decode()
    assert "0/138 services allumés" in html
    # Not 16 enjeux "à renforcer", but the services most often lit, with their counts.
    assert "Pour commencer" in html and "Enjeux à renforcer" not in html and "à renforcer" not in html
    start = html[html.index("Pour commencer") :]
    assert start.index(escape(services["T3E2S01"].label)) < start.index(escape(services["T1E1S01"].label))
    assert "allumé par 2 collectivités" in start and "allumé par 1 collectivité<" in start
    assert '<a href="/mosaique/services/T3E2S01/?exclude=80021&amp;kind=commune">' in start


def test_the_mosaic_is_compact(client, amiens, brest, services):
    codes = sorted(services)
    for i in range(20):
        ActionFactory(owner=brest, published=True, services=[services[codes[(i * 7) % 138]]])
    ActionFactory(owner=amiens, published=True, services=[services[codes[0]]])
    html = client.get(page_of(amiens)).content.decode()
    fragment = re.search(r'<section class="mosaic".*?</details>\s*</section>', html, re.S).group(0)
    # It was 270 KB of cards and inline examples; each service's label is now written in its cell, the table and
    # at most once among the weak enjeux, whatever the number of actions.
    assert len(fragment.encode()) < 150_000
    assert html.count(escape(services[codes[5]].label)) == 3  # cell, table and the weak enjeu's link


def test_year_selector(client, amiens, services):
    from arobase.mosaic.tests.factories import local

    ActionFactory(owner=amiens, published=True, last_activity_at=local(2020), services=[services["T3E2S01"]])
    html = client.get(page_of(amiens), {"annee": "2021"}).content.decode()
    assert "Mosaïque du label 2021" in html and "1/138 services allumés" in html
    assert '<option value="2021" selected>' in html
    html = client.get(page_of(amiens)).content.decode()
    assert "Mosaïque du label 2027" in html and "0/138 services allumés" in html
    html = client.get(page_of(amiens), {"annee": "1850"}).content.decode()
    assert "Aucune édition du référentiel ne correspond" in html and "Mosaïque du label 2027" in html


def test_actions_are_paginated_most_recent_first(client, amiens, services):
    from arobase.mosaic.tests.factories import local

    for i in range(12):
        ActionFactory(owner=amiens, published=True, title=f"Action {i:02d}", last_activity_at=local(2015 + i))
    html = client.get(page_of(amiens)).content.decode()
    assert html.index("Action 11") < html.index("Action 02") and "Action 01" not in html
    assert "Page 1 sur 2" in html
    html = client.get(page_of(amiens), {"page": 2}).content.decode()
    assert "Action 01" in html and "Action 00" in html and "Action 11" not in html


def test_regions_have_no_mosaic(client, edition_2019):
    html = client.get(page_of(RegionFactory(name="Bretagne"))).content.decode()
    assert "Mosaïque" not in html and "Actions publiées" not in html


@pytest.mark.parametrize("n", [3, 30])
def test_public_page_query_count_does_not_grow(n, client, amiens, brest, services, django_assert_num_queries):
    codes = sorted(services)
    for i in range(n):
        ActionFactory(
            owner=amiens,
            published=True,
            services=[services[codes[(i * 7) % 138]]],
            shared_with=[amiens.epci] if i % 2 else [],
        )
        ActionFactory(
            owner=brest,
            published=True,
            services=[services[codes[(i * 3) % 138]]],
            shared_with=[amiens] if i % 5 == 0 else [],
        )
    # territory + actions (count, page, services, partners) + cache key of the mosaïque (actions version,
    # editions) + mosaïque (editions, tree 3, aggregate, other editions) + published label results
    # + the versions the anonymous page cache is keyed on (4)
    with django_assert_num_queries(18):
        response = client.get(page_of(amiens))
    assert response.status_code == 200
    # Another URL of the page (so not the whole page from the page cache): the mosaïque comes from the cache now.
    with django_assert_num_queries(12):  # territory, actions (4), cache key (2), label results, page versions (4)
        cached = client.get(page_of(amiens) + "?page=1").content.decode()
    fragment = re.compile(r'<section class="mosaic".*?</details>\s*</section>', re.S)
    assert fragment.search(cached).group(0) == fragment.search(response.content.decode()).group(0)


def test_cached_public_mosaic_follows_actions_and_the_referential(client, amiens, brest, services):
    from arobase.referential.services import update_service

    html = client.get(page_of(amiens)).content.decode()
    assert "0/138 services allumés" in html
    ActionFactory(owner=amiens, services=[services["T3E2S01"]])
    assert "0/138 services allumés" in client.get(page_of(amiens)).content.decode()  # a draft lights nothing
    ActionFactory(owner=amiens, published=True, services=[services["T3E2S01"]])
    html = client.get(page_of(amiens)).content.decode()
    assert "1/138 services allumés" in html
    update_service(service=services["T3E2S01"], label="Espace public numérique renommé")
    assert "Espace public numérique renommé" in client.get(page_of(amiens)).content.decode()
    # Another year is another fragment.
    assert "Mosaïque du label 2020" in client.get(page_of(amiens), {"annee": "2020"}).content.decode()


def test_dashboard_shows_the_mosaic_of_the_chosen_collectivite(client, amiens, brest, services):
    user = AffiliationFactory(territory=amiens).user
    AffiliationFactory(user=user, territory=brest)
    ActionFactory(owner=brest, published=True, services=[services["T4E1S01"]])
    login(client, user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'href="/actions/"' in html and "Mes actions" in html
    # The first collectivité by name (Amiens), with a chooser.
    assert "Pré-diagnostic d&#x27;Amiens" in html and "0/138 services allumés" in html
    assert '<select id="mosaique-collectivite" name="collectivite">' in html
    assert '<section class="mosaic" id="ma-mosaique"' in html
    html = client.get(reverse("accounts:dashboard"), {"collectivite": brest.pk}).content.decode()
    assert "Pré-diagnostic de Brest" in html and "1/138 services allumés" in html
    assert f'<input type="hidden" name="collectivite" value="{brest.pk}">' in html
    # Someone else's collectivité cannot be chosen: back to the first one.
    stranger = CommuneFactory(name="Zénith")
    html = client.get(reverse("accounts:dashboard"), {"collectivite": stranger.pk}).content.decode()
    assert "Pré-diagnostic d&#x27;Amiens" in html and "Zénith" not in html


def test_dashboard_without_collectivite_has_no_mosaic(client, edition_2019):
    from arobase.accounts.tests.factories import UserFactory

    login(client, UserFactory())
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Mosaïque du label" not in html


def test_service_examples_page(client, amiens, brest, services):
    from arobase.mosaic.tests.factories import local

    own = ActionFactory(owner=amiens, published=True, title="Chez nous", services=[services["T2E2S01"]])
    old = ActionFactory(
        owner=brest,
        published=True,
        title="Ancienne",
        last_activity_at=local(2019),
        services=[services["T2E2S01"]],
    )
    new = ActionFactory(owner=brest, published=True, title="Récente", services=[services["T2E2S01"]])
    ActionFactory(owner=brest, title="Brouillon", services=[services["T2E2S01"]])
    url = reverse("mosaic:service_examples", args=["T2E2S01"])
    html = client.get(url, {"exclude": amiens.code, "kind": "commune"}).content.decode()
    assert escape(services["T2E2S01"].label) in html and "Mosaïque d&#x27;Amiens" in html
    assert html.index(new.get_absolute_url()) < html.index(old.get_absolute_url())
    assert own.get_absolute_url() not in html and "Brouillon" not in html and "2 actions publiées" in html
    html = client.get(url).content.decode()
    assert "3 actions publiées" in html
    assert client.get(reverse("mosaic:service_examples", args=["NOPE"])).status_code == 404


def test_service_examples_page_is_flat(client, amiens, brest, services, django_assert_num_queries):
    url = reverse("mosaic:service_examples", args=["T2E2S01"])
    for _ in range(25):
        ActionFactory(owner=brest, published=True, services=[services["T2E2S01"]], shared_with=[amiens.epci])
    # label + excluded territory + count + page + partners
    with django_assert_num_queries(5):
        response = client.get(url, {"exclude": amiens.code})
    assert re.search(r"25 actions publiées", response.content.decode())


@pytest.mark.parametrize("n", [3, 30])
def test_dashboard_query_count_does_not_grow(n, client, amiens, brest, services, django_assert_num_queries):
    user = AffiliationFactory(territory=amiens).user
    codes = sorted(services)
    for i in range(n):
        ActionFactory(owner=amiens, published=True, services=[services[codes[(i * 7) % 138]]])
        ActionFactory(
            owner=brest,
            published=True,
            services=[services[codes[(i * 3) % 138]]],
            shared_with=[amiens] if i % 2 else [],
        )
    login(client, user)
    client.get(reverse("accounts:dashboard"))
    # session + user + own affiliations + mosaïque (editions, tree 3, aggregate, other editions)
    with django_assert_num_queries(14):  # + label panel (campaigns, candidacies, results), expiring actions
        response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
