"""Peers, similarity, side by side and gaps, checked against the mosaïques computed from the actions."""

import random
from fractions import Fraction

import pytest
from django.core.cache import cache

from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory
from arobase.mosaic.selectors import territory_mosaic
from arobase.mosaic.tests.factories import local
from arobase.peers import selectors
from arobase.peers.tests.factories import YEAR, lit
from arobase.territories.models import LabelCategory

pytestmark = pytest.mark.django_db


def add_village(world, *, code, name, population):
    """Another village of the compared village's département and stratum."""
    return type(world.village).objects.create(
        kind="commune",
        code=code,
        name=name,
        population=population,
        region=world.region,
        departement=world.departement,
        label_category=LabelCategory.VILLAGE,
    )


def expected_examples(world, peers, service):
    """A ranking of every peer's own eligible action lighting `service`: same département first, newest first."""
    eligible = Action.objects.eligible_for(YEAR).filter(owner_id__in=peers, services__code=service)
    ranked = sorted(
        set(eligible),
        key=lambda action: (
            peers[action.owner_id].departement_id != world.departement.pk,
            -action.last_activity_at.timestamp(),
            -action.pk,
        ),
    )
    return [action.pk for action in ranked[: selectors.EXAMPLES_PER_GAP]]


def test_relaxation_widens_strata_then_region_until_fifteen_peers(world):
    peer_set = selectors.find_peers(territory=world.village, year=YEAR)
    assert peer_set.criteria.relaxed == ("strata", "region")
    assert peer_set.criteria.category == LabelCategory.VILLAGE
    assert (peer_set.criteria.population_min, peer_set.criteria.population_max) == (1_000, 4_999)
    peers = {row.territory for row in peer_set.rows}
    assert peers == set(world.same + world.neighbours + world.elsewhere)
    assert world.village not in peers and world.inactive not in peers and world.ville not in peers
    assert "toutes les régions" in peer_set.relaxation


def test_strict_criteria_are_kept_when_enough_peers(world, services):
    for index in range(10):
        extra = add_village(world, code=f"80{900 + index}", name=f"Voisin {index}", population=2_100)
        lit(extra, services, ["T1E1S02"])
    peer_set = selectors.find_peers(territory=world.village, year=YEAR)
    assert peer_set.criteria.relaxed == ()
    assert peer_set.count == 15
    assert (peer_set.criteria.population_min, peer_set.criteria.population_max) == (2_000, 3_499)


def test_overrides_replace_criteria_without_relaxation(world):
    peer_set = selectors.find_peers(
        territory=world.village,
        year=YEAR,
        overrides=selectors.Overrides(population_min=2_000, population_max=3_499, category="toutes"),
    )
    assert peer_set.criteria.relaxed == ()
    assert {row.territory for row in peer_set.rows} == set(world.same) | {world.ville}
    with pytest.raises(selectors.InvalidCriteria):
        selectors.find_peers(
            territory=world.village, year=YEAR, overrides=selectors.Overrides(population_min=5, population_max=1)
        )
    with pytest.raises(selectors.InvalidCriteria):
        selectors.find_peers(territory=world.village, year=YEAR, overrides=selectors.Overrides(region="99"))


def test_similar_collectivites_by_jaccard(world):
    similar = selectors.similar_collectivites(territory=world.village, year=YEAR)
    # The neighbours light {T1E1S01, T1E1S02}: 1/2; nobody else shares T1E1S01.
    assert {item.territory for item in similar} == set(world.neighbours)
    assert all(item.similarity == Fraction(1, 2) for item in similar)


def test_compare_gives_median_and_percentile(world):
    comparison = selectors.compare(peer_set=selectors.find_peers(territory=world.village, year=YEAR))
    enjeu = next(item for item in comparison.enjeux if item.code == "T1E1")
    assert enjeu.lit_here == 1
    assert comparison.eligible_actions == 1


