"""The proposed score: bounds, monotonicity, lines adding up, population bands."""

import dataclasses

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from arobase.label.jury.scoring import (
    AROBASE_THRESHOLDS,
    BAND_MIN_PEERS,
    METHODOLOGY_FR,
    POPULATION_BANDS,
    UNKNOWN_BAND,
    PeerStats,
    SnapshotFacts,
    arobases_for_points,
    clamp_to_range,
    compute_peer_stats,
    population_band,
    propose_score,
)
from arobase.label.rules import AllowedRange


def facts(**overrides):
    values = {
        "population": 12_000,
        "kind": "ville",
        "enjeu_count": 16,
        "enjeux_covered": 12,
        "service_count": 138,
        "services_covered": 60,
        "eligible_actions": 120,
        "actions_with_results": 80,
        "actions_with_places": 60,
        "actions_with_actors": 100,
        "actions_with_images": 50,
        "epci_questionnaire_yes": None,
        "epci_questionnaire_total": None,
    }
    values.update(overrides)
    return SnapshotFacts(**values)


PEERS = PeerStats("10000-49999", 20, 40.0, 70.0)


@st.composite
def snapshot_facts(draw):
    enjeu_count = draw(st.integers(0, 20))
    service_count = draw(st.integers(0, 160))
    eligible = draw(st.integers(0, 400))
    with_questionnaire = draw(st.booleans())
    total = draw(st.integers(0, 14)) if with_questionnaire else None
    return SnapshotFacts(
        population=draw(st.one_of(st.none(), st.integers(0, 3_000_000))),
        kind=draw(st.sampled_from(["ville", "village", "territoire"])),
        enjeu_count=enjeu_count,
        enjeux_covered=draw(st.integers(0, enjeu_count)),
        service_count=service_count,
        services_covered=draw(st.integers(0, service_count)),
        eligible_actions=eligible,
        actions_with_results=draw(st.integers(0, eligible)),
        actions_with_places=draw(st.integers(0, eligible)),
        actions_with_actors=draw(st.integers(0, eligible)),
        actions_with_images=draw(st.integers(0, eligible)),
        epci_questionnaire_yes=None if total is None else draw(st.integers(0, total)),
        epci_questionnaire_total=total,
    )


peer_stats = st.one_of(
    st.none(),
    st.builds(
        PeerStats,
        band=st.just("x"),
        candidacy_count=st.integers(0, 50),
        median_services_covered=st.one_of(st.none(), st.floats(0, 150)),
        median_eligible_actions=st.one_of(st.none(), st.floats(0, 400)),
    ),
)


def test_example_is_explained_line_by_line():
    score = propose_score(facts(), PEERS)
    codes = [line.code for line in score.lines]
    assert codes == [
        "enjeux",
        "services",
        "depth",
        "results",
        "places",
        "actors",
        "images",
        "band_services",
        "band_actions",
    ]
    assert score.max_points == 100
    enjeux = score.lines[0]
    assert (enjeux.value, enjeux.points, enjeux.max_points) == ("12 / 16", 11.25, 15.0)
    assert "75 %" in enjeux.explanation_fr
    assert "au-dessus de la médiane" in score.lines[7].explanation_fr
    assert score.arobases == arobases_for_points(score.points)
    assert all(line.label_fr and line.explanation_fr for line in score.lines)


def test_empty_dossier_gets_one_arobase_and_no_crash():
    empty = facts(
        enjeux_covered=0,
        services_covered=0,
        eligible_actions=0,
        actions_with_results=0,
        actions_with_places=0,
        actions_with_actors=0,
        actions_with_images=0,
    )
    score = propose_score(empty, PEERS)
    assert score.points == 0 and score.arobases == 1
    score = propose_score(facts(enjeu_count=0, service_count=0, enjeux_covered=0, services_covered=0))
    assert score.arobases >= 1


def test_full_dossier_gets_five():
    full = facts(
        enjeux_covered=16,
        services_covered=138,
        eligible_actions=300,
        actions_with_results=300,
        actions_with_places=300,
        actions_with_actors=300,
        actions_with_images=300,
    )
    score = propose_score(full, PeerStats("10000-49999", 10, 50, 100))
    assert score.points == 100 and score.arobases == 5


def test_questionnaire_weighs_ten_percent():
    territoire = facts(kind="territoire", population=150_000, epci_questionnaire_yes=7, epci_questionnaire_total=14)
    score = propose_score(territoire, PEERS)
    assert score.lines[-1].code == "questionnaire"
    assert score.lines[-1].points == 5.0 and score.lines[-1].max_points == 10.0
    assert score.max_points == 100
    without = propose_score(
        dataclasses.replace(territoire, epci_questionnaire_yes=None, epci_questionnaire_total=None), PEERS
    )
    assert "questionnaire" not in [line.code for line in without.lines]


def test_missing_or_small_band_is_neutral():
    for peers in (None, PeerStats("10000-49999", BAND_MIN_PEERS - 1, 40, 70), PeerStats("10000-49999", 10, None, None)):
        score = propose_score(facts(), peers)
        band_lines = [line for line in score.lines if line.code.startswith("band_")]
        assert [line.points for line in band_lines] == [5.0, 5.0]
        assert all("comparaison impossible" in line.explanation_fr for line in band_lines)


