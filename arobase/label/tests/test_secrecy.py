"""Before a campaign is published (staff published it AND its ceremony time is reached), nothing of its results
shows on any public surface: palmarès page, CSV, API, label_history, the history include, the dashboard."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from arobase.label.selectors import label_history, palmares_years, published_results
from arobase.label.tests.conftest import YEAR, add_result, make_campaign

pytestmark = pytest.mark.django_db

SCENARIOS = {
    "not_published": {"state": "closed", "published": False},
    "published_before_ceremony": {"state": "closed", "published": "future"},
}


@pytest.fixture(params=list(SCENARIOS))
def secret(request, edition, commune_a):
    campaign = make_campaign(edition, **SCENARIOS[request.param])
    add_result(commune_a, YEAR, 4, campaign=campaign, alert=True, mentions=["Santé"])
    return campaign


@pytest.fixture
def public(edition, commune_a):
    campaign = make_campaign(edition, state="closed", published="past")
    add_result(commune_a, YEAR, 4, campaign=campaign, alert=True, mentions=["Santé"])
    return campaign


def test_selector(secret, commune_a):
    assert not published_results().exists()
    assert label_history(commune_a) == []
    assert palmares_years() == []


def test_selector_after_the_ceremony(public, commune_a):
    assert label_history(commune_a) == [{"year": YEAR, "arobases": 4, "mentions": ["Santé"]}]
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
    assert data["results"] == [{"code": "80021", "name": "Amiens", "kind": "ville", "arobases": 4,
                                "mentions": ["Santé"], "hors_concours": False}]


def _render(source, **context):
    return Template("{% load label_tags %}" + source).render(Context(context))


@pytest.mark.parametrize("who", ["anonymous", "referent", "contributor"])
def test_history_include(secret, commune_a, referent_a, contributor_a, who):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = {"anonymous": AnonymousUser(), "referent": referent_a, "contributor": contributor_a}[who]
    html = _render("{% label_history territory %}", territory=commune_a, request=request)
    assert "4 @" not in html and "Alerte" not in html
    assert "Aucun résultat publié" in html


def test_history_include_after_the_ceremony(public, commune_a, referent_a):
    request = RequestFactory().get("/")
    request.user = referent_a
    html = _render("{% label_history territory %}", territory=commune_a, request=request)
    assert "4 @" in html and "Alerte du jury" in html


def test_dashboard(secret, commune_a, referent_a, client):
    request = RequestFactory().get("/")
    request.user = referent_a
    html = _render("{% label_dashboard %}", request=request)
    assert "Amiens" in html and "4 @" not in html and "Alerte" not in html
    # The campaign stays listed until its ceremony, even when staff published the palmarès in advance.
    assert f"Candidature au label {YEAR}" in html


def test_dashboard_after_the_ceremony(public, commune_a, referent_a):
    request = RequestFactory().get("/")
    request.user = referent_a
    html = _render("{% label_dashboard %}", request=request)
    assert "4 @" in html and "Alerte du jury" in html


def test_territory_api_history_not_leaked_through_campaigns(secret, client):
    campaigns = client.get("/api/v1/campaigns").json()
    assert campaigns[0]["year"] == YEAR and campaigns[0]["state"] in ("closed", "deliberated")
    assert "arobases" not in str(campaigns)


def test_dashboard_without_any_campaign_says_what_to_do(commune_a, referent_a):
    request = RequestFactory().get("/")
    request.user = referent_a
    html = _render("{% label_dashboard %}", request=request)
    assert "Amiens" in html and "aucune campagne du label n'est ouverte" in html
    assert 'href="/label/palmares/"' in html
