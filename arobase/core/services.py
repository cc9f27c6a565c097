"""Writes of the core app: the contact message of a signed-in person to the association's staff."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

# The user model lives in accounts, above core: Django's own indirection reaches it without an upward import.
User = get_user_model()

CONTACT_MESSAGES_PER_HOUR = 3
SUBJECT_PREFIX = "[Villes Internet · contact] "


class ContactThrottled(Exception):
    """Too many messages from the same person in the last hour (shown to the user as is)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Vous avez déjà envoyé %(count)d messages dans l'heure : réessayez plus tard ou écrivez-nous "
                "directement par courriel."
            )
            % {"count": CONTACT_MESSAGES_PER_HOUR}
        )


def _staff_addresses() -> list[str]:
    return sorted(
        set(User.objects.filter(is_staff=True, is_active=True).exclude(email="").values_list("email", flat=True))
    )


def send_contact_message(*, sender: AbstractBaseUser, subject: str, message: str) -> None:
    """Email the message to staff, answerable to the sender; at most a few per person and hour (spam, mistakes)."""
    if not sender.is_authenticated or not sender.is_active:
        raise PermissionDenied(_("Connectez-vous pour écrire à l'association depuis le site."))
    counter_key = f"core:contact-messages:{sender.pk}"
    cache.add(counter_key, 0, timeout=3600)
    if cache.incr(counter_key) > CONTACT_MESSAGES_PER_HOUR:
        raise ContactThrottled()
    body = _("Message de %(name)s <%(email)s>, envoyé depuis le formulaire de contact :\n\n%(message)s") % {
        "name": sender.get_full_name() or sender.email,
        "email": sender.email,
        "message": message,
    }
    EmailMessage(
        subject=SUBJECT_PREFIX + subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=_staff_addresses() or [settings.DEFAULT_FROM_EMAIL],
        reply_to=[sender.email],
    ).send()
