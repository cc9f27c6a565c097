"""The arobase rules: explicit cases for every rule, then properties over random histories."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arobase.label.rules import (
    RULE_ALERT,
    RULE_BOUNDS,
    RULE_DUPLICATE_YEAR,
    RULE_FIRST_PARTICIPATION,
    RULE_FIVE,
    RULE_LEGACY,
    RULE_ONE_STEP,
    AllowedRange,
    PastResult,
    Reason,
    allowed_range,
    check_decision,
    disagreement,
    is_first_participation,
    previous_result,
    validate_history,
)

YEAR = 2019


def r(year, arobases, alert=False, **kwargs):
    return PastResult(year=year, arobases=arobases, alert=alert, **kwargs)


def mention(year, alert=False):
    return PastResult(year=year, arobases=0, alert=alert, legacy_mention_only=True)


def bounds(history, year=YEAR):
    allowed = allowed_range(year=year, history=history)
    return allowed.minimum, allowed.maximum


def messages(allowed):
    return [reason.message for reason in allowed.reasons]


# --- first participation (R1, R2) -----------------------------------------------------------------------------


def test_first_participation_gets_1_to_4():
    allowed = allowed_range(year=YEAR, history=[])
    assert (allowed.minimum, allowed.maximum) == (1, 4)
    assert "au plus 4 @ : première participation" in messages(allowed)
    assert allowed.is_first_participation
    assert allowed.previous is None


def test_results_of_the_same_or_later_years_are_ignored():
    history = [r(YEAR, 5), r(YEAR + 1, 4, alert=True)]
    assert bounds(history) == (1, 4)
    assert is_first_participation(history, YEAR)
    assert previous_result(history, YEAR) is None


def test_first_participation_helpers():
    history = [r(2015, 2), r(2017, 3)]
    assert not is_first_participation(history, 2016)
    assert is_first_participation(history, 2015)
    assert previous_result(history, 2017) == r(2015, 2)
    assert previous_result(history, 2018) == r(2017, 3)


# --- previous 1..5, with and without alert, gaps of 1 to 5 years (R3, R4, R5) -----------------------------------

# (previous level, alert, gap) -> (min, max)
EXPECTED = {}
for _level in range(1, 6):
    for _gap in range(1, 6):
        _maximum = 5 if _level >= 4 else 4
        EXPECTED[(_level, False, _gap)] = (_level if _gap <= 3 else 1, _maximum)
        EXPECTED[(_level, True, _gap)] = (max(1, _level - 1) if _gap <= 3 else 1, _maximum)


@pytest.mark.parametrize(("level", "alert", "gap"), sorted(EXPECTED))
def test_range_after_one_previous_result(level, alert, gap):
    assert bounds([r(YEAR - gap, level, alert)]) == EXPECTED[(level, alert, gap)]


def test_explicit_table_spot_checks():
    # Spelled out so that the table above cannot silently drift.
    assert bounds([r(2018, 5)]) == (5, 5)
    assert bounds([r(2018, 5, alert=True)]) == (4, 5)
    assert bounds([r(2018, 4, alert=True)]) == (3, 5)
    assert bounds([r(2018, 4)]) == (4, 5)
    assert bounds([r(2016, 3)]) == (3, 4)  # exactly 3 years: still protected
    assert bounds([r(2015, 3)]) == (1, 4)  # 4 years: no floor
    assert bounds([r(2014, 4)]) == (1, 5)  # 5 @ still possible after a long gap
    assert bounds([r(2018, 1, alert=True)]) == (1, 4)
    assert bounds([r(2018, 2, alert=True)]) == (1, 4)


def test_reason_messages():
    assert messages(allowed_range(year=2018, history=[r(2017, 4)])) == [
        "au moins 4 @ : 4 @ en 2017 et aucune alerte",
        "5 @ possible : 4 @ en 2017",
    ]
    assert messages(allowed_range(year=2018, history=[r(2016, 3)])) == [
        "au moins 3 @ : 3 @ en 2016 et aucune alerte",
        "au plus 4 @ : le dernier résultat (3 @ en 2016) n'est pas 4 ou 5 @",
    ]
    assert messages(allowed_range(year=2018, history=[r(2014, 3)]))[0] == (
        "pas de plancher : dernière participation en 2014, il y a plus de 3 ans"
    )
    assert messages(allowed_range(year=2018, history=[r(2017, 4, alert=True)]))[0] == (
        "au moins 3 @ : 4 @ en 2017 avec alerte, une @ de moins au plus"
    )


def test_every_reason_names_its_bound_and_rule():
    allowed = allowed_range(year=2018, history=[r(2017, 4, alert=True)])
    assert [reason.bound for reason in allowed.reasons] == ["minimum", "maximum"]
    assert [reason.rule for reason in allowed.reasons] == [RULE_ONE_STEP, RULE_FIVE]
    assert allowed_range(year=2018, history=[r(2017, 4)]).reasons[0].rule == RULE_ALERT
    first = allowed_range(year=2018, history=[])
    assert {reason.rule for reason in first.reasons} == {RULE_FIRST_PARTICIPATION, RULE_BOUNDS}


def test_five_allowed_even_after_several_years():
    assert bounds([r(2012, 4)])[1] == 5
    assert bounds([r(2012, 5, alert=True)])[1] == 5


def test_only_the_previous_result_opens_five():
    # 4 @ in 2016, then 3 @ in 2017: the previous result is the 3 @.
    assert bounds([r(2016, 4), r(2017, 3)]) == (3, 4)
    # 3 @ in 2016, then 4 @ in 2017.
    assert bounds([r(2017, 4), r(2016, 3)]) == (4, 5)


def test_several_results_in_random_order():
    history = [r(2010, 1), r(2012, 2, alert=True), r(2014, 3), r(2016, 4, alert=True), r(2017, 5), r(2021, 1)]
    for seed in range(20):
        shuffled = history[:]
        random.Random(seed).shuffle(shuffled)
        assert bounds(shuffled, 2018) == (5, 5)
        assert bounds(shuffled, 2017) == (3, 5)
        assert bounds(shuffled, 2016) == (3, 4)
        assert bounds(shuffled, 2013) == (1, 4)
        assert bounds(shuffled, 2011) == (1, 4)
        assert bounds(shuffled, 2010) == (1, 4)
        assert bounds(shuffled, 2021) == (1, 5)  # 2017 is 4 years before
        assert bounds(shuffled, 2022) == (1, 4)  # previous is the 1 @ of 2021


def test_same_year_duplicates_use_the_highest_level():
    assert previous_result([r(2017, 3), r(2017, 4)], 2018) == r(2017, 4)


# --- legacy "mention only" results (R6) -----------------------------------------------------------------------


def test_mention_only_counts_as_participation_but_gives_no_floor_nor_five():
    allowed = allowed_range(year=2006, history=[mention(2005)])
    assert (allowed.minimum, allowed.maximum) == (1, 4)
    assert not allowed.is_first_participation
    assert not is_first_participation([mention(2005)], 2006)
    assert "pas de plancher : le dernier résultat (mention seule en 2005) ne comptait pas d'@" in messages(allowed)
    assert "au plus 4 @ : le dernier résultat (mention seule en 2005) n'est pas 4 ou 5 @" in messages(allowed)


def test_mention_only_after_a_four_hides_the_four():
    assert bounds([r(2003, 4), mention(2004)], 2005) == (1, 4)
    assert bounds([r(2003, 4), mention(2004, alert=True)], 2005) == (1, 4)


def test_result_after_a_mention_only_is_the_reference_again():
    assert bounds([mention(2004), r(2005, 4)], 2006) == (4, 5)


# --- hors concours (R7) -----------------------------------------------------------------------------------------


def test_hors_concours_same_range_but_flagged():
    history = [r(2017, 4, hors_concours=True)]
    allowed = allowed_range(year=2018, history=history)
    assert (allowed.minimum, allowed.maximum) == (4, 5)
    assert allowed.hors_concours
    assert any(reason.code == "hors_concours" for reason in allowed.reasons)
    first = allowed_range(year=2018, history=[], hors_concours=True)
    assert (first.minimum, first.maximum, first.hors_concours) == (1, 4, True)
    assert not allowed_range(year=2018, history=[r(2017, 4)]).hors_concours


# --- check_decision ---------------------------------------------------------------------------------------------


def test_check_decision_inside_and_outside():
    allowed = allowed_range(year=2018, history=[r(2017, 4)])
    assert check_decision(arobases=4, allowed=allowed) == []
    assert check_decision(arobases=5, allowed=allowed) == []
    [message] = check_decision(arobases=3, allowed=allowed)
    assert "3 @" in message and "au moins 4 @ : 4 @ en 2017 et aucune alerte" in message
    first = allowed_range(year=2018, history=[])
    [message] = check_decision(arobases=5, allowed=first)
    assert "première participation" in message


@pytest.mark.parametrize("value", [0, 6, -1, True, 2.5, "3", None])
def test_check_decision_rejects_non_levels(value):
    allowed = AllowedRange(1, 5, ())
    assert check_decision(arobases=value, allowed=allowed)


def test_allowed_range_cannot_be_inverted():
    with pytest.raises(ValueError):
        AllowedRange(4, 3, ())
    with pytest.raises(ValueError):
        AllowedRange(0, 3, ())
    assert 3 in AllowedRange(2, 4, ()) and 5 not in AllowedRange(2, 4, ()) and True not in AllowedRange(1, 4, ())


def test_summary():
    assert AllowedRange(5, 5, ()).summary_fr() == "5 @ exactement"
    assert AllowedRange(3, 5, (Reason("x", "y"),)).summary_fr() == "de 3 à 5 @"


# --- validate_history -------------------------------------------------------------------------------------------


def test_validate_history_valid():
    assert validate_history([]) == []
    assert validate_history([r(2015, 2), r(2016, 4), r(2017, 5, alert=True), r(2018, 4), r(2023, 1)]) == []
    assert validate_history([mention(2003), r(2004, 4), mention(2005), r(2006, 1)]) == []


def test_validate_history_names_year_and_rule():
    [violation] = validate_history([r(2016, 4), r(2017, 3)])
    assert (violation.index, violation.year, violation.rule) == (1, 2017, RULE_ALERT)
    assert violation.message.startswith("2017 : ")
    assert "pas de perte d'@ sans alerte" in violation.message

    [violation] = validate_history([r(2017, 2), r(2016, 4, alert=True)])  # any order, index of the input
    assert (violation.index, violation.year, violation.rule) == (0, 2017, RULE_ONE_STEP)

    [violation] = validate_history([r(2016, 5)])
    assert violation.rule == RULE_FIRST_PARTICIPATION

    [violation] = validate_history([r(2010, 3), r(2016, 5)])
    assert violation.rule == RULE_FIVE

    [violation] = validate_history([r(2010, 3), r(2011, 7)])
    assert violation.rule == RULE_BOUNDS


def test_validate_history_checks_later_results_against_invalid_ones_as_published():
    # The 5 @ of 2016 is invalid (first participation) but is still the reference for 2017.
    violations = validate_history([r(2016, 5), r(2017, 5)])
    assert [violation.year for violation in violations] == [2016]


def test_validate_history_legacy_and_duplicates():
    violations = validate_history([r(2004, 0), PastResult(2005, 2, False, legacy_mention_only=True)])
    assert [(v.year, v.rule) for v in violations] == [(2004, RULE_LEGACY), (2005, RULE_LEGACY)]
    violations = validate_history([r(2016, 3), r(2016, 3)])
    assert [(v.index, v.rule) for v in violations] == [(1, RULE_DUPLICATE_YEAR)]


# --- disagreement -----------------------------------------------------------------------------------------------


def test_disagreement():
    assert disagreement([]).flagged is False and disagreement([]).count == 0
    assert disagreement([3, 3, 3]).spread == 0
    assert disagreement([3, 3, 3]).message_fr.startswith("consensus")
    assert not disagreement([3, 4, 3]).flagged
    flagged = disagreement([2, 4, 3])
    assert (flagged.minimum, flagged.maximum, flagged.spread, flagged.flagged) == (2, 4, 2, True)
    assert flagged.message_fr.startswith("désaccord")


# --- properties over random histories ---------------------------------------------------------------------------

years = st.integers(min_value=1999, max_value=2030)
results = st.builds(
    PastResult,
    year=years,
    arobases=st.integers(min_value=1, max_value=5),
    alert=st.booleans(),
    hors_concours=st.booleans(),
)
mentions = st.builds(lambda year, alert: mention(year, alert), years, st.booleans())
histories = st.lists(st.one_of(results, results, results, mentions), max_size=12)


@given(history=histories, year=years)
def test_range_always_well_formed(history, year):
    allowed = allowed_range(year=year, history=history)
    assert 1 <= allowed.minimum <= allowed.maximum <= 5
    assert allowed.reasons_for("minimum") and allowed.reasons_for("maximum")


@given(history=histories, year=years)
def test_first_participation_never_allows_five(history, year):
    allowed = allowed_range(year=year, history=history)
    if is_first_participation(history, year):
        assert allowed.maximum == 4
        assert allowed.minimum == 1


@given(history=histories, year=years)
def test_five_only_after_four_or_five(history, year):
    allowed = allowed_range(year=year, history=history)
    previous = previous_result(history, year)
    assert (allowed.maximum == 5) == (previous is not None and previous.arobases >= 4)


@given(history=histories, year=years)
def test_floor(history, year):
    allowed = allowed_range(year=year, history=history)
    previous = previous_result(history, year)
    if previous is None or previous.arobases == 0 or year - previous.year > 3:
        assert allowed.minimum == 1
    elif previous.alert:
        assert allowed.minimum == max(1, previous.arobases - 1)
    else:
        assert allowed.minimum == previous.arobases


@given(history=histories, year=years)
def test_order_does_not_matter(history, year):
    assert bounds(history, year) == bounds(list(reversed(history)), year)


@given(history=histories, year=years, value=st.integers(min_value=-2, max_value=8))
def test_check_decision_accepts_exactly_the_range(history, year, value):
    allowed = allowed_range(year=year, history=history)
    assert (check_decision(arobases=value, allowed=allowed) == []) == (allowed.minimum <= value <= allowed.maximum)


@st.composite
def valid_histories(draw):
    """Histories built by always choosing a level inside the allowed range (and sometimes a legacy mention)."""
    start = draw(st.integers(min_value=1999, max_value=2015))
    gaps = draw(st.lists(st.integers(min_value=1, max_value=5), max_size=10))
    history = []
    year = start
    for gap in [0, *gaps]:
        year += gap
        if year < 2005 and draw(st.integers(0, 4)) == 0:
            history.append(mention(year, draw(st.booleans())))
            continue
        allowed = allowed_range(year=year, history=history)
        level = draw(st.integers(min_value=allowed.minimum, max_value=allowed.maximum))
        history.append(r(year, level, draw(st.booleans())))
    return draw(st.permutations(history))


@settings(max_examples=200)
@given(history=valid_histories())
def test_histories_built_inside_the_range_are_valid(history):
    assert validate_history(history) == []


@given(history=valid_histories(), data=st.data())
def test_breaking_a_floor_is_reported(history, data):
    ordered = sorted(history, key=lambda result: result.year)
    candidates = [
        index
        for index, result in enumerate(ordered)
        if result.arobases >= 1 and allowed_range(year=result.year, history=ordered[:index]).minimum > 1
    ]
    if not candidates:
        return
    index = data.draw(st.sampled_from(candidates))
    allowed = allowed_range(year=ordered[index].year, history=ordered[:index])
    broken = ordered[:]
    broken[index] = r(ordered[index].year, allowed.minimum - 1, ordered[index].alert)
    violations = validate_history(broken)
    assert violations and violations[0].year == ordered[index].year
    assert violations[0].rule in {RULE_ALERT, RULE_ONE_STEP}


@given(proposals=st.lists(st.integers(min_value=1, max_value=5), max_size=9))
def test_disagreement_properties(proposals):
    result = disagreement(proposals)
    assert result.count == len(proposals)
    assert 0 <= result.spread <= 4
    assert result.flagged == (bool(proposals) and max(proposals) - min(proposals) >= 2)
