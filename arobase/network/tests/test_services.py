import datetime

import pytest
from django.utils import timezone

from arobase.accounts.tests.factories import AffiliationFactory, StaffFactory, UserFactory
from arobase.network import selectors, services
from arobase.network.errors import NetworkError, NetworkPermissionDenied
from arobase.network.models import Article, Event, Registration, Status
from arobase.network.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return AffiliationFactory()


def _event_fields(**overrides):
    return {
        "kind": "webinaire",
        "title": "Webinaire open data",
        "description": "Programme",
        "starts_at": datetime.datetime(2030, 5, 10, 9, 30),
        "ends_at": datetime.datetime(2030, 5, 10, 11, 0),
        "time_zone": "Indian/Reunion",
        "address": "8 Boulevard du Port 80000 Amiens",
        **overrides,
    }


def test_a_member_proposes_an_article_published_after_moderation(member):
    article = services.propose_article(
        actor=member.user, territory=member.territory, kind="temoignage", title="Notre tiers-lieu", body="Texte"
    )
    assert article.status == Status.PROPOSED and article not in selectors.published_articles()
    services.moderate(actor=StaffFactory(), item=article, publish=True)
    assert list(selectors.published_articles()) == [article]
    assert list(selectors.articles_of(member.territory)) == [article]


def test_proposals_for_another_collectivite_or_without_membership_are_refused(member):
    other = AffiliationFactory()
    for actor in (UserFactory(), other.user):
        with pytest.raises(NetworkPermissionDenied):
            services.propose_article(actor=actor, territory=member.territory, kind="fond", title="T", body="B")
        with pytest.raises(NetworkPermissionDenied):
            services.propose_event(actor=actor, territory=member.territory, **_event_fields())
    assert not Article.objects.exists() and not Event.objects.exists()


def test_only_the_proposer_edits_and_only_until_publication(member):
    article = services.propose_article(actor=member.user, territory=member.territory, kind="fond", title="A", body="B")
    colleague = AffiliationFactory(territory=member.territory).user
    with pytest.raises(NetworkPermissionDenied):
        services.edit_article(actor=colleague, article=article, kind="fond", title="Piraté", body="B")
    services.edit_article(actor=member.user, article=article, kind="fond", title="A bis", body="B")
    services.moderate(actor=StaffFactory(), item=article, publish=True)
    with pytest.raises(NetworkPermissionDenied):
        services.edit_article(actor=member.user, article=article, kind="fond", title="Après", body="B")
    article.refresh_from_db()
    assert article.title == "A bis"


def test_moderation_is_for_staff_and_refusal_needs_a_reason(member):
    article = services.propose_article(actor=member.user, territory=member.territory, kind="fond", title="A", body="B")
    with pytest.raises(NetworkPermissionDenied):
        services.moderate(actor=member.user, item=article, publish=True)
    with pytest.raises(NetworkError):
        services.moderate(actor=StaffFactory(), item=article, publish=False, reason="")
    services.moderate(actor=StaffFactory(), item=article, publish=False, reason="Doublon")
    article.refresh_from_db()
    assert article.status == Status.REFUSED and article.refusal_reason == "Doublon"
    # Editing a refused proposal sends it back to moderation.
    services.edit_article(actor=member.user, article=article, kind="fond", title="A", body="B corrigé")
    article.refresh_from_db()
    assert article.status == Status.PROPOSED and article.refusal_reason == ""


def test_an_event_is_stored_in_its_time_zone_and_geolocated(member):
    event = services.propose_event(actor=member.user, territory=member.territory, **_event_fields())
    assert event.starts_at == datetime.datetime(2030, 5, 10, 5, 30, tzinfo=datetime.UTC)
    assert event.latitude == pytest.approx(49.897443)
    with pytest.raises(NetworkError) as error:
        services.propose_event(
            actor=member.user, territory=member.territory, **_event_fields(address="", online_url="")
        )
    assert error.value.field == "address"
    with pytest.raises(NetworkError):
        services.propose_event(
            actor=member.user,
            territory=member.territory,
            **_event_fields(ends_at=datetime.datetime(2030, 5, 10, 8, 0)),
        )


def test_registration_with_capacity_and_maximum():
    event = EventFactory(max_participants=1)
    first, second = UserFactory(), UserFactory()
    services.register(actor=first, event=event, capacity="elu")
    with pytest.raises(NetworkError):
        services.register(actor=first, event=event, capacity="elu")
    with pytest.raises(NetworkError, match="complet"):
        services.register(actor=second, event=event, capacity="agent")
    services.unregister(actor=first, event=event)
    services.register(actor=second, event=event, capacity="agent")
    assert list(Registration.objects.values_list("user", "capacity")) == [(second.pk, "agent")]


def test_no_registration_to_an_unpublished_or_started_event():
    user = UserFactory()
    for event in (
        EventFactory(status=Status.PROPOSED),
        EventFactory(starts_at=timezone.now() - datetime.timedelta(hours=1)),
        EventFactory(registration_enabled=False),
    ):
        with pytest.raises(NetworkError, match="fermées"):
            services.register(actor=user, event=event, capacity="other")
    assert not Registration.objects.exists()


def test_lists_filter_by_region_and_theme(edition_2019):
    from arobase.referential.models import Theme
    from arobase.territories.tests.factories import CommuneFactory

    event = EventFactory()
    other = EventFactory(territory=CommuneFactory())
    theme = Theme.objects.filter(edition=edition_2019).first()
    event.themes.add(theme)
    region = event.territory.region.code
    assert list(selectors.published_events(region=region)) == [event]
    assert list(selectors.published_events(theme=theme.code)) == [event]
    assert set(selectors.published_events()) == {event, other}
