"""Writes of notifications: create one (and email it when its recipient wants it at once), mark read, preferences,
unsubscribe. Other apps only call `notify`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from arobase.notifications import rules
from arobase.notifications.errors import InvalidTarget, InvalidUnsubscribeToken, NotAllowed, UnknownKind
from arobase.notifications.models import Notification, NotificationPreference
from arobase.notifications.selectors import chosen_deliveries, delivery_for
from arobase.notifications.tasks import send_notification_email
from arobase.notifications.tokens import read_unsubscribe_token


def notify(*, user, kind: str, title: str, url: str, body: str = "") -> Notification:
    """Record a notification for `user` about the page at `url` (a path of this site, such as "/compte/…")."""
    if not rules.is_known_kind(kind):
        raise UnknownKind(f"Type de notification inconnu : {kind}")
    if not url.startswith("/") or url.startswith("//"):
        raise InvalidTarget("Le lien d'une notification est un chemin du site.")
    notification = Notification.objects.create(user=user, kind=kind, title=title[:300], url=url[:500], body=body)
    if delivery_for(user, kind) == rules.Delivery.IMMEDIATE and user.is_active and user.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
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
