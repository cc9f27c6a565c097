"""Signed unsubscribe links, one per person and kind (django.core.signing: nobody forges one without the secret)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from arobase.notifications.errors import InvalidUnsubscribeToken
from arobase.notifications.rules import DIGEST_KIND, KINDS

SALT = "arobase.notifications.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeRequest:
    user_id: int
    kind: str


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> UnsubscribeRequest:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.NOTIFICATION_UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise InvalidUnsubscribeToken("Ce lien de désabonnement a expiré.") from error
    except signing.BadSignature as error:
        raise InvalidUnsubscribeToken("Ce lien de désabonnement n'est pas valide.") from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise InvalidUnsubscribeToken("Ce lien de désabonnement n'est pas valide.")
    kind = data.get("k")
    if kind != DIGEST_KIND and kind not in KINDS:
        raise InvalidUnsubscribeToken("Ce lien de désabonnement n'est pas valide.")
    return UnsubscribeRequest(user_id=data["u"], kind=kind)
