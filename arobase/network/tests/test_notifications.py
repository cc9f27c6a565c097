"""Moderation decisions reach the proposer, and a published event reaches the members of its région, through the
notifications centre."""

import pytest

from arobase.accounts.tests.factories import AffiliationFactory, StaffFactory
from arobase.network import services
from arobase.network.models import Status
from arobase.network.tests.factories import ArticleFactory, EventFactory
from arobase.notifications.models import Notification
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
