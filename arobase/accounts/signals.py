"""Receivers of authentication signals: the second factor counted at TOTP setup, and the security log."""

from allauth.core import context
from allauth.mfa.models import Authenticator
from django.db.models.signals import post_save
from django.dispatch import receiver

from arobase.accounts.second_factor import record_totp_setup


@receiver(post_save, sender=Authenticator)
def _count_totp_setup_as_second_factor(sender, instance, created, **kwargs):
    # allauth announces the new authenticator only after the commit, when the session may already be saved:
    # the record is written here, within the request of the person setting it up.
    request = context.request
    if created and instance.type == Authenticator.Type.TOTP and request is not None and request.user == instance.user:
        record_totp_setup(request, instance.user, instance)
