"""Sending notification emails in the background (Django Tasks API): one task per immediate email, one daily task
for the digests. Whether the recipient may still receive the kind is checked when the email leaves, not before."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from arobase.notifications import emails, rules
from arobase.notifications.models import Notification
from arobase.notifications.recipients import may_receive
from arobase.notifications.selectors import chosen_deliveries, delivery_for


@task()
def send_notification_email(notification_id: int) -> bool:
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return False
    user = notification.user
    if delivery_for(user, notification.kind) != rules.Delivery.IMMEDIATE or not may_receive(user, notification.kind):
        return False
    emails.single_email(notification).send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@task()
def send_notification_digests() -> int:
    """One email per person grouping what came since their last digest, for the kinds they receive that way."""
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for notifications in by_user.values():
        user = notifications[0].user
        chosen = chosen_deliveries(user)
        included = [
            notification
            for notification in notifications
            if rules.delivery_for(notification.kind, chosen) == rules.Delivery.DIGEST
            and may_receive(user, notification.kind)
        ]
        if not included:
            continue
        with transaction.atomic():
            emails.digest_email(user, included).send()
            Notification.objects.filter(pk__in=[n.pk for n in included]).update(emailed_at=timezone.now())
        sent += 1
    return sent
