import datetime

from hypothesis import given
from hypothesis import strategies as st

from arobase.timeline import rules
from arobase.timeline.rules import PublishedResult

results = st.lists(
    st.builds(
        PublishedResult,
        territory_id=st.integers(1, 4),
        year=st.integers(2000, 2030),
        arobases=st.integers(0, 5),
    ),
    max_size=30,
)


@given(results)
def test_label_steps_are_the_first_label_then_strictly_better_levels(results):
    steps = rules.label_steps(results)
    by_territory: dict[int, list] = {}
    for step in steps:
        by_territory.setdefault(step.territory_id, []).append(step)
    labelled = {r.territory_id for r in results if r.arobases >= 1}
    assert set(by_territory) == labelled
    for territory_id, own in by_territory.items():
        assert own[0].first and not any(step.first for step in own[1:])
        assert [s.year for s in own] == sorted({s.year for s in own})
        assert all(b.arobases > a.arobases for a, b in zip(own, own[1:], strict=False))
        first_year = min(r.year for r in results if r.territory_id == territory_id and r.arobases >= 1)
        assert own[0].year == first_year
        best = max(r.arobases for r in results if r.territory_id == territory_id)
        assert own[-1].arobases == best


def test_label_steps_example():
    steps = rules.label_steps(
        [
            PublishedResult(1, 2010, 2),
            PublishedResult(1, 2012, 2),
            PublishedResult(1, 2014, 1),
            PublishedResult(1, 2016, 3),
            PublishedResult(2, 2011, 0),
        ]
    )
    assert [(s.year, s.arobases, s.first) for s in steps] == [(2010, 2, True), (2016, 3, False)]


@given(st.dates(min_value=datetime.date(1990, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_normalised_date_keeps_only_what_the_precision_says(date, precision):
    normalised = rules.normalised_date(date, precision)
    assert normalised.year == date.year
    assert (normalised.month == 1) if precision == "year" else (normalised.month == date.month)
    assert normalised.day == (date.day if precision == "day" else 1)
    assert str(date.year) in rules.date_label(normalised, precision)


def test_date_labels_in_french():
    assert rules.date_label(datetime.date(2004, 1, 1), "year") == "2004"
    assert rules.date_label(datetime.date(2004, 3, 1), "month") == "mars 2004"
    assert rules.date_label(datetime.date(2004, 3, 1), "day") == "1er mars 2004"
    assert rules.date_label(datetime.date(2004, 8, 21), "day") == "21 août 2004"
