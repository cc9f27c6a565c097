"""The candidacy reminder shows on the référent's notifications page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arobase.label.candidacies import services as candidacy_services
from arobase.label.tests.factories import make_campaign

pytestmark = pytest.mark.django_db


def test_the_reminder_appears_on_the_referents_notifications_page(
    edition_2019, label_member_a, label_referent_a, client
):
    make_campaign(edition_2019, candidacy_deadline=timezone.now() + timedelta(days=5))
    assert candidacy_services.send_candidacy_reminders() == 1
    client.force_login(label_referent_a)
    assert "pas encore validé" in client.get("/compte/notifications/").content.decode()
