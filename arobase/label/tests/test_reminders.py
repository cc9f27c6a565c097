from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from arobase.label.candidacies import services as candidacy_services
from arobase.label.models import CandidacyReminder
from arobase.label.tests.factories import confirm_membership, eligible_action, make_campaign
from arobase.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon(edition_2019):
    now = timezone.now()
    return make_campaign(edition_2019, candidacy_deadline=now + timedelta(days=5))


def test_reminder_sent_once_to_referents_of_members_not_validated(
    soon, label_member_a, label_referent_a, label_commune_b, label_referent_b, label_contributor_a
):
    call_command("send_candidacy_reminders")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [label_referent_a.email]
    assert "n'est pas encore validé" in message.subject and "Amiens" in message.body
    assert f"/label/candidature/{soon.year}/commune/80021/" in message.body
    call_command("send_candidacy_reminders")
    assert len(mail.outbox) == 1
    assert CandidacyReminder.objects.count() == 1


def test_reminder_links_to_the_dossier_on_the_site_address(soon, label_member_a, label_referent_a, settings):
    settings.SITE_URL = "https://label.example.org/"
    call_command("send_candidacy_reminders")
    assert f"https://label.example.org/label/candidature/{soon.year}/commune/80021/" in mail.outbox[0].body


def test_no_reminder_for_a_validated_dossier(soon, label_member_a, label_referent_a):
    candidacy = candidacy_services.open_candidacy(actor=label_referent_a, campaign=soon, territory=label_member_a)
    candidacy_services.validate_candidacy(actor=label_referent_a, candidacy=candidacy, version=1)
    call_command("send_candidacy_reminders")
    assert mail.outbox == []


def test_no_reminder_too_early(label_campaign, label_member_a, label_referent_a):
    call_command("send_candidacy_reminders", today=str(timezone.localdate()))
    assert mail.outbox == []
    day = timezone.localdate(label_campaign.candidacy_deadline) - timedelta(days=7)
    call_command("send_candidacy_reminders", today=day.isoformat())
    assert len(mail.outbox) == 1


def test_no_reminder_after_the_deadline(edition_2019, label_member_a, label_referent_a):
    label_campaign = make_campaign(edition_2019, state="closed")
    day = timezone.localdate(label_campaign.candidacy_deadline) + timedelta(days=1)
    assert candidacy_services.send_candidacy_reminders(today=day) == 0


def test_epci_member_is_reminded(soon, label_epci):
    from arobase.accounts.tests.factories import ReferentAffiliationFactory

    confirm_membership(label_epci)
    eligible_action(label_epci)
    referent = ReferentAffiliationFactory(territory=label_epci).user
    assert candidacy_services.send_candidacy_reminders() == 1
    assert mail.outbox[0].to == [referent.email]


def test_the_reminder_is_also_a_notification_of_the_referent(soon, label_member_a, label_referent_a):
    call_command("send_candidacy_reminders")
    notification = Notification.objects.get(user=label_referent_a, kind="candidacy_deadline")
    assert notification.url == f"/label/candidature/{soon.year}/commune/80021/"
    # Label sends its own email: the notifications centre does not send a second one.
    assert len(mail.outbox) == 1
