"""The pure rules of the comparison, exhaustively."""

import statistics
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arobase.peers import rules
from arobase.territories.strata import COMMUNE_STRATA, EPCI_STRATA, stratum_index

codes = st.sets(st.sampled_from([f"S{i:02d}" for i in range(20)]), max_size=20)
fractions = st.fractions(min_value=0, max_value=1, max_denominator=50)


def base_for(strata, index, **kwargs):
    defaults = {"kind": "commune", "category": "village", "epci_type": "", "region": "32"}
    defaults.update(kwargs)
    return rules.base_criteria(strata=strata, index=index, **defaults)


@given(st.sampled_from([COMMUNE_STRATA, EPCI_STRATA]), st.data())
def test_each_relaxation_step_widens_the_previous_one(strata, data):
    index = data.draw(st.integers(0, len(strata) - 1))
    steps = rules.relaxation_steps(base_for(strata, index), strata=strata, index=index)
    assert [step.relaxed for step in steps] == [(), ("strata",), ("strata", "region"), ("strata", "region", "category")]
    population = data.draw(st.integers(0, 3_000_000))
    region = data.draw(st.sampled_from(["32", "53"]))
    category = data.draw(st.sampled_from(["ville", "village"]))
    accepted = [
        step.accepts(kind="commune", category=category, epci_type="", population=population, region=region)
        for step in steps
    ]
    # Once accepted, always accepted by the wider steps.
    assert accepted == sorted(accepted)
    # The strict step is exactly the stratum; the second adds the neighbouring strata.
    in_stratum = stratum_index(population, strata) == index
    assert accepted[0] == (in_stratum and region == "32" and category == "village")
    assert steps[1].accepts(kind="commune", category="village", epci_type="", population=population, region="32") == (
        abs(stratum_index(population, strata) - index) <= 1
    )
    assert not steps[-1].accepts(kind="epci", category="village", epci_type="", population=population, region="32")


@given(st.lists(st.integers(0, 40), min_size=4, max_size=4))
def test_the_first_step_with_enough_peers_is_chosen(counts):
    steps = rules.relaxation_steps(base_for(COMMUNE_STRATA, 3), strata=COMMUNE_STRATA, index=3)
    chosen = rules.choose_criteria(steps, counts)
    enough = [i for i, n in enumerate(counts) if n >= rules.MIN_PEERS]
    assert chosen == steps[enough[0] if enough else -1]


def test_relaxation_sentence_is_french_and_empty_when_strict():
    assert rules.relaxation_sentence(()) == ""
    assert rules.relaxation_sentence(("strata", "region")) == (
        "Critères élargis, faute de 15 collectivités comparables : strates de population voisines incluses, "
        "toutes les régions."
    )


@given(codes, codes)
def test_jaccard(first, second):
    value = rules.jaccard(first, second)
    assert 0 <= value <= 1
    assert value == rules.jaccard(second, first)
    assert value == rules.jaccard_from_counts(common=len(first & second), size_a=len(first), size_b=len(second))
    assert (value == 1) == (first == second and bool(first))


def test_jaccard_refuses_impossible_counts():
    with pytest.raises(ValueError):
        rules.jaccard_from_counts(common=3, size_a=2, size_b=5)


@given(st.lists(fractions, max_size=30))
def test_median_matches_the_statistics_module(values):
    if not values:
        assert rules.median(values) is None
    else:
        assert rules.median(values) == statistics.median(values)


@given(fractions, st.lists(fractions, max_size=30))
def test_percentile_rank(value, values):
    rank = rules.percentile_rank(value, values)
    if not values:
        assert rank is None
        return
    assert 0 <= rank <= 100
    assert (rank == 100) == all(other < value for other in values)
    assert (rank == 0) == all(other > value for other in values)
    bigger = max(values) + 1
    assert rules.percentile_rank(bigger, values) == 100


lighting = st.dictionaries(st.sampled_from([f"S{i:02d}" for i in range(20)]), st.integers(0, 10))


@given(codes, lighting, st.integers(0, 10), lighting, st.integers(0, 20))
def test_gaps_are_unlit_frequent_and_ranked(lit_here, peers_lighting, peers, national_lighting, national):
    peers_lighting = {code: min(n, peers) for code, n in peers_lighting.items()}
    national_lighting = {code: min(n, national) for code, n in national_lighting.items()}
    services = [f"S{i:02d}" for i in range(20)]
    gaps = rules.rank_gaps(
        lit_here=lit_here,
        services=services,
        peers_lighting=peers_lighting,
        peers=peers,
        national_lighting=national_lighting,
        national=national,
    )
    expected = {
        code
        for code in services
        if code not in lit_here and peers and Fraction(peers_lighting.get(code, 0), peers) >= Fraction(3, 10)
    }
    assert {gap.service for gap in gaps} == expected
    shares = [gap.peer_share for gap in gaps]
    assert shares == sorted(shares, reverse=True)
    for first, second in zip(gaps, gaps[1:], strict=False):
        if first.peer_share == second.peer_share and first.national_share and second.national_share:
            assert first.peer_share / first.national_share >= second.peer_share / second.national_share
        if first.peer_share == second.peer_share and second.national_share == 0:
            assert first.national_share == 0
