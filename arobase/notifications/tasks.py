"""Sending notification emails in the background (Django Tasks API): one task per batch of immediate emails (one
email per notification), one daily task for the digests. Whether each recipient still wants the kind at once and may
still receive it is checked when the email leaves, not before."""

from __future__ import annotations

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from arobase.notifications import emails, rules
from arobase.notifications.models import Notification
from arobase.notifications.recipients import who_may_receive
from arobase.notifications.selectors import chosen_deliveries_of


def _deliverable(notifications: list[Notification], delivery: str) -> list[Notification]:
    """Those whose recipient still receives their kind by `delivery` and may still receive it: one query for the
    preferences and one per kind that has a recipient check, whatever the number of notifications."""
    chosen = chosen_deliveries_of(notification.user_id for notification in notifications)
    wanted = [n for n in notifications if rules.delivery_for(n.kind, chosen[n.user_id]) == delivery]
    allowed = {
        kind: who_may_receive([n.user for n in wanted if n.kind == kind], kind) for kind in {n.kind for n in wanted}
    }
    return [n for n in wanted if n.user_id in allowed[n.kind]]


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """One email per notification not emailed yet; returns how many left."""
    pending = list(
        Notification.objects.select_related("user")
        .filter(pk__in=notification_ids, emailed_at__isnull=True)
        .order_by("id")
    )
    due = _deliverable(pending, rules.Delivery.IMMEDIATE)
    if not due:
        return 0
    sent: list[int] = []
    try:
        with get_connection() as connection:
            for notification in due:
                message = emails.single_email(notification)
                message.connection = connection
                message.send()
                sent.append(notification.pk)
    finally:
        # Even when a send fails midway, those already sent are marked so that no digest repeats them.
        Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
    return len(sent)


@task()
def send_notification_digests() -> int:
    """One email per person grouping what came since their last digest, for the kinds they receive that way."""
    pending = list(
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in _deliverable(pending, rules.Delivery.DIGEST):
        by_user.setdefault(notification.user_id, []).append(notification)
    for notifications in by_user.values():
        with transaction.atomic():
            emails.digest_email(notifications[0].user, notifications).send()
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
    return len(by_user)
