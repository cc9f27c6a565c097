"""allauth adapters: where the platform's authentication rules differ from allauth's defaults."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.utils.translation import gettext_lazy as _

from arobase.accounts.security_log import client_address


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # Raised by allauth's limiter of second-factor codes (the only use of `login_failed` here).
        "too_many_login_attempts": _(
            "Trop de codes incorrects. Par sécurité, attendez quelques minutes avant de réessayer."
        ),
    }

    def pre_authenticate(self, request, **credentials):
        """Password failures are throttled by django-axes per account and address (see settings); allauth's
        own limiter keys on the account alone, which would let anyone lock anyone out."""

    def get_client_ip(self, request) -> str:
        return client_address(request)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Asking for the password again is pointless right after the login that asked for it."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return not signed_in_recently(context.request)


def signed_in_recently(request) -> bool:
    if request is None or not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    return any(time.time() - record["at"] < account_settings.REAUTHENTICATION_TIMEOUT for record in records)
