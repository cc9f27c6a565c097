import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from arobase.accounts import services as account_services
from arobase.accounts.models import Affiliation, AffiliationStatus
from arobase.accounts.tests.factories import ReferentAffiliationFactory, UserFactory
from arobase.notifications.models import Notification, NotificationPreference
from arobase.notifications.rules import Delivery
from arobase.notifications.tests.factories import NotificationFactory
from arobase.notifications.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db

LIST_URL = "/compte/notifications/"
PREFERENCES_URL = "/compte/notifications/preferences/"


def test_anonymous_visitors_are_sent_to_the_login(client):
    for url in (LIST_URL, PREFERENCES_URL):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_the_list_shows_unread_first_and_only_mine_with_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    user = UserFactory()
    NotificationFactory(user=user, title="Ancienne lue", read_at="2026-01-01T00:00Z")
    for n in range(5):
        NotificationFactory(user=user, title=f"Nouvelle {n}")
    NotificationFactory(title="Celle d'un autre")
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get(LIST_URL)
    html = response.content.decode()
    assert "Celle d&#x27;un autre" not in html and "Celle d'un autre" not in html
    assert html.index("Nouvelle 4") < html.index("Ancienne lue")
    assert response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]


def test_the_header_loads_the_unread_count_in_one_query(client, django_assert_max_num_queries):
    user = UserFactory()
    NotificationFactory.create_batch(3, user=user)
    NotificationFactory(user=user, read_at="2026-01-01T00:00Z")
    NotificationFactory(read_at=None)
    client.force_login(user)
    page = client.get(PREFERENCES_URL).content.decode()
    assert 'data-hx-get="/compte/notifications/non-lues/"' in page
    with CaptureQueriesContext(connection) as context:
        fragment = client.get("/compte/notifications/non-lues/").content.decode()
    assert ">3<" in fragment and "non lues" in fragment
    assert len([q for q in context.captured_queries if 'FROM "notifications_notification"' in q["sql"]]) == 1
    with django_assert_max_num_queries(4):  # session, user, the count
        client.get("/compte/notifications/non-lues/")
    client.post(reverse("notifications:mark_all_read"))
    assert "notification-count" not in client.get("/compte/notifications/non-lues/").content.decode()
    client.logout()
    assert client.get("/compte/notifications/non-lues/").content.decode().strip() == ""


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client):
    notification = NotificationFactory(url="/compte/tableau-de-bord/")
    client.force_login(notification.user)
    page = client.get(LIST_URL).content.decode()
    open_url = reverse("notifications:open", args=[notification.pk])
    assert f'href="{open_url}"' in page
    response = client.get(open_url)
    assert response.status_code == 302 and response["Location"] == "/compte/tableau-de-bord/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_marks_or_opens_someone_elses_notification(client):
    notification = NotificationFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:mark_read", args=[notification.pk])).status_code == 404
    client.post(reverse("notifications:mark_all_read"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_preferences_are_saved_from_the_form_and_bad_values_change_nothing(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(PREFERENCES_URL).content.decode()
    assert "Un résumé quotidien" in page and "affiliation_request" not in page
    form = {
        "moderation": "none",
        "candidacy_deadline": "immediate",
        "event_region": "digest",
        "forum_reply": "digest",
        "forum_mention": "immediate",
        "forum_subscription": "none",
    }
    response = client.post(PREFERENCES_URL, form)
    assert response.status_code == 302
    saved = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    assert saved["moderation"] == "none" and saved["forum_reply"] == "digest"
    response = client.post(PREFERENCES_URL, {**form, "moderation": "immediate", "forum_reply": "souvent"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert NotificationPreference.objects.get(user=user, kind="moderation").delivery == "none"
    response = client.post(PREFERENCES_URL, {**form, "moderation": ""})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=user, kind="moderation").delivery == "none"


def test_one_click_unsubscribe_works_without_session_nor_csrf_token():
    user = UserFactory()
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id=user.pk, kind="forum_reply")])
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200
    assert "Confirmer le désabonnement" in page.content.decode()
    assert not NotificationPreference.objects.exists()
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=user, kind="forum_reply").delivery == Delivery.NONE


def test_a_forged_unsubscribe_link_is_a_french_400_and_changes_nothing():
    user = UserFactory()
    token = unsubscribe_token(user_id=user.pk, kind="forum_reply")
    forged = token.replace(token.split(":")[0], unsubscribe_token(user_id=user.pk + 1, kind="moderation").split(":")[0])
    client = Client(enforce_csrf_checks=True)
    for bad in (forged, "nimportequoi", token + "x"):
        url = reverse("notifications:unsubscribe", args=[bad])
        for response in (client.get(url), client.post(url, {"List-Unsubscribe": "One-Click"})):
            assert response.status_code == 400
            assert "n&#x27;est pas valide" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_only_view_without_csrf_is_the_unsubscribe_endpoint():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(PREFERENCES_URL, {"moderation": "none"}).status_code == 403
    assert client.post(reverse("notifications:mark_all_read")).status_code == 403


def test_join_requests_and_decisions_also_become_notifications(client, django_capture_on_commit_callbacks):
    referent_affiliation = ReferentAffiliationFactory()
    requester = UserFactory()
    client.force_login(requester)
    with django_capture_on_commit_callbacks(execute=True):
        affiliation = account_services.request_affiliation(
            user=requester,
            territory=referent_affiliation.territory,
            capacity="agent",
            label_category="ville",
        )
    request_notification = Notification.objects.get(user=referent_affiliation.user)
    assert request_notification.kind == "affiliation_request"
    assert referent_affiliation.territory.name in request_notification.title
    account_services.approve_affiliation(actor=referent_affiliation.user, affiliation=affiliation)
    decision = Notification.objects.get(user=requester)
    assert decision.kind == "affiliation_decision" and decision.title.startswith("Demande acceptée")
    assert Affiliation.objects.get(pk=affiliation.pk).status == AffiliationStatus.APPROVED
