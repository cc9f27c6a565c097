"""Peers, similarity, side by side and gaps, checked against the mosaïques computed from the actions."""

from fractions import Fraction

import pytest

from arobase.mosaic.selectors import territory_mosaic
from arobase.peers import selectors
from arobase.peers.tests.factories import YEAR, lit
from arobase.territories.models import LabelCategory

pytestmark = pytest.mark.django_db


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
        extra = type(world.village).objects.create(
            kind="commune",
            code=f"80{900 + index}",
            name=f"Voisin {index}",
            population=2_100,
            region=world.region,
            departement=world.departement,
            label_category=LabelCategory.VILLAGE,
        )
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
