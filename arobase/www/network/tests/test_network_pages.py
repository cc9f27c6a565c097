import datetime

import pytest
from django.utils import timezone

from arobase.accounts.tests.factories import AffiliationFactory, StaffFactory, UserFactory, activate_totp
from arobase.label.tests.factories import add_result, make_campaign
from arobase.network.models import Article, Event, EventKind, Registration, Status
from arobase.network.tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db


def _staff():
    user = StaffFactory()
    activate_totp(user)
    return user


def test_lists_show_published_only_with_empty_filters(client):
    ArticleFactory(title="Publié")
    ArticleFactory(title="En attente", status=Status.PROPOSED, published_at=None)
    ArticleFactory(title="Refusé", status=Status.REFUSED, refusal_reason="Non", published_at=None)
    html = client.get("/articles/", {"theme": "", "region": "", "kind": ""}).content.decode()
    assert "Publié" in html and "En attente" not in html and "Refusé" not in html
    assert 'type="application/atom+xml"' in html
    EventFactory(title="Rencontre publiée")
    EventFactory(title="Rencontre proposée", status=Status.PROPOSED)
    html = client.get("/evenements/", {"theme": "", "region": "", "kind": ""}).content.decode()
    assert "Rencontre publiée" in html and "Rencontre proposée" not in html
    assert 'type="text/calendar"' in html


def test_unpublished_pages_are_hidden_from_others_but_shown_to_their_proposer(client):
    proposer = AffiliationFactory().user
    article = ArticleFactory(status=Status.PROPOSED, published_at=None, proposed_by=proposer)
    event = EventFactory(status=Status.PROPOSED, proposed_by=proposer)
    for url in (article.get_absolute_url(), event.get_absolute_url()):
        assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    for url in (article.get_absolute_url(), event.get_absolute_url()):
        assert client.get(url).status_code == 404
    client.force_login(proposer)
    for url in (article.get_absolute_url(), event.get_absolute_url()):
        assert "en attente de relecture" in client.get(url).content.decode()
    client.logout()
    assert client.get(f"/evenements/{event.pk}-{event.slug}.ics").status_code == 404


