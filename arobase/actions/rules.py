"""Pure rules of actions: eligibility for the label, the window that ends, dates. No database access.

Eligibility of an action for label year N (regulation of the label):
1. it was last published or updated (its `last_activity_at`) during year N-1 or N-2;
2. its status is *en cours* or *réalisée* (*prévue* never counts);
and, for the platform, it is published (a draft or an unpublished action is not public, so it counts for nothing).

`Action.objects.eligible_for(N)` implements the same rule in SQL; tests check that both agree.
Years are civil years in the time zone of the site (Europe/Paris): callers pass local dates.
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime

PLANNED = "planned"
ONGOING = "ongoing"
DONE = "done"
STATUSES = (PLANNED, ONGOING, DONE)
ELIGIBLE_STATUSES = frozenset({ONGOING, DONE})

# How many civil years before the label year an activity keeps counting (N-1 and N-2).
WINDOW_YEARS = 2


def _year(moment: date | datetime | int) -> int:
    if isinstance(moment, int):
        return moment
    return moment.year


def eligibility_years(label_year: int) -> tuple[int, ...]:
    """The civil years during which the last activity must fall to count for `label_year`: (N-2, N-1)."""
    return tuple(range(label_year - WINDOW_YEARS, label_year))


def activity_counts_for(last_activity: date | datetime | int | None, label_year: int) -> bool:
    """Rule 1 alone: the last publication or update (a local date, or its year) falls in N-1 or N-2."""
    if last_activity is None:
        return False
    return label_year - WINDOW_YEARS <= _year(last_activity) <= label_year - 1


def status_counts(status: str) -> bool:
    """Rule 2 alone: *en cours* and *réalisée* count, *prévue* never does."""
    return status in ELIGIBLE_STATUSES


def is_eligible(
    *, status: str, last_activity: date | datetime | int | None, label_year: int, is_published: bool = True
) -> bool:
    """Does an action count for the label of `label_year`?"""
    return is_published and status_counts(status) and activity_counts_for(last_activity, label_year)


def next_label_year(today: date) -> int:
    """The label being prepared on `today`: participation to Label N is open during year N-1."""
    return today.year + 1


def last_label_year_counted(last_activity: date | datetime | int) -> int:
    """The last label year an activity of that date counts for: an activity of year Y counts for Y+1 and Y+2."""
    return _year(last_activity) + WINDOW_YEARS


def expires_soon(last_activity: date | datetime | int | None, *, today: date, label_year: int | None = None) -> bool:
    """The activity counts for `label_year` (default: the label being prepared on `today`) but not for the next
    one: its year is N-2. Confirming or updating the action now makes it count two more years."""
    if last_activity is None:
        return False
    year = label_year if label_year is not None else next_label_year(today)
    return activity_counts_for(last_activity, year) and not activity_counts_for(last_activity, year + 1)


def has_expired(last_activity: date | datetime | int | None, *, today: date, label_year: int | None = None) -> bool:
    """The activity is too old to count for `label_year` (default: the label being prepared on `today`)."""
    if last_activity is None:
        return False
    year = label_year if label_year is not None else next_label_year(today)
    return _year(last_activity) < year - WINDOW_YEARS


class Standing(enum.StrEnum):
    """Where an action stands for the label being prepared, as shown to its authors."""

    NOT_PUBLISHED = "not_published"
    PLANNED = "planned"
    COUNTS = "counts"
    EXPIRES_SOON = "expires_soon"
    EXPIRED = "expired"


def standing(*, status: str, is_published: bool, last_activity: date | datetime | int | None, today: date) -> Standing:
    """One word for the dashboard: does the action count for the label being prepared, and for how long."""
    if not is_published or last_activity is None:
        return Standing.NOT_PUBLISHED
    if not status_counts(status):
        return Standing.PLANNED
    label_year = next_label_year(today)
    if has_expired(last_activity, today=today, label_year=label_year):
        return Standing.EXPIRED
    if expires_soon(last_activity, today=today, label_year=label_year):
        return Standing.EXPIRES_SOON
    if activity_counts_for(last_activity, label_year):
        return Standing.COUNTS
    # An activity dated after the current year (clock skew, imported data): it will count later.
    return Standing.COUNTS


def dates_are_consistent(start: date | None, end: date | None) -> bool:
    """An end date, when both are given, is not before the start date."""
    return start is None or end is None or end >= start


ORGANISATION = "organisation"


def actor_is_public(*, kind: str, contact_consent: bool) -> bool:
    """Whether an actor appears at all on the public surfaces (action page, API, search, open data, directories):
    an organisation always, a person only with their consent (`contact_consent`, which also covers their contact
    details). Without it, only the organisations of the action are shown."""
    return kind == ORGANISATION or contact_consent


def contact_is_public(*, contact_consent: bool, email: str = "", phone: str = "") -> dict[str, str]:
    """The contact details of an actor that may be shown publicly: none without consent."""
    if not contact_consent:
        return {}
    return {key: value for key, value in (("email", email), ("phone", phone)) if value}


_PHONE_SEPARATORS = re.compile(r"[\s.\-/]")
_FRENCH_NATIONAL = re.compile(r"0[1-9]\d{8}")
_INTERNATIONAL = re.compile(r"\+[1-9]\d{6,14}")


def normalize_phone(text: str) -> str | None:
    """A phone number in a readable form, or None if it is not one: French national numbers (01 23 45 67 89,
    separators spaces, dots, hyphens or slashes), French international ones (+33 1 23 45 67 89, also written
    +33 (0)1…) and other international numbers in E.164 (+ and 7 to 15 digits).

    >>> normalize_phone("01.23.45.67.89")
    '01 23 45 67 89'
    >>> normalize_phone("+33 (0)6 12 34 56 78")
    '+33 6 12 34 56 78'
    >>> normalize_phone("12345") is None
    True
    """
    compact = _PHONE_SEPARATORS.sub("", text.strip()).replace("(0)", "")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+33") and _FRENCH_NATIONAL.fullmatch("0" + compact[3:]):
        digits = compact[3:]
        return "+33 " + digits[0] + " " + " ".join(digits[i : i + 2] for i in range(1, 9, 2))
    if _FRENCH_NATIONAL.fullmatch(compact):
        return " ".join(compact[i : i + 2] for i in range(0, 10, 2))
    if _INTERNATIONAL.fullmatch(compact) and not compact.startswith("+33"):
        return compact
    return None
