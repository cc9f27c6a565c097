"""Plain-text emails about affiliations (French), sent with django.core.mail, and the helpers every app's
notifications module shares: links are built from `SITE_URL`, staff are reached at the addresses of the active
staff accounts, never at a fixed address."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from arobase.accounts.models import Affiliation, User
from arobase.core.french import de
from arobase.notifications.services import notify, notify_many

SUBJECT_PREFIX = "[Villes Internet] "


def absolute_url(url_name: str, **kwargs) -> str:
    """The address of a page of the site, as a link in an email (`SITE_URL` + its path)."""
    return settings.SITE_URL.rstrip("/") + reverse(url_name, kwargs=kwargs or None)


def send_email(*, template_path: str, subject: str, recipients: Iterable[str], context: dict) -> None:
    """Render `template_path` (with `site_url`) and send it to the non-empty, distinct `recipients`."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
    body = render_to_string(template_path, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def staff_addresses() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


def _send(*, template: str, subject: str, recipients: Iterable[str], context: dict) -> None:
    send_email(
        template_path=f"accounts/email/{template}.txt",
        subject=SUBJECT_PREFIX + subject,
        recipients=recipients,
        context=context,
    )


def notify_new_request(affiliation: Affiliation, *, referent: User | None) -> None:
    """Tell the référent (or staff, for a référent request) that someone asks to join."""
    if referent is not None:
        recipients = [referent.email]
        decide_page = "accounts:dashboard"
        deciders = [referent]
    else:
        recipients = staff_addresses()
        decide_page = "accounts:staff_requests"
        deciders = list(User.objects.filter(is_staff=True, is_active=True))
    decide_url = absolute_url(decide_page)
    notify_many(
        users=deciders,
        kind="affiliation_request",
        title=_("Nouvelle demande de rattachement : %(name)s") % {"name": affiliation.territory.name},
        url=reverse(decide_page),
        body=_("%(person)s demande à rejoindre %(name)s.")
        % {"person": affiliation.user, "name": affiliation.territory.name},
    )
    _send(
        template="new_request",
        subject=_("Nouvelle demande de rattachement : %(name)s") % {"name": affiliation.territory.name},
        recipients=recipients,
        context={"affiliation": affiliation, "decide_url": decide_url, "to_referent": referent is not None},
    )


def notify_decision(affiliation: Affiliation) -> None:
    """Tell the requester that their request was accepted or refused."""
    accepted = affiliation.status == "approved"
    notify(
        user=affiliation.user,
        kind="affiliation_decision",
        title=(_("Demande acceptée : %(name)s") if accepted else _("Demande refusée : %(name)s"))
        % {"name": affiliation.territory.name},
        url=reverse("accounts:dashboard"),
        body=affiliation.decision_note,
    )
    _send(
        template="decision",
        subject=_("Votre demande de rattachement : %(name)s") % {"name": affiliation.territory.name},
        recipients=[affiliation.user.email],
        context={"affiliation": affiliation, "dashboard_url": absolute_url("accounts:dashboard")},
    )


def notify_new_referent(affiliation: Affiliation) -> None:
    _send(
        template="new_referent",
        subject=_("Vous êtes désormais référent %(of_name)s") % {"of_name": de(affiliation.territory.name)},
        recipients=[affiliation.user.email],
        context={"affiliation": affiliation, "dashboard_url": absolute_url("accounts:dashboard")},
    )
