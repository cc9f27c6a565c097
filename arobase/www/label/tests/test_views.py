import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arobase.label.models import Campaign, Candidacy, CandidacySnapshot, Membership
from arobase.label.tests.factories import YEAR, add_result, confirm_membership, eligible_action, make_campaign
from arobase.referential.models import Service
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory

pytestmark = pytest.mark.django_db

URL = f"/label/candidature/{YEAR}/commune/80021/"


def _login(client, user):
    client.force_login(user)
    return client


# --- candidacy page, every role ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, label_member_a, label_campaign):
    response = client.get(URL)
    assert response.status_code == 302 and "/compte/login/" in response.url
    assert client.post(URL, {"intent": "open"}).status_code == 302
    assert not Candidacy.objects.exists()


@pytest.mark.parametrize("role", ["other_referent", "juror", "plain"])
def test_outsiders_get_403(client, label_member_a, label_campaign, label_referent_b, juror, plain_user, role):
    user = {"other_referent": label_referent_b, "juror": juror, "plain": plain_user}[role]
    _login(client, user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"intent": "open"}).status_code == 403
    assert not Candidacy.objects.exists()


def test_contributor_may_view_but_not_open(client, label_member_a, label_campaign, label_contributor_a):
    _login(client, label_contributor_a)
    response = client.get(URL)
    assert response.status_code == 200
    assert "seul le référent de la collectivité peut l'ouvrir" in response.content.decode()
    assert "Ouvrir la candidature" not in response.content.decode()
    assert client.post(URL, {"intent": "open"}).status_code == 403
    assert not Candidacy.objects.exists()


def test_unknown_campaign_or_territory_404(client, label_member_a, label_campaign, label_referent_a):
    _login(client, label_referent_a)
    assert client.get(f"/label/candidature/{YEAR + 5}/commune/80021/").status_code == 404
    assert client.get(f"/label/candidature/{YEAR}/commune/99999/").status_code == 404


def test_referent_opens_validates_and_revalidates(client, label_member_a, label_campaign, label_referent_a):
    _login(client, label_referent_a)
    page = client.get(URL).content.decode()
    assert "Ouvrir la candidature" in page and "Mosaïque du label" in page
    assert client.post(URL, {"intent": "open"}).status_code == 302
    candidacy = Candidacy.objects.get()
    response = client.post(URL, {"intent": "validate", "version": candidacy.version}, follow=True)
    assert "transmis au jury (version n°1)" in response.content.decode()
    candidacy.refresh_from_db()
    client.post(URL, {"intent": "validate", "version": candidacy.version})
    assert CandidacySnapshot.objects.count() == 2


def test_staff_can_act(client, label_member_a, label_campaign, staff):
    _login(client, staff)
    assert client.post(URL, {"intent": "open"}).status_code == 302
    assert Candidacy.objects.count() == 1


def test_page_says_what_is_missing_to_the_referent(client, label_commune_a, label_campaign, label_referent_a):
    _login(client, label_referent_a)
    content = client.get(URL).content.decode()
    assert "demandez l&#x27;adhésion à l&#x27;équipe Villes Internet" in content
    assert "Aucune action éligible" in content
    assert "Demander l'adhésion" in content
    assert "Ouvrir la candidature" not in content


def test_page_says_what_is_missing_to_a_contributor(client, label_commune_a, label_campaign, label_contributor_a):
    _login(client, label_contributor_a)
    content = client.get(URL).content.decode()
    assert "le référent doit demander l&#x27;adhésion" in content


def test_page_for_a_departement(client, staff, label_campaign):
    DepartementFactory(code="D80", name="Somme test")
    _login(client, staff)
    content = client.get(f"/label/candidature/{YEAR}/departement/D80/").content.decode()
    assert "ne peuvent pas être candidats" in content


def test_after_the_deadline_read_only(client, label_member_a, edition_2019, label_referent_a):
    make_campaign(edition_2019, state="closed")
    _login(client, label_referent_a)
    content = client.get(URL).content.decode()
    assert "date limite de candidature" in content and "est passée" in content
    assert "Valider et transmettre" not in content
    assert client.post(URL, {"intent": "open"}).status_code == 400
    assert not Candidacy.objects.exists()


