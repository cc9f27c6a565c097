"""Writes of notifications: create them (and email those whose recipient wants them at once), mark read,
preferences, unsubscribe. Other apps only call `notify` and `notify_many`."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from arobase.notifications import rules
from arobase.notifications.errors import InvalidTarget, InvalidUnsubscribeToken, NotAllowed, UnknownKind
from arobase.notifications.models import Notification, NotificationPreference
from arobase.notifications.selectors import chosen_deliveries, chosen_deliveries_of
from arobase.notifications.tasks import send_notification_emails
from arobase.notifications.tokens import read_unsubscribe_token


def notify_many(*, users: Iterable, kind: str, title: str, url: str, body: str = "") -> list[Notification]:
    """Record the same notification for each of `users` about the page at `url` (a path of this site, such as
    "/compte/…"). Whatever their number it costs one read of their preferences, one insert per batch and one
    background task that emails, one email each, those who want this kind at once."""
    if not rules.is_known_kind(kind):
        raise UnknownKind(f"Type de notification inconnu : {kind}")
    if not url.startswith("/") or url.startswith("//"):
        raise InvalidTarget("Le lien d'une notification est un chemin du site.")
    recipients = list({user.pk: user for user in users}.values())
    if not recipients:
        return []
    chosen = chosen_deliveries_of(user.pk for user in recipients)
    notifications = Notification.objects.bulk_create(
        Notification(user=user, kind=kind, title=title[:300], url=url[:500], body=body) for user in recipients
    )
    immediate_ids = [
        notification.pk
        for notification in notifications
        if rules.delivery_for(kind, chosen[notification.user_id]) == rules.Delivery.IMMEDIATE
        and notification.user.is_active
        and notification.user.email
    ]
    if immediate_ids:
        transaction.on_commit(lambda: send_notification_emails.enqueue(immediate_ids))
    return notifications


def notify(*, user, kind: str, title: str, url: str, body: str = "") -> Notification:
    """`notify_many` for one person."""
    [notification] = notify_many(users=[user], kind=kind, title=title, url=url, body=body)
    return notification


def mark_read(*, actor, notification: Notification) -> Notification:
    if notification.user_id != actor.pk:
        raise NotAllowed("Cette notification ne vous est pas adressée.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())


def set_preferences(*, actor, deliveries: dict[str, str]) -> dict[str, str]:
    """Record how `actor` receives each kind given (kind → delivery); other kinds keep their choice."""
    for kind, delivery in deliveries.items():
        if kind not in rules.configurable_kinds():
            raise UnknownKind(f"Type de notification inconnu : {kind}")
        if delivery not in rules.Delivery.VALUES:
            raise ValueError(f"Mode d'envoi inconnu : {delivery}")
    with transaction.atomic():
        for kind, delivery in deliveries.items():
            NotificationPreference.objects.update_or_create(user=actor, kind=kind, defaults={"delivery": delivery})
    return rules.deliveries(chosen_deliveries(actor))


def unsubscribe(*, token: str) -> list[str]:
    """Turn off the emails a signed link names (RFC 8058 one-click: no session needed); returns the kinds."""
    request = read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=request.user_id).first()
    if user is None:
        raise InvalidUnsubscribeToken("Ce lien de désabonnement n'est pas valide.")
    kinds = rules.kinds_unsubscribed_by(request.kind, chosen_deliveries(user))
    set_preferences(actor=user, deliveries=dict.fromkeys(kinds, rules.Delivery.NONE))
    return kinds
