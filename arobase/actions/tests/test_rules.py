"""The eligibility rules, exhaustively, and the agreement of the SQL version with the pure one."""

from datetime import date, datetime

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from arobase.actions import rules
from arobase.actions.rules import Standing

STATUSES = st.sampled_from(rules.STATUSES)
YEARS = st.integers(min_value=1999, max_value=2100)
DATES = st.dates(min_value=date(1999, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize("status", rules.STATUSES)
@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("offset", range(-4, 4))
def test_is_eligible_every_case(status, published, offset):
    label_year = 2020
    activity = date(label_year + offset, 6, 15)
    expected = published and status in ("ongoing", "done") and offset in (-1, -2)
    assert (
        rules.is_eligible(status=status, last_activity=activity, label_year=label_year, is_published=published)
        is expected
    )


@pytest.mark.parametrize(
    ("activity", "label_year", "expected"),
    [
        (date(2018, 1, 1), 2020, True),  # first day of N-2
        (date(2017, 12, 31), 2020, False),  # last day of N-3
        (date(2019, 12, 31), 2020, True),  # last day of N-1
        (date(2020, 1, 1), 2020, False),  # first day of N
        (None, 2020, False),
    ],
)
def test_window_boundaries(activity, label_year, expected):
    assert rules.activity_counts_for(activity, label_year) is expected
    assert rules.is_eligible(status="done", last_activity=activity, label_year=label_year) is expected


def test_planned_never_counts():
    for year in range(2000, 2030):
        assert not rules.is_eligible(status="planned", last_activity=date(year, 5, 1), label_year=year + 1)


def test_eligibility_years():
    assert rules.eligibility_years(2020) == (2018, 2019)


@given(status=STATUSES, activity=DATES, label_year=YEARS, published=st.booleans())
def test_is_eligible_matches_the_regulation(status, activity, label_year, published):
    expected = published and status != "planned" and label_year - 2 <= activity.year <= label_year - 1
    assert (
        rules.is_eligible(status=status, last_activity=activity, label_year=label_year, is_published=published)
        is expected
    )


@given(activity=DATES)
def test_an_activity_counts_for_exactly_two_label_years(activity):
    years = [year for year in range(1995, 2110) if rules.activity_counts_for(activity, year)]
    assert years == [activity.year + 1, activity.year + 2]
    assert rules.last_label_year_counted(activity) == activity.year + 2


@given(activity=DATES, today=DATES)
def test_expires_soon_and_expired(activity, today):
    label_year = rules.next_label_year(today)
    soon = rules.expires_soon(activity, today=today)
    expired = rules.has_expired(activity, today=today)
    assert soon is (activity.year == label_year - 2)
    assert expired is (activity.year < label_year - 2)
    assert not (soon and expired)
    if soon:
        # Counts for the label being prepared but not for the next one.
        assert rules.activity_counts_for(activity, label_year)
        assert not rules.activity_counts_for(activity, label_year + 1)


def test_expires_soon_examples():
    today = date(2024, 3, 1)  # preparing label 2025: window 2023-2024
    assert rules.next_label_year(today) == 2025
    assert rules.expires_soon(date(2023, 7, 1), today=today)
    assert not rules.expires_soon(date(2024, 2, 1), today=today)
    assert not rules.expires_soon(date(2022, 12, 31), today=today)
    assert rules.has_expired(date(2022, 12, 31), today=today)
    assert not rules.expires_soon(None, today=today)
    assert not rules.has_expired(None, today=today)
    assert rules.expires_soon(date(2024, 7, 1), today=today, label_year=2026)


@given(status=STATUSES, published=st.booleans(), activity=st.none() | DATES, today=DATES)
def test_standing_is_consistent(status, published, activity, today):
    result = rules.standing(status=status, is_published=published, last_activity=activity, today=today)
    if not published or activity is None:
        assert result is Standing.NOT_PUBLISHED
    elif status == "planned":
        assert result is Standing.PLANNED
    elif result is Standing.EXPIRES_SOON:
        assert rules.expires_soon(activity, today=today)
    elif result is Standing.EXPIRED:
        assert rules.has_expired(activity, today=today)
    else:
        assert result is Standing.COUNTS
        assert not rules.has_expired(activity, today=today)


@given(start=st.none() | DATES, end=st.none() | DATES)
def test_dates_are_consistent(start, end):
    assert rules.dates_are_consistent(start, end) is (start is None or end is None or end >= start)


@pytest.mark.parametrize("consent", [True, False])
def test_contact_is_public_only_with_consent(consent):
    shown = rules.contact_is_public(contact_consent=consent, email="a@example.org", phone="0102030405")
    assert shown == ({"email": "a@example.org", "phone": "0102030405"} if consent else {})
    assert rules.contact_is_public(contact_consent=True, email="", phone="") == {}


@pytest.mark.django_db
def test_sql_eligible_for_agrees_with_the_pure_rule(edition_2019):
    from arobase.actions.models import Action
    from arobase.actions.tests.factories import ActionFactory
    from arobase.territories.tests.factories import CommuneFactory

    owner = CommuneFactory()
    tz = timezone.get_current_timezone()
    moments = []
    for year in (2016, 2017, 2018, 2019, 2020):
        # Both edges of each civil year, in Paris time (an UTC-naive year check would get them wrong).
        moments += [datetime(year, 1, 1, 0, 30, tzinfo=tz), datetime(year, 12, 31, 23, 30, tzinfo=tz)]
    actions = []
    for moment in moments:
        for status in rules.STATUSES:
            for published in (True, False):
                actions.append(
                    ActionFactory(
                        owner=owner,
                        status=status,
                        is_published=published,
                        last_activity_at=moment,
                        services=[],
                    )
                )
    actions.append(ActionFactory(owner=owner, is_published=True, last_activity_at=None, services=[]))
    for label_year in range(2017, 2023):
        in_sql = set(Action.objects.eligible_for(label_year).values_list("pk", flat=True))
        in_python = {action.pk for action in actions if action.is_eligible_for(label_year)}
        assert in_sql == in_python, label_year
        today = date(label_year - 1, 6, 1)
        expiring_sql = set(Action.objects.expiring(today=today).values_list("pk", flat=True))
        expiring_python = {
            a.pk
            for a in actions
            if a.is_eligible_for(label_year) and rules.expires_soon(a.last_activity_date, today=today)
        }
        assert expiring_sql == expiring_python
    assert in_python  # the data covers both outcomes
    assert len(in_python) < len(actions)


def test_local_date_of_activity_is_used():
    from datetime import UTC

    from arobase.actions.models import Action

    # 1 January 00:30 in Paris is still 31 December in UTC: the year that counts is the local one.
    tz = timezone.get_current_timezone()
    action = Action(status="done", is_published=True, last_activity_at=datetime(2020, 1, 1, 0, 30, tzinfo=tz))
    assert action.last_activity_at.astimezone(UTC).year == 2019
    assert action.last_activity_date == date(2020, 1, 1)
    assert action.is_eligible_for(2021) and action.is_eligible_for(2022) and not action.is_eligible_for(2020)
