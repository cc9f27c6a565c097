import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from arobase.network import rules
from arobase.network.models import TimeZone

aware = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1), timezones=st.just(datetime.UTC)
)


@given(st.one_of(st.none(), st.integers(1, 500)), st.integers(0, 600))
def test_full_only_with_a_maximum_reached(maximum, registered):
    assert rules.is_full(max_participants=maximum, registered=registered) == (
        maximum is not None and registered >= maximum
    )


@given(st.booleans(), st.booleans(), aware, aware)
def test_registration_open_until_the_start_of_a_published_enabled_event(enabled, published, starts_at, now):
    assert rules.registration_is_open(enabled=enabled, published=published, starts_at=starts_at, now=now) == (
        enabled and published and now < starts_at
    )


@given(
    aware,
    st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=3)),
    st.sampled_from(TimeZone.values),
)
def test_local_times_are_the_same_instants_in_the_event_zone(starts_at, length, zone):
    local_start, local_end = rules.local_times(starts_at, starts_at + length, zone)
    # Compared in UTC: between two datetimes of the same zone, Python subtracts wall-clock times (DST changes).
    assert local_start == starts_at
    assert local_end.astimezone(datetime.UTC) - local_start.astimezone(datetime.UTC) == length
    assert local_start.tzinfo == ZoneInfo(zone)


def test_a_time_typed_in_reunion_is_four_hours_ahead_of_utc():
    typed = datetime.datetime(2026, 3, 10, 9, 0)
    assert rules.aware_in(typed, "Indian/Reunion").astimezone(datetime.UTC).hour == 5
    assert rules.aware_in(typed, "Europe/Paris").astimezone(datetime.UTC).hour == 8
