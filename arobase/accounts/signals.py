"""Receivers of authentication signals: the second factor counted at TOTP setup, and the security log."""

from allauth.core import context
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from arobase.accounts.lockout import login_username
from arobase.accounts.models import User
from arobase.accounts.second_factor import record_totp_setup
from arobase.accounts.security_log import log_event, masked_email


@receiver(post_save, sender=Authenticator)
def _count_totp_setup_as_second_factor(sender, instance, created, **kwargs):
    # allauth announces the new authenticator only after the commit, when the session may already be saved:
    # the record is written here, within the request of the person setting it up.
    request = context.request
    if created and instance.type == Authenticator.Type.TOTP and request is not None and request.user == instance.user:
        record_totp_setup(request, instance.user, instance)


def _account_id(login: str | None) -> int | None:
    if not login:
        return None
    return User.objects.filter(email__iexact=login).values_list("pk", flat=True).first()


@receiver(user_login_failed)
def _log_login_failure(sender, credentials, request=None, **kwargs):
    login = login_username(None, credentials)
    log_event("login_failed", request, user_id=_account_id(login), account=masked_email(login))


@receiver(user_locked_out)
def _log_lockout(sender, request, username=None, **kwargs):
    log_event("lockout", request, user_id=_account_id(username), account=masked_email(username))


@receiver(mfa_signals.authentication_failed)
def _log_second_factor_failure(sender, request, user, reauthentication=False, **kwargs):
    log_event("second_factor_failed", request, user_id=user.pk, reauthentication=reauthentication)
