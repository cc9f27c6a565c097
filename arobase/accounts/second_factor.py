"""Whether the current session passed the second factor, from allauth's record of its authentication methods.

Every way in (site login, admin login, email confirmation, any future one) logs the user in through Django's
`login()`; only allauth's login stages and TOTP setup add an `mfa` record to the session. Staff and jurors whose
session has no such record are signed out by `RequireTwoFactorMiddleware`.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator

MFA_METHOD = "mfa"


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_second_factor(request, user) -> bool:
    return any(record.get("method") == MFA_METHOD for record in get_authentication_records(request, user))


def record_totp_setup(request, user, authenticator: Authenticator) -> None:
    """Setting up TOTP proves possession of the new authenticator with a valid code: it counts as passing it."""
    record_authentication(request, user, MFA_METHOD, id=authenticator.pk, type=authenticator.type, setup=True)
