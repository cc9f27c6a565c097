"""Feeds are parsed as a feed reader or an agenda would: valid, absolute links, never anything unpublished,
draft, refused or secret."""

import datetime

import feedparser
import icalendar
import pytest
from django.utils import timezone

from arobase.actions.tests.factories import ActionFactory
from arobase.label.tests.factories import add_result, make_campaign
from arobase.network.models import Status
from arobase.network.tests.factories import ArticleFactory, EventFactory
from arobase.territories.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def _atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/")
    return feed


def _titles(feed):
    return [entry.title for entry in feed.entries]


def test_actions_feeds_show_published_actions_only(client, edition_2019):
    amiens = CommuneFactory(name="Amiens", code="80021")
    published = ActionFactory(published=True, owner=amiens, title="Action publiée")
    ActionFactory(owner=amiens, title="Brouillon d'action")
    service = published.services.first()
    for url in (
        "/flux/actions.atom",
        f"/flux/actions/commune/{amiens.code}.atom",
        f"/flux/actions/service/{service.code}.atom",
    ):
        assert _titles(_atom(client, url)) == ["Action publiée"]
    assert client.get("/flux/actions/commune/99999.atom").status_code == 404
    assert client.get("/flux/actions/service/inconnu.atom").status_code == 404


def test_articles_and_events_feeds_never_show_proposed_or_refused_items(client):
    ArticleFactory(title="Article publié")
    ArticleFactory(title="Article refusé", status=Status.REFUSED, refusal_reason="Non", published_at=None)
    ArticleFactory(title="Article proposé", status=Status.PROPOSED, published_at=None)
    EventFactory(title="Événement publié")
    EventFactory(title="Événement refusé", status=Status.REFUSED, refusal_reason="Non")
    assert _titles(_atom(client, "/flux/articles.atom")) == ["Article publié"]
    assert _titles(_atom(client, "/flux/evenements.atom")) == ["Événement publié"]


def test_timeline_feed(client):
    feed = _atom(client, "/flux/histoire.atom")
    assert len(feed.entries) == 50
    assert len({entry.id for entry in feed.entries}) == 50


def test_palmares_feed_waits_for_the_ceremony(client, edition_2019):
    year = timezone.now().year + 1
    campaign = make_campaign(edition_2019, year=year, state="closed", published="future")
    add_result(CommuneFactory(), year, 4, campaign=campaign)
    add_result(CommuneFactory(), 2019, 2)
    assert _titles(_atom(client, "/flux/palmares.atom")) == ["Palmarès 2019 du label"]
    campaign.ceremony_at = timezone.now() - datetime.timedelta(minutes=5)
    campaign.save()
    assert _titles(_atom(client, "/flux/palmares.atom")) == [f"Palmarès {year} du label", "Palmarès 2019 du label"]


def _calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_icalendar_feeds_all_and_by_region(client):
    here = EventFactory(title="Rencontre en Guyane", time_zone="America/Cayenne")
    elsewhere = EventFactory(title="Assises ailleurs", territory=CommuneFactory())
    EventFactory(title="Proposé", status=Status.PROPOSED)
    calendar = _calendar(client, "/flux/evenements.ics")
    events = {str(item["summary"]): item for item in calendar.walk("VEVENT")}
    assert set(events) == {"Rencontre en Guyane", "Assises ailleurs"}
    item = events["Rencontre en Guyane"]
    assert item["dtstart"].dt == here.starts_at and str(item["dtstart"].dt.tzinfo) == "America/Cayenne"
    assert str(item["url"]).startswith("http://testserver/evenements/")
    assert any(tz["tzid"] == "America/Cayenne" for tz in calendar.walk("VTIMEZONE"))
    region = here.territory.region.code
    calendar = _calendar(client, f"/flux/evenements/region/{region}.ics")
    assert [str(item["summary"]) for item in calendar.walk("VEVENT")] == ["Rencontre en Guyane"]
    assert elsewhere.territory.region.code != region
    assert client.get("/flux/evenements/region/zz.ics").status_code == 404


def test_add_to_my_calendar(client):
    event = EventFactory(title="Webinaire")
    calendar = _calendar(client, f"/evenements/{event.pk}-{event.slug}.ics")
    [item] = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Webinaire" and item["dtend"].dt == event.ends_at
    assert str(item["url"]) == f"http://testserver{event.get_absolute_url()}"
