"""Notification emails in French, plain text and HTML, each with a one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from arobase.notifications.models import Notification
from arobase.notifications.rules import DIGEST_KIND, KINDS, digest_sections
from arobase.notifications.tokens import unsubscribe_token

SUBJECT_PREFIX = "[Villes Internet] "


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": token}))


def _message(*, user, subject: str, template: str, context: dict, kind: str) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(user_id=user.pk, kind=kind)
    context = {
        **context,
        "user": user,
        "unsubscribe_url": unsubscribe,
        "preferences_url": absolute_url(reverse("notifications:preferences")),
        "notifications_url": absolute_url(reverse("notifications:list")),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECT_PREFIX + subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"notifications/email/{template}.html", context), "text/html")
    return message


def single_email(notification: Notification) -> EmailMultiAlternatives:
    return _message(
        user=notification.user,
        subject=notification.title,
        template="single",
        context={
            "notification": notification,
            "target_url": absolute_url(notification.url),
            "kind_label": KINDS[notification.kind].label,
        },
        kind=notification.kind,
    )


def digest_email(user, notifications: Sequence[Notification]) -> EmailMultiAlternatives:
    items = [
        (notification.kind, {"notification": notification, "target_url": absolute_url(notification.url)})
        for notification in notifications
    ]
    count = len(notifications)
    subject = "Votre résumé du jour : 1 nouveauté" if count == 1 else f"Votre résumé du jour : {count} nouveautés"
    return _message(
        user=user,
        subject=subject,
        template="digest",
        context={"sections": digest_sections(items), "count": count},
        kind=DIGEST_KIND,
    )
