"""Before a campaign is published (staff published it AND its ceremony time is reached), nothing of its results
shows on any public surface: palmarès page, CSV, API, label_history, the history include, the dashboard."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from arobase.label.models import Campaign
from arobase.label.palmares.selectors import palmares_years
from arobase.label.selectors import label_history, published_results
from arobase.label.tests.factories import YEAR, add_result, make_campaign

pytestmark = pytest.mark.django_db

SCENARIOS = {
    "not_published": {"state": "closed", "published": False},
    "published_before_ceremony": {"state": "closed", "published": "future"},
}


@pytest.fixture(params=list(SCENARIOS))
def secret(request, edition_2019, label_commune_a):
    label_campaign = make_campaign(edition_2019, **SCENARIOS[request.param])
    add_result(label_commune_a, YEAR, 4, campaign=label_campaign, alert=True, mentions=["Santé"])
    return label_campaign


@pytest.fixture
def public(edition_2019, label_commune_a):
    label_campaign = make_campaign(edition_2019, state="closed", published="past")
    add_result(label_commune_a, YEAR, 4, campaign=label_campaign, alert=True, mentions=["Santé"])
    return label_campaign


def test_selector(secret, label_commune_a):
    assert not published_results().exists()
    assert label_history(label_commune_a) == []
    assert palmares_years() == []


def test_selector_after_the_ceremony(public, label_commune_a):
    assert label_history(label_commune_a) == [{"year": YEAR, "arobases": 4, "mentions": ["Santé"]}]
    assert palmares_years() == [YEAR]


def test_palmares_page_and_csv(secret, client):
    assert client.get(f"/label/palmares/{YEAR}/").status_code == 404
    assert client.get(f"/label/palmares/{YEAR}/export.csv").status_code == 404
    assert str(YEAR) not in client.get("/label/palmares/").content.decode()


def test_palmares_page_and_csv_after_the_ceremony(public, client):
    assert "Amiens" in client.get(f"/label/palmares/{YEAR}/").content.decode()
    assert "Amiens" in client.get(f"/label/palmares/{YEAR}/export.csv").content.decode()


def test_api_answers_like_an_unknown_year(secret, client):
    response = client.get(f"/api/v1/palmares/{YEAR}")
    unknown = client.get("/api/v1/palmares/1990")
    assert response.status_code == unknown.status_code == 404
    assert response.json() == unknown.json()


def test_api_after_the_ceremony(public, client):
    data = client.get(f"/api/v1/palmares/{YEAR}").json()
    assert data["count"] == 1
    assert data["results"] == [
        {
            "code": "80021",
            "name": "Amiens",
            "kind": "ville",
            "arobases": 4,
            "mentions": ["Santé"],
            "hors_concours": False,
        }
    ]


def _render(source, **context):
    return Template("{% load label_tags %}" + source).render(Context(context))


@pytest.mark.parametrize("who", ["anonymous", "referent", "contributor"])
def test_history_include(secret, label_commune_a, label_referent_a, label_contributor_a, who):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = {"anonymous": AnonymousUser(), "referent": label_referent_a, "contributor": label_contributor_a}[who]
    html = _render("{% label_history territory %}", territory=label_commune_a, request=request)
    assert "4 @" not in html and "Alerte" not in html
    assert "Aucun résultat publié" in html


def test_history_include_after_the_ceremony(public, label_commune_a, label_referent_a):
    request = RequestFactory().get("/")
    request.user = label_referent_a
    html = _render("{% label_history territory %}", territory=label_commune_a, request=request)
    assert "4 @" in html and "Alerte du jury" in html


def test_dashboard(secret, label_commune_a, label_referent_a, client):
    request = RequestFactory().get("/")
    request.user = label_referent_a
    html = _render("{% label_dashboard %}", request=request)
    assert "Amiens" in html and "4 @" not in html and "Alerte" not in html
    # The campaign stays listed until its ceremony, even when staff published the palmarès in advance.
    assert f"Candidature au label {YEAR}" in html


def test_dashboard_after_the_ceremony(public, label_commune_a, label_referent_a):
    request = RequestFactory().get("/")
    request.user = label_referent_a
    html = _render("{% label_dashboard %}", request=request)
    assert "4 @" in html and "Alerte du jury" in html


def test_territory_api_history_not_leaked_through_campaigns(secret, client):
    campaigns = client.get("/api/v1/campaigns").json()
    assert campaigns[0]["year"] == YEAR and campaigns[0]["state"] in ("closed", "deliberated")
    assert "arobases" not in str(campaigns)


def test_dashboard_without_any_campaign_says_what_to_do(label_commune_a, label_referent_a):
    request = RequestFactory().get("/")
    request.user = label_referent_a
    html = _render("{% label_dashboard %}", request=request)
    assert "Amiens" in html and "aucune campagne du label n'est ouverte" in html
    assert 'href="/label/palmares/"' in html


# The shared cache (public pages cached for anonymous visitors) and the proxy headers.


def _public_pages(label_commune_a):
    return ["/", "/label/palmares/", f"/territoires/commune/{label_commune_a.code}/", "/atlaas/"]


def test_cached_pages_and_proxy_headers_before_the_ceremony(secret, label_commune_a, client):
    for path in _public_pages(label_commune_a):
        for _ in range(2):  # the second answer comes from the shared cache
            response = client.get(path)
            html = response.content.decode()
            assert response.status_code == 200
            assert "4 @" not in html and "Alerte" not in html and f"palmares/{YEAR}/" not in html
    secret_year = client.get(f"/label/palmares/{YEAR}/")
    assert secret_year.status_code == 404
    assert "public" not in secret_year.get("Cache-Control", "")


def test_a_page_cached_before_the_ceremony_follows_the_ceremony(edition_2019, label_commune_a, client):
    label_campaign = make_campaign(edition_2019, state="closed", published="future")
    add_result(label_commune_a, YEAR, 4, campaign=label_campaign)
    territory_page = f"/territoires/commune/{label_commune_a.code}/"
    assert f"palmares/{YEAR}/" not in client.get("/label/palmares/").content.decode()
    assert "4 @" not in client.get(territory_page).content.decode()

    Campaign.objects.filter(pk=label_campaign.pk).update(ceremony_at=timezone.now() - timedelta(minutes=1))
    assert f"palmares/{YEAR}/" in client.get("/label/palmares/").content.decode()
    assert "4 @" in client.get(territory_page).content.decode()

    # Staff withdraw the palmarès: the cached pages that showed it are not served any more.
    Campaign.objects.filter(pk=label_campaign.pk).update(published_at=None)
    assert f"palmares/{YEAR}/" not in client.get("/label/palmares/").content.decode()
    assert "4 @" not in client.get(territory_page).content.decode()


def test_signed_in_pages_are_neither_cached_nor_shared(secret, label_commune_a, label_referent_a, client):
    from django.core.cache import cache

    client.force_login(label_referent_a)
    for path in [*_public_pages(label_commune_a), "/compte/tableau-de-bord/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "public" not in response["Cache-Control"]
    assert not [key for key in cache._cache if "public-page" in key]
