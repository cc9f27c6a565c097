from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from arobase.notifications import rules
from arobase.notifications.models import Notification, NotificationPreference


def notifications_for(user) -> QuerySet[Notification]:
    """Someone's notifications, unread first, newest first."""
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return Notification.objects.filter(user=user).order_by(unread.desc(), "-created_at", "-id")


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def chosen_deliveries(user) -> dict[str, str]:
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))


def deliveries_for(user) -> dict[str, str]:
    """Every kind with how this person receives it."""
    return rules.deliveries(chosen_deliveries(user))


def delivery_for(user, kind: str) -> str:
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return rules.delivery_for(kind, {kind: chosen} if chosen else {})
