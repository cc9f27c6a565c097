import email
import email.policy
from email.utils import parseaddr
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arobase.notifications import recipients, services
from arobase.notifications.errors import InvalidTarget, InvalidUnsubscribeToken, NotAllowed, UnknownKind
from arobase.notifications.models import Notification, NotificationPreference
from arobase.notifications.rules import DIGEST_KIND, Delivery
from arobase.notifications.tests.factories import NotificationFactory, UserFactory
from arobase.notifications.tokens import read_unsubscribe_token, unsubscribe_token

pytestmark = pytest.mark.django_db


def _parsed(message):
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def test_notify_records_and_emails_at_once_with_one_click_unsubscribe_headers(
    settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://villes-internet.example"
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(
            user=user, kind="moderation", title="Votre article est publié", url="/reseau/articles/1/", body="Bravo"
        )
    assert Notification.objects.get().pk == notification.pk
    assert len(mail.outbox) == 1
    parsed = _parsed(mail.outbox[0])
    assert parseaddr(parsed["To"])[1] == user.email
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = str(parsed["List-Unsubscribe"]).strip()
    assert link.startswith("<https://villes-internet.example/compte/notifications/desabonnement/") and link.endswith(
        ">"
    )
    parts = {part.get_content_type(): part.get_content() for part in parsed.walk() if not part.is_multipart()}
    assert "https://villes-internet.example/reseau/articles/1/" in parts["text/plain"]
    assert 'href="https://villes-internet.example/reseau/articles/1/"' in parts["text/html"]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_notify_refuses_unknown_kinds_and_foreign_links():
    user = UserFactory()
    with pytest.raises(UnknownKind):
        services.notify(user=user, kind="spam", title="x", url="/")
    for url in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        with pytest.raises(InvalidTarget):
            services.notify(user=user, kind="moderation", title="x", url=url)
    assert not Notification.objects.exists()


def test_digest_and_none_preferences_send_nothing_at_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    services.set_preferences(actor=user, deliveries={"forum_reply": Delivery.NONE})
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(user=user, kind="forum_reply", title="a", url="/")
        services.notify(user=user, kind="event_region", title="b", url="/")
    assert mail.outbox == []
    assert Notification.objects.filter(user=user).count() == 2


def test_affiliation_kinds_are_never_emailed_here(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(user=user, kind="affiliation_decision", title="a", url="/")
    assert mail.outbox == []
    with pytest.raises(UnknownKind):
        services.set_preferences(actor=user, deliveries={"affiliation_decision": Delivery.IMMEDIATE})


def test_the_recipient_check_runs_at_send_time(django_capture_on_commit_callbacks):
    user = UserFactory()
    allowed = {"value": True}
    recipients.register_recipient_check(
        "forum_mention", lambda users: [u.pk for u in users] if allowed["value"] else []
    )
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            services.notify(user=user, kind="forum_mention", title="a", url="/")
        allowed["value"] = False
        for callback in callbacks:
            callback()
        assert mail.outbox == []
    finally:
        recipients._checks.pop("forum_mention", None)


def test_digest_groups_the_pending_digest_notifications_per_person_once():
    user, other = UserFactory(), UserFactory()
    services.set_preferences(actor=user, deliveries={"moderation": Delivery.DIGEST})
    NotificationFactory(user=user, kind="event_region", title="Rencontre à Lille")
    NotificationFactory(user=user, kind="moderation", title="Article publié : la fibre")
    NotificationFactory(user=user, kind="moderation", title="Événement publié : les écoles")
    NotificationFactory(user=user, kind="candidacy_deadline", title="Pas dans le résumé")
    NotificationFactory(user=user, kind="event_region", title="Déjà lue", read_at="2026-01-01T00:00Z")
    NotificationFactory(user=other, kind="event_region", title="Rencontre à Rennes")
    call_command("send_notification_digests", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == sorted([user.email, other.email])
    message = next(m for m in mail.outbox if m.to == [user.email])
    assert "3 nouveautés" in message.subject
    assert "Rencontre à Lille" in message.body and "Événement publié : les écoles" in message.body
    assert "Pas dans le résumé" not in message.body and "Déjà lue" not in message.body
    assert message.body.index("Modération de ce que j'ai proposé") < message.body.index("Événements de ma région")
    parsed = _parsed(message)
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = str(parsed["List-Unsubscribe"]).strip().strip("<>").rstrip("/").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token).kind == DIGEST_KIND
    mail.outbox.clear()
    call_command("send_notification_digests", stdout=StringIO())
    assert mail.outbox == []


def test_mark_read_only_by_its_recipient():
    notification = NotificationFactory()
    with pytest.raises(NotAllowed):
        services.mark_read(actor=UserFactory(), notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is None
    services.mark_read(actor=notification.user, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_unsubscribe_tokens_are_per_user_and_kind_and_cannot_be_forged(settings):
    user = UserFactory()
    token = unsubscribe_token(user_id=user.pk, kind="forum_reply")
    assert services.unsubscribe(token=token) == ["forum_reply"]
    assert NotificationPreference.objects.get(user=user).delivery == Delivery.NONE
    with pytest.raises(InvalidUnsubscribeToken):
        services.unsubscribe(token=token[:-2] + "xx")
    settings.NOTIFICATION_UNSUBSCRIBE_MAX_AGE = -1
    with pytest.raises(InvalidUnsubscribeToken, match="expiré"):
        services.unsubscribe(token=unsubscribe_token(user_id=user.pk, kind="event_region"))
    assert NotificationPreference.objects.filter(user=user).count() == 1


def test_notify_many_records_one_each_and_emails_at_once_only_those_who_want_it(
    django_capture_on_commit_callbacks,
):
    immediate, digest, off = UserFactory(), UserFactory(), UserFactory()
    inactive, without_address = UserFactory(is_active=False), UserFactory(email="")
    services.set_preferences(actor=digest, deliveries={"moderation": Delivery.DIGEST})
    services.set_preferences(actor=off, deliveries={"moderation": Delivery.NONE})
    everyone = [immediate, digest, off, inactive, without_address]
    with django_capture_on_commit_callbacks() as callbacks:
        notifications = services.notify_many(
            users=everyone + [immediate], kind="moderation", title="Votre article est publié", url="/reseau/"
        )
    assert sorted(n.user_id for n in notifications) == sorted(user.pk for user in everyone)
    assert Notification.objects.filter(kind="moderation", title="Votre article est publié").count() == 5
    assert len(callbacks) == 1  # one sending task for every immediate email
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [[immediate.email]]
    parsed = _parsed(mail.outbox[0])
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = str(parsed["List-Unsubscribe"]).strip().strip("<>").rstrip("/").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token).user_id == immediate.pk
    assert set(Notification.objects.filter(emailed_at__isnull=False).values_list("user_id", flat=True)) == {
        immediate.pk
    }
    mail.outbox.clear()
    call_command("send_notification_digests", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [[digest.email]]


def test_notify_many_costs_the_same_queries_for_5_or_50_people(
    django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def queries_to_notify(count: int) -> int:
        people = UserFactory.create_batch(count)
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
            services.notify_many(users=people, kind="moderation", title="Publié", url="/reseau/")
        assert Notification.objects.filter(user__in=people, emailed_at__isnull=False).count() == count
        return len(queries)

    assert queries_to_notify(5) == queries_to_notify(50)
    people = UserFactory.create_batch(50)
    with django_assert_max_num_queries(5), django_capture_on_commit_callbacks(execute=True):
        services.notify_many(users=people, kind="moderation", title="Publié", url="/reseau/")
    assert len(mail.outbox) == 5 + 50 + 50


def test_notify_many_refuses_unknown_kinds_and_foreign_links_and_accepts_nobody():
    with pytest.raises(UnknownKind):
        services.notify_many(users=[UserFactory()], kind="spam", title="x", url="/")
    with pytest.raises(InvalidTarget):
        services.notify_many(users=[UserFactory()], kind="moderation", title="x", url="//evil.example/")
    assert services.notify_many(users=[], kind="moderation", title="x", url="/") == []
    assert not Notification.objects.exists()
