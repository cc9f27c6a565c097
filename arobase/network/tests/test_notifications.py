"""Moderation decisions reach the proposer, and a published event reaches the members of its région, through the
notifications centre."""

import pytest
from django.core import mail

from arobase.accounts.tests.factories import AffiliationFactory, StaffFactory
from arobase.network import services
from arobase.network.models import Status
from arobase.network.tests.factories import ArticleFactory, EventFactory
from arobase.notifications.models import Notification, NotificationPreference
from arobase.notifications.rules import Delivery
from arobase.territories.tests.factories import CommuneFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_the_proposer_hears_of_a_refusal_with_its_reason(django_capture_on_commit_callbacks):
    member = AffiliationFactory()
    article = ArticleFactory(territory=member.territory, proposed_by=member.user, status=Status.PROPOSED)
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(actor=StaffFactory(), item=article, publish=False, reason="Hors sujet")
    notification = Notification.objects.get(user=member.user)
    assert notification.kind == "moderation" and notification.body == "Hors sujet"
    assert "n'a pas été retenue" in notification.title


def test_a_published_event_reaches_the_members_of_its_region_only(django_capture_on_commit_callbacks):
    region, elsewhere = RegionFactory(), RegionFactory()
    proposer = AffiliationFactory(territory=CommuneFactory(region=region))
    neighbour = AffiliationFactory(territory=CommuneFactory(region=region))
    stranger = AffiliationFactory(territory=CommuneFactory(region=elsewhere))
    event = EventFactory(territory=proposer.territory, proposed_by=proposer.user, status=Status.PROPOSED)
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(actor=StaffFactory(), item=event, publish=True)
    assert Notification.objects.filter(user=neighbour.user, kind="event_region").count() == 1
    assert not Notification.objects.filter(user=stranger.user).exists()
    # The proposer hears of the publication, not of "a new event in the région".
    assert list(Notification.objects.filter(user=proposer.user).values_list("kind", flat=True)) == ["moderation"]


def _event_proposed_in_a_region_of(count: int):
    """A proposed event and the `count` members of its région, who all want its emails at once."""
    region = RegionFactory()
    proposer = AffiliationFactory(territory=CommuneFactory(region=region))
    commune = CommuneFactory(region=region)
    members = [AffiliationFactory(territory=commune).user for _ in range(count)]
    NotificationPreference.objects.bulk_create(
        NotificationPreference(user=member, kind="event_region", delivery=Delivery.IMMEDIATE) for member in members
    )
    return EventFactory(territory=proposer.territory, proposed_by=proposer.user, status=Status.PROPOSED), members


def test_publishing_an_event_costs_the_same_queries_for_5_or_50_members(
    django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    queries_by_size = {}
    for count in (5, 50):
        event, members = _event_proposed_in_a_region_of(count)
        mail.outbox.clear()
        # The sending task is counted too: tests run tasks at once.
        with (
            django_assert_max_num_queries(20) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            services.moderate(actor=staff, item=event, publish=True)
        queries_by_size[count] = len(queries)
        assert Notification.objects.filter(user__in=members, kind="event_region").count() == count
        assert sorted(m.to[0] for m in mail.outbox) == sorted([event.proposed_by.email] + [m.email for m in members])
    assert queries_by_size[5] == queries_by_size[50]
