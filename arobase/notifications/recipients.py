"""Checks that decide, at send time, whether someone may still receive a kind of notification by email.

Apps above this one register a check for the kinds they own (the #elunum space registers one for its kinds, so that
someone who stopped being élu gets no more of its emails); kinds without a check go to every active account.
"""

from __future__ import annotations

from collections.abc import Callable

RecipientCheck = Callable[[object], bool]

_checks: dict[str, RecipientCheck] = {}


def register_recipient_check(kind: str, check: RecipientCheck) -> None:
    _checks[kind] = check


def may_receive(user, kind: str) -> bool:
    if not user.is_active or not user.email:
        return False
    check = _checks.get(kind)
    return check is None or bool(check(user))