def test_band_median_gives_half_and_double_gives_all():
    at_median = propose_score(facts(services_covered=40, eligible_actions=70), PEERS)
    assert [line.points for line in at_median.lines if line.code.startswith("band_")] == [5.0, 5.0]
    double = propose_score(facts(services_covered=80, eligible_actions=140, actions_with_results=80), PEERS)
    assert [line.points for line in double.lines if line.code.startswith("band_")] == [10.0, 10.0]
    below = propose_score(facts(services_covered=20), PEERS)
    assert "en dessous de la médiane" in below.lines[7].explanation_fr


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "region"},
        {"eligible_actions": -1},
        {"epci_questionnaire_yes": 3, "epci_questionnaire_total": None},
        {"epci_questionnaire_yes": 15, "epci_questionnaire_total": 14},
    ],
)
def test_invalid_facts(bad):
    with pytest.raises(ValueError):
        facts(**bad)


@given(snapshot=snapshot_facts(), peers=peer_stats)
def test_bounds_and_lines_add_up(snapshot, peers):
    score = propose_score(snapshot, peers)
    assert 1 <= score.arobases <= 5
    assert 0 <= score.points <= 100
    assert score.points == pytest.approx(sum(line.points for line in score.lines), abs=1e-6)
    assert score.max_points == pytest.approx(100)
    for line in score.lines:
        assert 0 <= line.points <= line.max_points + 1e-9


MONOTONE_FIELDS = {
    "services_covered": "service_count",
    "enjeux_covered": "enjeu_count",
    "eligible_actions": None,
    "actions_with_results": "eligible_actions",
    "actions_with_places": "eligible_actions",
    "actions_with_actors": "eligible_actions",
    "actions_with_images": "eligible_actions",
}


@given(
    snapshot=snapshot_facts(),
    peers=peer_stats,
    field=st.sampled_from(
        [
            "services_covered",
            "enjeux_covered",
            "actions_with_results",
            "actions_with_places",
            "actions_with_actors",
            "actions_with_images",
        ]
    ),
)
def test_more_covered_never_lowers_the_score(snapshot, peers, field):
    limit = getattr(snapshot, MONOTONE_FIELDS[field])
    assume(getattr(snapshot, field) < limit)
    more = dataclasses.replace(snapshot, **{field: getattr(snapshot, field) + 1})
    before, after = propose_score(snapshot, peers), propose_score(more, peers)
    assert after.points >= before.points - 1e-9
    assert after.arobases >= before.arobases


@given(snapshot=snapshot_facts(), peers=peer_stats)
def test_more_services_covered_never_lowers_the_score(snapshot, peers):
    assume(snapshot.services_covered < snapshot.service_count)
    more = dataclasses.replace(snapshot, services_covered=snapshot.services_covered + 1)
    assert propose_score(more, peers).points >= propose_score(snapshot, peers).points - 1e-9


@given(snapshot=snapshot_facts(), peers=peer_stats)
def test_more_questionnaire_yes_never_lowers_the_score(snapshot, peers):
    assume(snapshot.has_questionnaire and snapshot.epci_questionnaire_yes < snapshot.epci_questionnaire_total)
    more = dataclasses.replace(snapshot, epci_questionnaire_yes=snapshot.epci_questionnaire_yes + 1)
    assert propose_score(more, peers).points >= propose_score(snapshot, peers).points - 1e-9


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (0, "0-999"),
        (999, "0-999"),
        (1_000, "1000-3499"),
        (3_499, "1000-3499"),
        (3_500, "3500-9999"),
        (9_999, "3500-9999"),
        (10_000, "10000-49999"),
        (49_999, "10000-49999"),
        (50_000, "50000-99999"),
        (99_999, "50000-99999"),
        (100_000, "100000+"),
        (2_100_000, "100000+"),
        (None, UNKNOWN_BAND),
    ],
)
def test_population_band_boundaries(population, band):
    assert population_band(population) == band


def test_population_bands_are_contiguous_and_negative_rejected():
    for (_, _, high, _), (_, low, _, _) in zip(POPULATION_BANDS, POPULATION_BANDS[1:], strict=False):
        assert low == high + 1
    assert POPULATION_BANDS[0][1] == 0 and POPULATION_BANDS[-1][2] is None
    with pytest.raises(ValueError):
        population_band(-1)


def test_thresholds():
    assert [arobases_for_points(points) for points in (0, 14.99, 15, 35, 55, 74.99, 75, 100)] == [
        1,
        1,
        2,
        3,
        4,
        4,
        5,
        5,
    ]
    assert [level for _, level in AROBASE_THRESHOLDS] == [5, 4, 3, 2, 1]


def test_compute_peer_stats():
    snapshots = [facts(population=12_000, services_covered=value, eligible_actions=value * 2) for value in (10, 30, 50)]
    snapshots.append(facts(population=500, services_covered=5, eligible_actions=5))
    stats = compute_peer_stats("10000-49999", snapshots)
    assert (stats.candidacy_count, stats.median_services_covered, stats.median_eligible_actions) == (3, 30, 60)
    assert compute_peer_stats("100000+", snapshots).candidacy_count == 0


def test_clamp_to_range():
    assert clamp_to_range(5, AllowedRange(1, 4, ())) == 4
    assert clamp_to_range(2, AllowedRange(4, 5, ())) == 4
    assert clamp_to_range(3, AllowedRange(1, 4, ())) == 3


def test_methodology_text():
    assert "il ne décide jamais" in METHODOLOGY_FR
    assert "de 1 000 à 3 499 habitants" in METHODOLOGY_FR
    assert "(100 points)" not in METHODOLOGY_FR
    assert "25 points" in METHODOLOGY_FR  # the constants are the text's numbers
