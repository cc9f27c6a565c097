"""The state of a campaign from its dates, as a pure function (no database).

States (the API uses these words):

* ``preparation``: before the opening date (staff prepare it; candidacies cannot be opened yet);
* ``open``: from the opening date (00:00, local time) until the candidacy deadline (excluded);
* ``closed``: after the deadline, the jury works on the last validated snapshots;
* ``deliberated``: staff recorded the end of the deliberation (decisions are final, still secret);
* ``published``: staff published the palmarès **and** the ceremony time is reached. Staff may publish ahead of
  the ceremony (scheduled publication): the campaign stays ``deliberated`` (or ``closed``) and nothing shows until
  the ceremony time. This is the only state in which results of the campaign are public.
"""

from __future__ import annotations

from datetime import date, datetime

PREPARATION = "preparation"
OPEN = "open"
CLOSED = "closed"
DELIBERATED = "deliberated"
PUBLISHED = "published"

STATES = (PREPARATION, OPEN, CLOSED, DELIBERATED, PUBLISHED)


def campaign_state(
    *,
    now: datetime,
    opens_at: datetime,
    candidacy_deadline: datetime,
    ceremony_at: datetime,
    deliberated: bool,
    published_by_staff: bool,
) -> str:
    if published_by_staff and now >= ceremony_at:
        return PUBLISHED
    if deliberated:
        return DELIBERATED
    if now < opens_at:
        return PREPARATION
    if now < candidacy_deadline:
        return OPEN
    return CLOSED


def dates_in_order(*, opens_on: date, candidacy_deadline: date, jury_meeting_on: date, ceremony_on: date) -> list[str]:
    """French messages for dates out of order (empty: the calendar is consistent)."""
    problems = []
    if not opens_on < candidacy_deadline:
        problems.append("La date limite de candidature doit suivre la date d'ouverture.")
    if not candidacy_deadline <= jury_meeting_on:
        problems.append("La réunion du jury doit avoir lieu après la date limite de candidature.")
    if not jury_meeting_on <= ceremony_on:
        problems.append("La cérémonie doit avoir lieu après la réunion du jury.")
    return problems
