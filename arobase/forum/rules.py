"""Who may enter the #elunum space and what they may do there (pure: facts in, decisions out)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum


class Access(Enum):
    ANONYMOUS = "anonymous"
    DENIED = "denied"
    MEMBER = "member"  # an élu
    MODERATOR = "moderator"  # staff


def access(*, is_authenticated: bool, is_active: bool, is_staff: bool, is_elu: bool) -> Access:
    """The one rule of the space: élus (an approved attachment as élu, any collectivité) and staff as moderators."""
    if not is_authenticated:
        return Access.ANONYMOUS
    if not is_active:
        return Access.DENIED
    if is_staff:
        return Access.MODERATOR
    if is_elu:
        return Access.MEMBER
    return Access.DENIED


def may_enter(*, is_authenticated: bool, is_active: bool, is_staff: bool, is_elu: bool) -> bool:
    return access(is_authenticated=is_authenticated, is_active=is_active, is_staff=is_staff, is_elu=is_elu) in (
        Access.MEMBER,
        Access.MODERATOR,
    )


def may_close(*, is_author: bool, is_moderator: bool, is_closed: bool) -> bool:
    return not is_closed and (is_author or is_moderator)


def may_reply(*, is_closed: bool) -> bool:
    return not is_closed


def may_vote(*, is_call_for_ideas: bool, is_closed: bool, is_hidden: bool, is_opening_post: bool) -> bool:
    """Ideas are the replies to a call for ideas, the call itself is not one."""
    return is_call_for_ideas and not is_closed and not is_hidden and not is_opening_post


def may_flag(*, is_author: bool, is_hidden: bool) -> bool:
    return not is_author and not is_hidden


def is_unread(*, last_post_id: int | None, last_read_post_id: int | None) -> bool:
    """A thread is unread when it has a post after the last one this person read."""
    if last_post_id is None:
        return False
    return last_read_post_id is None or last_post_id > last_read_post_id


def mentioned(text: str, names: Mapping[str, int]) -> set[int]:
    """The ids of the people whose "@Prénom Nom" appears in `text` (names: full name → id), whole names only."""
    found: set[int] = set()
    for name, person_id in names.items():
        if name.strip() and re.search(rf"@{re.escape(name.strip())}(?![\w-])", text, flags=re.IGNORECASE):
            found.add(person_id)
    return found


class Reason(Enum):
    MENTION = "forum_mention"
    REPLY = "forum_reply"
    SUBSCRIPTION = "forum_subscription"


def recipients_by_reason(
    *,
    poster_id: int,
    mentioned_ids: Iterable[int],
    participant_ids: Iterable[int],
    subscriber_ids: Iterable[int],
) -> dict[int, Reason]:
    """Who hears of a new post and why, each person once (a mention beats a reply, a reply beats a subscription);
    never its own author."""
    reasons: dict[int, Reason] = {}
    for ids, reason in (
        (subscriber_ids, Reason.SUBSCRIPTION),
        (participant_ids, Reason.REPLY),
        (mentioned_ids, Reason.MENTION),
    ):
        for person_id in ids:
            reasons[person_id] = reason
    reasons.pop(poster_id, None)
    return reasons
