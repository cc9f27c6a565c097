"""Checks that decide, at send time, who may still receive a kind of notification by email.

Apps above this one register a check for the kinds they own (the #elunum space registers one for its kinds, so that
someone who stopped being élu gets no more of its emails); kinds without a check go to every active account. A check
is given the candidates at once and returns the ids of those allowed, so that a batch of emails costs one query.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

RecipientCheck = Callable[[Sequence[object]], Iterable[int]]

_checks: dict[str, RecipientCheck] = {}


def register_recipient_check(kind: str, check: RecipientCheck) -> None:
    _checks[kind] = check


def who_may_receive(users: Collection, kind: str) -> set[int]:
    """The ids of those among `users` who may receive `kind` by email now."""
    reachable = [user for user in users if user.is_active and user.email]
    check = _checks.get(kind)
    if check is None or not reachable:
        return {user.pk for user in reachable}
    return set(check(reachable)) & {user.pk for user in reachable}
