"""Plain-text emails about affiliations (French), sent with django.core.mail."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from arobase.accounts.models import Affiliation, User
from arobase.core.french import de

SUBJECT_PREFIX = "[Villes Internet] "


def _absolute(url_name: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(url_name)


def _send(*, template: str, subject: str, recipients: Iterable[str], context: dict) -> None:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _staff_addresses() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


def notify_new_request(affiliation: Affiliation, *, referent: User | None) -> None:
    """Tell the référent (or staff, for a référent request) that someone asks to join."""
    if referent is not None:
        recipients = [referent.email]
        decide_url = _absolute("accounts:dashboard")
    else:
        recipients = _staff_addresses()
        decide_url = _absolute("accounts:staff_requests")
    _send(
        template="new_request",
        subject=_("Nouvelle demande de rattachement : %(name)s") % {"name": affiliation.territory.name},
        recipients=recipients,
        context={"affiliation": affiliation, "decide_url": decide_url, "to_referent": referent is not None},
    )


def notify_decision(affiliation: Affiliation) -> None:
    """Tell the requester that their request was accepted or refused."""
    _send(
        template="decision",
        subject=_("Votre demande de rattachement : %(name)s") % {"name": affiliation.territory.name},
        recipients=[affiliation.user.email],
        context={"affiliation": affiliation, "dashboard_url": _absolute("accounts:dashboard")},
    )


def notify_new_referent(affiliation: Affiliation) -> None:
    _send(
        template="new_referent",
        subject=_("Vous êtes désormais référent %(of_name)s") % {"of_name": de(affiliation.territory.name)},
        recipients=[affiliation.user.email],
        context={"affiliation": affiliation, "dashboard_url": _absolute("accounts:dashboard")},
    )
