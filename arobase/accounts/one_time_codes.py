"""Single use of TOTP codes: a code that already signed someone in is refused for the rest of its validity."""

from allauth.core.internal.cryptokit import compare_user_code
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt
from django.db import IntegrityError, transaction

from arobase.accounts.models import UsedTotpStep


def matching_time_step(*, secret: str, code: str) -> int | None:
    """The time step (within allauth's tolerance) whose code is `code`, if any."""
    for step in yield_hotp_counters_from_time():
        if compare_user_code(actual=code, expected=format_hotp_value(hotp_value(secret, step))):
            return step
    return None


def claim_totp_code(*, authenticator: Authenticator, code: str) -> bool:
    """Record the use of a valid code of this TOTP authenticator; False when it was already used."""
    step = matching_time_step(secret=decrypt(authenticator.data["secret"]), code=code)
    if step is None:
        return False
    user_id = authenticator.user_id
    try:
        with transaction.atomic():
            # A code of the step already used, or of an earlier one, is refused (RFC 6238, § 5.2).
            if UsedTotpStep.objects.filter(user_id=user_id, time_step__gte=step).exists():
                return False
            UsedTotpStep.objects.create(user_id=user_id, time_step=step)
            UsedTotpStep.objects.filter(user_id=user_id, time_step__lt=step).delete()
    except IntegrityError:  # the same code, presented at the same moment on another request
        return False
    return True
