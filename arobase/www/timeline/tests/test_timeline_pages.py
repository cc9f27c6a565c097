import datetime

import pytest

from arobase.accounts.tests.factories import AffiliationFactory, StaffFactory, UserFactory, activate_totp
from arobase.label.tests.factories import YEAR, add_result, make_campaign
from arobase.territories.tests.factories import CommuneFactory
from arobase.timeline.models import Milestone, MilestoneStatus

pytestmark = pytest.mark.django_db


def _staff():
    user = StaffFactory()
    activate_totp(user)
    return user


def _pinned(territory, status=MilestoneStatus.PUBLISHED, title="Ouverture du portail citoyen"):
    return Milestone.objects.create(
        date=datetime.date(2011, 1, 1),
        track="collectivites",
        title=title,
        source_text="Bulletin municipal",
        territory=territory,
        status=status,
        refusal_reason="Non" if status == MilestoneStatus.REFUSED else "",
    )


def test_the_page_lists_the_timeline_by_year_with_empty_filters(client):
    response = client.get("/histoire/", {"track": "", "territory": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="annee-1999">1999</h2>' in html
    assert "Arrivée de l&#x27;ADSL" in html and "Rapport Villani" in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_filters_by_track_and_territory(client):
    amiens = CommuneFactory(name="Amiens", code="80021")
    _pinned(amiens)
    _pinned(amiens, status=MilestoneStatus.PROPOSED, title="Brouillon secret")
    html = client.get("/histoire/", {"track": "lois", "territory": ""}).content.decode()
    assert "Loi pour une République numérique" in html and "Amazon" not in html
    html = client.get("/histoire/", {"track": "", "territory": "80021"}).content.decode()
    assert "Ouverture du portail citoyen" in html and "Amazon" not in html and "Brouillon secret" not in html


def test_bad_track_is_explained_and_filters_nothing(client):
    response = client.get("/histoire/", {"track": "piratage"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amazon" in html and "Sélectionnez un choix valide" in html


def test_api_shape_filters_and_errors(client):
    amiens = CommuneFactory(name="Amiens", code="80021")
    _pinned(amiens)
    _pinned(amiens, status=MilestoneStatus.REFUSED, title="Refusé")
    body = client.get("/api/v1/timeline", {"track": "", "territory": ""}).json()
    assert set(body) == {"count", "next", "results"}
    assert body["count"] == 74 and body["next"]
    first = body["results"][0]
    assert set(first) == {"date", "precision", "track", "title", "body", "source", "territory"}
    assert first["date"] == "1999-01-01" and first["title"] == "248 millions d'internautes dans le monde"
    assert first["source"]["url"] == "http://internetcitoyen.fr"
    body = client.get("/api/v1/timeline", {"territory": "80021"}).json()
    assert [r["title"] for r in body["results"]] == ["Ouverture du portail citoyen"]
    assert body["results"][0]["territory"] == {"code": "80021", "kind": "commune", "name": "Amiens"}
    assert client.get("/api/v1/timeline", {"track": "lois"}).json()["count"] == 5
    response = client.get("/api/v1/timeline", {"track": "piratage"})
    assert response.status_code == 422 and "Piste inconnue" in response.content.decode()


def test_api_never_shows_a_secret_palmares(client, edition_2019):
    amiens = CommuneFactory(name="Amiens", code="80021")
    secret = make_campaign(edition_2019, state="closed", published="future")
    add_result(amiens, YEAR, 3, campaign=secret)
    assert client.get("/api/v1/timeline", {"territory": "80021"}).json()["count"] == 0
    assert "Amiens obtient" not in client.get("/histoire/").content.decode()


def test_embed_is_frameable_and_shows_the_collectivite_with_the_national_timeline(client):
    amiens = CommuneFactory(name="Amiens", code="80021")
    _pinned(amiens)
    response = client.get("/histoire/integrer/80021/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ouverture du portail citoyen" in html and "Amazon" in html
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert client.get("/histoire/").headers["X-Frame-Options"] == "DENY"
    assert client.get("/histoire/integrer/00000/").status_code == 404


def test_pin_form_for_members_only(client):
    affiliation = AffiliationFactory()
    client.get("/histoire/epingler/")
    assert client.get("/histoire/epingler/").status_code == 302  # anonymous → login
    client.force_login(UserFactory())
    assert client.get("/histoire/epingler/").status_code == 403
    client.force_login(affiliation.user)
    other = CommuneFactory()
    data = {
        "territory": other.pk,
        "date": "2010-04-02",
        "precision": "day",
        "title": "Wifi dans les bibliothèques",
        "body": "",
        "source_text": "Journal local",
        "source_url": "",
        "image_credit": "",
        "image_alt": "",
    }
    response = client.post("/histoire/epingler/", data)
    assert response.status_code == 200 and not Milestone.objects.filter(title="Wifi dans les bibliothèques").exists()
    response = client.post("/histoire/epingler/", {**data, "territory": affiliation.territory.pk})
    assert response.status_code == 302
    milestone = Milestone.objects.get(title="Wifi dans les bibliothèques")
    assert milestone.status == MilestoneStatus.PROPOSED and milestone.proposed_by == affiliation.user


def test_moderation_is_staff_only(client):
    milestone = _pinned(CommuneFactory(), status=MilestoneStatus.PROPOSED)
    member = AffiliationFactory(territory=milestone.territory).user
    assert client.post(f"/histoire/moderation/{milestone.pk}/", {"decision": "publish"}).status_code == 302
    client.force_login(member)
    assert client.get("/histoire/moderation/").status_code == 403
    assert client.post(f"/histoire/moderation/{milestone.pk}/", {"decision": "publish"}).status_code == 403
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PROPOSED
    client.force_login(_staff())
    assert "Ouverture du portail citoyen" in client.get("/histoire/moderation/").content.decode()
    client.post(f"/histoire/moderation/{milestone.pk}/", {"decision": "refuse", "reason": ""})
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PROPOSED
    client.post(f"/histoire/moderation/{milestone.pk}/", {"decision": "publish", "reason": ""})
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PUBLISHED


def test_the_page_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for index in range(30):
        _pinned(CommuneFactory(), title=f"Repère {index}")
    with django_assert_max_num_queries(12):
        assert client.get("/histoire/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/timeline").status_code == 200


def test_the_national_api_is_computed_once_per_state_and_a_ceremony_reached_shows_at_once(
    client, edition_2019, django_assert_max_num_queries
):
    from django.utils import timezone

    from arobase.label.models import Campaign

    amiens = CommuneFactory(name="Amiens", code="80021")
    secret = make_campaign(edition_2019, state="closed", published="future")
    add_result(amiens, YEAR, 3, campaign=secret)

    def titles():
        body = client.get("/api/v1/timeline", {"track": "collectivites", "territory": ""}).json()
        return [row["title"] for row in body["results"]]

    assert not any("Amiens" in title for title in titles())
    with django_assert_max_num_queries(4):  # the versions of the palmarès and of the milestones, nothing else
        assert not any("Amiens" in title for title in titles())

    Campaign.objects.filter(pk=secret.pk).update(ceremony_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "Amiens obtient son premier label (@@@)" in titles()
    _pinned(amiens, title="Fibre dans toutes les écoles")
    assert "Fibre dans toutes les écoles" in titles()
