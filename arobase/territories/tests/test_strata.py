from hypothesis import given
from hypothesis import strategies as st

from arobase.territories.strata import COMMUNE_STRATA, EPCI_STRATA, strata_for, stratum_index


def test_commune_strata_are_the_fifteen_dgf_strata():
    assert len(COMMUNE_STRATA) == 15
    assert [(s.population_min, s.population_max) for s in COMMUNE_STRATA[:4]] == [
        (0, 499),
        (500, 999),
        (1000, 1999),
        (2000, 3499),
    ]
    assert COMMUNE_STRATA[-1].population_min == 200_000 and COMMUNE_STRATA[-1].population_max is None


def test_epci_strata():
    assert [(s.population_min, s.population_max) for s in EPCI_STRATA] == [
        (0, 14_999),
        (15_000, 29_999),
        (30_000, 49_999),
        (50_000, 99_999),
        (100_000, 299_999),
        (300_000, None),
    ]
    assert strata_for("epci") is EPCI_STRATA
    assert strata_for("commune") is COMMUNE_STRATA


def test_labels_are_french():
    assert COMMUNE_STRATA[0].label == "moins de 500 habitants"
    assert COMMUNE_STRATA[3].label == "de 2\u202f000 à 3\u202f499 habitants"
    assert EPCI_STRATA[-1].label == "300\u202f000 habitants et plus"


@given(st.integers(min_value=-10, max_value=10_000_000), st.sampled_from([COMMUNE_STRATA, EPCI_STRATA]))
def test_every_population_is_in_exactly_one_stratum(population, strata):
    holding = [s for s in strata if s.contains(max(population, 0))]
    assert len(holding) == 1
    assert strata[stratum_index(population, strata)] == holding[0]


@given(st.sampled_from([COMMUNE_STRATA, EPCI_STRATA]))
def test_strata_are_contiguous(strata):
    for lower, upper in zip(strata, strata[1:], strict=False):
        assert lower.population_max + 1 == upper.population_min