def test_article_page_renders_sanitised_markdown(client):
    article = ArticleFactory(body="**Fort** <script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<strong>Fort</strong>" in html and "<script>alert" not in html
    assert client.get(f"/articles/{article.pk}-mauvais-slug/").status_code == 301


def test_propose_and_edit_through_the_form(client):
    affiliation = AffiliationFactory()
    assert client.get("/articles/proposer/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/articles/proposer/").status_code == 403
    client.force_login(affiliation.user)
    data = {
        "territory": affiliation.territory.pk,
        "kind": "fond",
        "title": "Le numérique",
        "summary": "",
        "body": "Texte",
    }
    response = client.post("/articles/proposer/", data)
    article = Article.objects.get()
    assert response.status_code == 302 and article.status == Status.PROPOSED
    # Someone else, even a member of the same collectivité, cannot edit it.
    client.force_login(AffiliationFactory(territory=affiliation.territory).user)
    assert client.post(f"/articles/{article.pk}/modifier/", {**data, "title": "Piraté"}).status_code == 403
    article.refresh_from_db()
    assert article.title == "Le numérique"


def test_event_form_with_empty_optional_fields(client):
    affiliation = AffiliationFactory()
    client.force_login(affiliation.user)
    data = {
        "territory": affiliation.territory.pk,
        "kind": "webinaire",
        "title": "Webinaire",
        "description": "Programme",
        "starts_at": "2030-05-10T09:30",
        "ends_at": "2030-05-10T11:00",
        "time_zone": "Europe/Paris",
        "place_name": "",
        "address": "",
        "online_url": "",
        "max_participants": "",
    }
    response = client.post("/evenements/proposer/", data)
    assert response.status_code == 200 and "Indiquez une adresse ou un lien" in response.content.decode()
    assert not Event.objects.exists()
    response = client.post("/evenements/proposer/", {**data, "online_url": "https://visio.example.org/x"})
    event = Event.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(event.starts_at).hour == 9


def test_moderation_queue_is_staff_only(client):
    article = ArticleFactory(status=Status.PROPOSED, published_at=None, proposed_by=AffiliationFactory().user)
    url = f"/reseau/moderation/article/{article.pk}/"
    client.force_login(article.proposed_by)
    assert client.get("/reseau/moderation/").status_code == 403
    assert client.post(url, {"decision": "publish"}).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.PROPOSED
    client.force_login(_staff())
    assert article.title in client.get("/reseau/moderation/").content.decode()
    client.post(url, {"decision": "publish", "reason": ""})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.published_at


def test_register_ics_and_organisers_csv(client):
    event = EventFactory(time_zone="America/Cayenne")
    attendee = UserFactory(first_name="=cmd", last_name="Durand")
    assert client.post(f"/evenements/{event.pk}/inscription/", {"capacity": "elu"}).status_code == 302
    assert not Registration.objects.exists()
    client.force_login(attendee)
    client.post(f"/evenements/{event.pk}/inscription/", {"capacity": ""})
    assert not Registration.objects.exists()
    client.post(f"/evenements/{event.pk}/inscription/", {"capacity": "elu"})
    assert Registration.objects.get().capacity == "elu"
    assert client.get(f"/evenements/{event.pk}/inscrits.csv").status_code == 403
    client.force_login(AffiliationFactory().user)
    assert client.get(f"/evenements/{event.pk}/inscrits.csv").status_code == 403
    client.force_login(AffiliationFactory(territory=event.territory).user)
    csv = client.get(f"/evenements/{event.pk}/inscrits.csv").content.decode()
    assert "Durand" in csv and "'=cmd" in csv and "Élu" in csv


def test_national_day_links_to_the_palmares_only_after_the_ceremony(client, edition_2019):
    year = timezone.now().year + 1
    EventFactory(
        kind=EventKind.CEREMONIE, title="Cérémonie du label", starts_at=timezone.now() + datetime.timedelta(days=3)
    )
    campaign = make_campaign(edition_2019, year=year, state="closed", published="future")
    add_result(AffiliationFactory().territory, year, 3, campaign=campaign)
    html = client.get("/journee-nationale/").content.decode()
    assert "Cérémonie du label" in html and f"/label/palmares/{year}/" not in html
    campaign.ceremony_at = timezone.now() - datetime.timedelta(minutes=1)
    campaign.save()
    html = client.get("/journee-nationale/").content.decode()
    assert f"/label/palmares/{year}/" in html


def test_collectivite_fragment_lists_published_items_only(client):
    article = ArticleFactory(title="Publié ici")
    ArticleFactory(title="Brouillon ici", territory=article.territory, status=Status.PROPOSED, published_at=None)
    territory = article.territory
    html = client.get(f"/reseau/collectivite/{territory.kind}/{territory.code}/").content.decode()
    assert "Publié ici" in html and "Brouillon ici" not in html


def test_lists_cost_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(25)
    EventFactory.create_batch(25)
    with django_assert_max_num_queries(10):
        assert client.get("/articles/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/evenements/").status_code == 200


def test_the_proposer_edits_an_event_in_its_own_time_zone(client):
    affiliation = AffiliationFactory()
    event = EventFactory(
        territory=affiliation.territory,
        proposed_by=affiliation.user,
        status=Status.PROPOSED,
        time_zone="Indian/Reunion",
        starts_at=datetime.datetime(2030, 5, 10, 5, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 5, 10, 7, 0, tzinfo=datetime.UTC),
    )
    client.force_login(affiliation.user)
    form = client.get(f"/evenements/{event.pk}/modifier/").content.decode()
    assert 'value="2030-05-10T09:30"' in form
    data = {
        "territory": affiliation.territory.pk,
        "kind": "assises",
        "title": "Assises modifiées",
        "description": "Programme",
        "starts_at": "2030-05-10T10:00",
        "ends_at": "2030-05-10T12:00",
        "time_zone": "Indian/Reunion",
        "place_name": "",
        "address": "8 Boulevard du Port 80000 Amiens",
        "online_url": "",
        "max_participants": "",
    }
    assert client.post(f"/evenements/{event.pk}/modifier/", data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Assises modifiées" and event.starts_at == datetime.datetime(
        2030, 5, 10, 6, 0, tzinfo=datetime.UTC
    )
    assert event.latitude is not None


def test_pages_announce_their_feeds_and_the_collectivite_page_loads_its_fragment(client):
    article = ArticleFactory()
    territory = article.territory
    html = client.get(territory.get_absolute_url()).content.decode()
    assert f'data-hx-get="/reseau/collectivite/{territory.kind}/{territory.code}/"' in html
    assert f'href="/flux/actions/{territory.kind}/{territory.code}.atom"' in html
    assert 'href="/flux/palmares.atom"' in client.get("/label/palmares/").content.decode()
    assert 'href="/flux/actions.atom"' in client.get("/atlaas/").content.decode()


def test_my_proposals_show_the_refusal_reason_to_the_proposer_only(client):
    proposer = AffiliationFactory().user
    ArticleFactory(title="Mon article", status=Status.REFUSED, refusal_reason="Trop court", proposed_by=proposer)
    assert client.get("/reseau/mes-propositions/").status_code == 302
    client.force_login(UserFactory())
    assert "Mon article" not in client.get("/reseau/mes-propositions/").content.decode()
    client.force_login(proposer)
    html = client.get("/reseau/mes-propositions/").content.decode()
    assert "Mon article" in html and "Trop court" in html
