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
from arobase.notifications.recipients import may_receive
from arobase.notifications.selectors import chosen_deliveries_of


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """One email per notification not emailed yet; returns how many left."""
    pending = list(
        Notification.objects.select_related("user")
        .filter(pk__in=notification_ids, emailed_at__isnull=True)
        .order_by("id")
    )
    chosen = chosen_deliveries_of(notification.user_id for notification in pending)
    due = [
        notification
        for notification in pending
        if rules.delivery_for(notification.kind, chosen[notification.user_id]) == rules.Delivery.IMMEDIATE
        and may_receive(notification.user, notification.kind)
    ]
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
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    chosen_by_user = chosen_deliveries_of(by_user)
    sent = 0
    for user_id, notifications in by_user.items():
        user = notifications[0].user
        included = [
            notification
            for notification in notifications
            if rules.delivery_for(notification.kind, chosen_by_user[user_id]) == rules.Delivery.DIGEST
            and may_receive(user, notification.kind)
        ]
        if not included:
            continue
        with transaction.atomic():
            emails.digest_email(user, included).send()
            Notification.objects.filter(pk__in=[n.pk for n in included]).update(emailed_at=timezone.now())
        sent += 1
    return sent