def test_stale_form_gets_a_clear_message_and_saves_nothing(client, label_epci, label_campaign, staff):
    from arobase.accounts.tests.factories import ReferentAffiliationFactory

    confirm_membership(label_epci)
    eligible_action(label_epci)
    referent = ReferentAffiliationFactory(territory=label_epci).user
    url = f"/label/candidature/{YEAR}/epci/{label_epci.code}/"
    _login(client, referent)
    client.post(url, {"intent": "open"})
    candidacy = Candidacy.objects.get()
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page and "Participe à un Schéma Directeur" in page
    # someone else saves in between
    from django.test import Client

    other = _login(Client(), staff)
    assert other.post(url, {"intent": "save", "version": 1, "q_open_data": "on"}).status_code == 302
    response = client.post(url, {"intent": "save", "version": 1, "q_sdtan": "on"})
    assert response.status_code == 409
    assert "modifié par quelqu&#x27;un d&#x27;autre" in response.content.decode()
    candidacy.refresh_from_db()
    assert candidacy.questionnaire["sdtan"] is False and candidacy.questionnaire["open_data"] is True


def test_coherence_warning_shown(client, label_epci, label_campaign, staff, edition_2019):
    confirm_membership(label_epci)
    # Not the service that supports the declaration (T3E3S08): the factory's default service depends on the
    # order the tests run in.
    eligible_action(label_epci, services=[Service.objects.get(edition=edition_2019, code="T1E1S01")])
    _login(client, staff)
    url = f"/label/candidature/{YEAR}/epci/{label_epci.code}/"
    client.post(url, {"intent": "open"})
    client.post(url, {"intent": "save", "version": 1, "q_public_private": "on"})
    content = client.get(url).content.decode()
    assert "aucune action éligible ne l&#x27;illustre" in content


# --- memberships and campaigns pages -------------------------------------------------------------------------


def test_membership_request_and_confirmation_pages(client, label_commune_a, label_referent_a, staff):
    _login(client, label_referent_a)
    url = "/label/adhesion/commune/80021/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"year": YEAR, "level": "simple"}).status_code == 302
    membership = Membership.objects.get()
    assert client.get("/label/adhesions/").status_code == 403
    _login(client, staff)
    assert "Amiens" in client.get("/label/adhesions/").content.decode()
    client.post(f"/label/adhesions/{membership.pk}/decision/", {"decision": "confirm"})
    membership.refresh_from_db()
    assert membership.status == "confirmed"


def test_membership_page_links_to_the_candidacy(client, label_commune_a, label_referent_a, label_campaign):
    confirm_membership(label_commune_a)
    _login(client, label_referent_a)
    html = client.get("/label/adhesion/commune/80021/").content.decode()
    assert f'href="/label/candidature/{YEAR}/commune/80021/"' in html


def test_membership_page_refused_to_contributors(client, label_commune_a, label_contributor_a):
    _login(client, label_contributor_a)
    assert client.post("/label/adhesion/commune/80021/", {"year": YEAR, "level": "simple"}).status_code == 403
    assert not Membership.objects.exists()


def test_staff_campaign_pages(client, staff, edition_2019, label_referent_a):
    _login(client, label_referent_a)
    assert client.get("/label/campagnes/").status_code == 403
    assert client.get("/label/campagnes/nouvelle/").status_code == 403
    _login(client, staff)
    response = client.post(
        "/label/campagnes/nouvelle/",
        {
            "year": YEAR,
            "opens_on": "2025-02-01",
            "candidacy_deadline": "2025-11-15T23:59",
            "jury_meeting_on": "2025-12-10",
            "ceremony_at": "2026-01-29T18:00",
            "edition": edition_2019.pk,
            "mentions": "Écoles Internet\nSanté",
        },
    )
    assert response.status_code == 302
    label_campaign = Campaign.objects.get()
    assert label_campaign.mentions.count() == 2
    assert client.get(f"/label/campagnes/{YEAR}/modifier/").status_code == 200
    assert "Label" in client.get("/label/campagnes/").content.decode()


# --- palmarès ---------------------------------------------------------------------------------------------------


@pytest.fixture
def palmares(edition_2019, label_commune_a, label_commune_b, label_epci):
    label_campaign = make_campaign(edition_2019, state="closed", published="past")
    add_result(label_commune_a, YEAR, 3, campaign=label_campaign, mentions=["Santé"])
    add_result(label_commune_b, YEAR, 5, campaign=label_campaign, category="village")
    add_result(
        label_epci, YEAR, 3, campaign=label_campaign, category="territoire", mentions=["Écoles Internet", "Santé"]
    )
    return label_campaign


def test_palmares_general_ranking(client, palmares):
    response = client.get(f"/label/palmares/{YEAR}/")
    names = [result.territory.name for result in response.context["results"]]
    assert names == ["Abbeville", "Amiens", "Amiens Métropole"]
    assert dict(response.context["counts"]) == {5: 1, 4: 0, 3: 2, 2: 0, 1: 0}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "territoire"}, ["Amiens Métropole"]),
        ({"kind": "village"}, ["Abbeville"]),
        ({"mention": "Santé"}, ["Amiens", "Amiens Métropole"]),
        ({"mention": "ecoles internet"}, ["Amiens Métropole"]),
        ({"departement": "80"}, ["Abbeville", "Amiens"]),
        ({"region": "32"}, ["Abbeville", "Amiens"]),
        ({"population": "100000+"}, ["Amiens", "Amiens Métropole"]),
        ({"population": "10000-49999"}, ["Abbeville"]),
    ],
)
def test_palmares_filters(client, palmares, query, expected):
    response = client.get(f"/label/palmares/{YEAR}/", query)
    assert [result.territory.name for result in response.context["results"]] == expected


