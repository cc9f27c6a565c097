"""Pure rules of events: registration, capacity, times in the event's own time zone."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo


def is_full(*, max_participants: int | None, registered: int) -> bool:
    """No maximum means never full."""
    return max_participants is not None and registered >= max_participants


def registration_is_open(
    *, enabled: bool, published: bool, starts_at: datetime.datetime, now: datetime.datetime
) -> bool:
    """One registers to a published event with registration enabled, until it starts."""
    return enabled and published and now < starts_at


def local_times(
    starts_at: datetime.datetime, ends_at: datetime.datetime, time_zone: str
) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end as wall-clock times of the event's zone (what the page shows and iCalendar carries with its
    TZID), from aware datetimes."""
    zone = ZoneInfo(time_zone)
    return starts_at.astimezone(zone), ends_at.astimezone(zone)


def aware_in(value: datetime.datetime, time_zone: str) -> datetime.datetime:
    """A time typed in the event's zone (naive) made aware; an aware one is kept as is."""
    if value.tzinfo is not None:
        return value
    return value.replace(tzinfo=ZoneInfo(time_zone))


def times_are_valid(starts_at: datetime.datetime, ends_at: datetime.datetime) -> bool:
    return ends_at >= starts_at