def test_gaps_match_the_mosaics_of_the_peers(world):
    peer_set = selectors.find_peers(territory=world.village, year=YEAR)
    report = selectors.gaps(peer_set=peer_set)
    peers = [row.territory for row in peer_set.rows]
    mosaics = {peer.pk: territory_mosaic(territory=peer, year=YEAR).lit_codes for peer in peers}
    mine = territory_mosaic(territory=world.village, year=YEAR).lit_codes
    assert report.results
    for gap in report.results:
        assert gap.service not in mine
        assert gap.peer_share == Fraction(sum(gap.service in lit for lit in mosaics.values()), len(peers))
        assert gap.peer_share >= Fraction(3, 10)
        for action_id in gap.examples:
            action = selectors.example_actions([action_id])[action_id]
            assert action.owner_id in mosaics
    # 11 of 16 peers light T1E1S02; T2E1S01 (3 of 16) and T3E2S01 (5 of 16, 31 %) follow the threshold.
    assert [gap.service for gap in report.results] == ["T1E1S02", "T3E2S01"]
    # Examples: same département first.
    first = selectors.example_actions(list(report.results[0].examples))
    assert [first[pk].owner.departement_id for pk in report.results[0].examples][0] == world.departement.pk


def test_examples_are_the_first_three_by_departement_then_activity(world, services):
    # More peers' actions lighting T1E1S02 than examples: three in the village's département, newer elsewhere.
    for year, peer in [(2024, world.same[1]), (2025, world.same[0]), (2025, world.same[2])]:
        lit(peer, services, ["T1E1S02"], year=year)
    peer_set = selectors.find_peers(territory=world.village, year=YEAR)
    peers = {row.territory.pk: row.territory for row in peer_set.rows}
    report = selectors.gaps(peer_set=peer_set)
    gap = next(gap for gap in report.results if gap.service == "T1E1S02")
    assert list(gap.examples) == expected_examples(world, peers, "T1E1S02")
    assert len(set(gap.examples)) == selectors.EXAMPLES_PER_GAP


@pytest.mark.parametrize(("seed", "actions"), [(0, 0), (1, 40), (2, 40), (3, 12), (4, 12), (5, 8)])
def test_examples_equal_a_ranking_of_every_peers_action(world, services, seed, actions):
    """Many actions over the peers, some at the same moment, some shared with a peer that does not own them: the
    examples are exactly the first three of a ranking of all the peers' own eligible actions."""
    chance = random.Random(seed)
    peers_pool = [*world.same, *world.neighbours, *world.elsewhere]
    codes = ["T1E1S02", "T2E1S01", "T3E2S01", "T4E1S01"]
    moments = [local(2025, month) for month in (1, 3, 3, 8)] + [local(2024, 5), local(2021, 2)]
    for _ in range(actions):
        owner = chance.choice(peers_pool)
        ActionFactory(
            owner=owner,
            published=chance.random() > 0.1,
            last_activity_at=chance.choice(moments),
            services=[services[code] for code in chance.sample(codes, chance.randint(1, 2))],
            shared_with=[chance.choice(peers_pool)] if chance.random() < 0.2 else [],
        )
    peer_set = selectors.find_peers(territory=world.village, year=YEAR)
    peers = {row.territory.pk: row.territory for row in peer_set.rows}
    report = selectors.gaps(peer_set=peer_set)
    assert report.results
    for gap in report.results:
        assert list(gap.examples) == expected_examples(world, peers, gap.service), gap.service


@pytest.mark.parametrize("extra_peers", [0, 12])
def test_peers_and_gaps_run_a_fixed_number_of_queries(world, services, extra_peers, django_assert_num_queries):
    for index in range(extra_peers):
        peer = add_village(world, code=f"80{800 + index}", name=f"Pair {index}", population=2_200)
        lit(peer, services, ["T1E1S02", "T4E1S01"])
    selectors.find_peers(territory=world.ville, year=YEAR)  # builds the coverage of the year once
    cache.clear()
    # The edition and its coverage (2), the relaxation's counts (1), the peers' ids (1).
    with django_assert_num_queries(4):
        peer_set = selectors.find_peers(territory=world.village, year=YEAR)
        assert peer_set.count >= 15
    # The actions version, the edition's services, the lighting, the national shares (2), the examples (2: the
    # peers of the same département, the newest of all).
    with django_assert_num_queries(7):
        report = selectors.gaps(peer_set=peer_set)
    assert report.results
    # Asked again: the version, then the cached report.
    with django_assert_num_queries(1):
        assert selectors.gaps(peer_set=peer_set).results == report.results