def test_palmares_csv_follows_filters(client, palmares):
    response = client.get(f"/label/palmares/{YEAR}/export.csv", {"mention": "Santé"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["name"], row["arobases"], row["mentions"]) for row in rows] == [
        ("Amiens", "3", "Santé"),
        ("Amiens Métropole", "3", "Écoles Internet|Santé"),
    ]


def test_palmares_is_paginated_and_keeps_filters(client, palmares, monkeypatch):
    from arobase.www.label import views

    monkeypatch.setattr(views, "PALMARES_PER_PAGE", 1)
    response = client.get(f"/label/palmares/{YEAR}/", {"mention": "Santé"})
    html = response.content.decode()
    assert [r.territory.name for r in response.context["results"]] == ["Amiens"]
    assert "Classement général : 2 collectivités" in html and "Page 1 sur 2" in html
    assert 'href="?mention=Sant%C3%A9&amp;page=2"' in html
    assert f'href="/label/palmares/{YEAR}/export.csv?mention=Sant%C3%A9"' in html  # the CSV has every page
    response = client.get(f"/label/palmares/{YEAR}/", {"mention": "Santé", "page": "2"})
    assert [r.territory.name for r in response.context["results"]] == ["Amiens Métropole"]
    # A page out of range shows the last one rather than an error.
    response = client.get(f"/label/palmares/{YEAR}/", {"mention": "Santé", "page": "99"})
    assert [r.territory.name for r in response.context["results"]] == ["Amiens Métropole"]


def test_palmares_unknown_year_404(client, palmares):
    assert client.get("/label/palmares/1990/").status_code == 404


def _queries_for(client, count, edition_2019):
    from arobase.label.models import Result

    Result.objects.all().delete()
    Campaign.objects.all().delete()
    label_campaign = make_campaign(edition_2019, state="closed", published="past")
    departement = DepartementFactory()
    for index in range(count):
        territory = (
            EpciFactory() if index % 5 == 0 else CommuneFactory(departement=departement, region=departement.region)
        )
        add_result(territory, YEAR, 1 + index % 4, campaign=label_campaign, mentions=["Santé"] if index % 2 else [])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/label/palmares/{YEAR}/", {"mention": "Santé"}).status_code == 200
    return len(queries)


def test_palmares_query_count_is_bounded(client, edition_2019):
    assert _queries_for(client, 5, edition_2019) == _queries_for(client, 50, edition_2019)


def test_api_palmares_and_campaigns(client, palmares):
    data = client.get(f"/api/v1/palmares/{YEAR}", {"page_size": 2}).json()
    assert data["count"] == 3 and data["next"] is not None
    assert [entry["name"] for entry in data["results"]] == ["Abbeville", "Amiens"]
    assert data["results"][0]["kind"] == "village"
    campaigns = client.get("/api/v1/campaigns").json()
    assert campaigns == [{"year": YEAR, "state": "published", "ceremony_at": campaigns[0]["ceremony_at"]}]


def test_palmares_index_and_methodology(client, palmares):
    assert f"/label/palmares/{YEAR}/" in client.get("/label/palmares/").content.decode()
    assert "Le score proposé" in client.get("/label/methode/").content.decode()


def test_main_navigation_marks_the_palmares_only_on_palmares_pages(client, palmares, label_commune_a, label_referent_a):
    current = '<a href="/label/palmares/" aria-current="page">'
    assert current in client.get(f"/label/palmares/{YEAR}/").content.decode()
    _login(client, label_referent_a)
    html = client.get(f"/label/candidature/{YEAR}/commune/{label_commune_a.code}/").content.decode()
    assert 'href="/label/palmares/"' in html and current not in html


def test_palmares_pages_have_distinct_titles(client, palmares, monkeypatch):
    from arobase.www.label import views

    monkeypatch.setattr(views, "PALMARES_PER_PAGE", 1)
    first = client.get(f"/label/palmares/{YEAR}/").content.decode()
    second = client.get(f"/label/palmares/{YEAR}/", {"page": "2"}).content.decode()
    assert f"<title>Palmarès {YEAR} — " in first
    assert f"<title>Palmarès {YEAR} — page 2 sur 3 — " in second
