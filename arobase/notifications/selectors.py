from __future__ import annotations

from collections.abc import Iterable

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from arobase.notifications import rules
from arobase.notifications.models import Notification, NotificationPreference


def notifications_for(user) -> QuerySet[Notification]:
    """Someone's notifications, unread first, newest first."""
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return Notification.objects.filter(user=user).order_by(unread.desc(), "-created_at", "-id")


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def chosen_deliveries_of(user_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """The recorded choices (kind → delivery) of each of these people, in one query; {} for one who made none."""
    user_ids = set(user_ids)
    chosen: dict[int, dict[str, str]] = {user_id: {} for user_id in user_ids}
    preferences = NotificationPreference.objects.filter(user_id__in=user_ids).values_list("user_id", "kind", "delivery")
    for user_id, kind, delivery in preferences:
        chosen[user_id][kind] = delivery
    return chosen


def chosen_deliveries(user) -> dict[str, str]:
    return chosen_deliveries_of([user.pk])[user.pk]


def deliveries_for(user) -> dict[str, str]:
    """Every kind with how this person receives it."""
    return rules.deliveries(chosen_deliveries(user))
