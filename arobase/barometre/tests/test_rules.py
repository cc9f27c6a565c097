"""The pure rules of the baromètre, tested exhaustively: tallies, the small-cell rule (including recovery by
subtraction), map classes and bars."""

from hypothesis import given
from hypothesis import strategies as st

from arobase.barometre import rules
from arobase.barometre.rules import SMALL_CELL, CountedAction

counts_st = st.dictionaries(st.text(min_size=1, max_size=3), st.integers(min_value=0, max_value=40), max_size=12)


@given(counts_st, st.booleans())
def test_every_small_cell_is_hidden(counts, partition):
    hidden = rules.hidden_cells(counts, partition=partition)
    assert {key for key, count in counts.items() if count < SMALL_CELL} <= hidden
    if not partition:
        assert hidden == {key for key, count in counts.items() if count < SMALL_CELL}


@given(counts_st)
def test_a_hidden_cell_cannot_be_recovered_from_the_total(counts):
    hidden = rules.hidden_cells(counts, partition=True)
    total = sum(counts.values())
    recovered = total - sum(count for key, count in counts.items() if key not in hidden)
    if hidden != set(counts):
        # What subtraction gives is the sum of the hidden cells: nothing, or at least a full cell's worth.
        assert recovered == 0 or recovered >= SMALL_CELL
        # So no small non-zero cell is ever the only unknown.
        small = [key for key in hidden if 0 < counts[key] < SMALL_CELL]
        assert not (len(small) == 1 and recovered == counts[small[0]])
    else:
        # Everything hidden: only when the small cells could not be covered otherwise.
        assert any(0 < count < SMALL_CELL for count in counts.values()) or all(
            count < SMALL_CELL for count in counts.values()
        )


@given(counts_st)
def test_complementary_suppression_is_minimal(counts):
    hidden = rules.hidden_cells(counts, partition=True)
    secondary = [key for key in hidden if counts[key] >= SMALL_CELL]
    assert len(secondary) <= 1
    if secondary:
        shown = [counts[key] for key in counts if key not in hidden]
        assert all(counts[secondary[0]] <= value for value in shown)


def test_examples_of_the_small_cell_rule():
    assert rules.hidden_cells({"a": 3, "b": 10, "c": 7}, partition=True) == {"a", "c"}
    assert rules.hidden_cells({"a": 3, "b": 10, "c": 7}, partition=False) == {"a"}
    assert rules.hidden_cells({"a": 0, "b": 10}, partition=True) == {"a"}
    assert rules.hidden_cells({"a": 2, "b": 3, "c": 9}, partition=True) == {"a", "b"}
    assert rules.shown_or_none(4) is None and rules.shown_or_none(5) == 5


actions_st = st.lists(
    st.builds(
        CountedAction,
        action_id=st.integers(),
        territories=st.frozensets(st.integers(min_value=1, max_value=8), min_size=1, max_size=3),
        services=st.frozensets(st.sampled_from(["s1", "s2", "s3", "s4", "gone"]), max_size=3),
    ),
    max_size=25,
    unique_by=lambda action: action.action_id,
)
ENJEU_OF = {"s1": "e1", "s2": "e1", "s3": "e2", "s4": "e2"}


@given(actions_st)
def test_service_tallies_count_each_action_once_per_group(actions):
    by_service = rules.tally_by_service_group(actions, {code: code for code in ENJEU_OF})
    by_enjeu = rules.tally_by_service_group(actions, ENJEU_OF)
    for code, cell in by_service.items():
        matching = [a for a in actions if code in a.services]
        assert cell.actions == len(matching)
        assert cell.collectivites == len(set().union(*(a.territories for a in matching)))
    for enjeu, cell in by_enjeu.items():
        members = [code for code, parent in ENJEU_OF.items() if parent == enjeu]
        assert max(by_service[c].actions for c in members if c in by_service) <= cell.actions
        assert cell.actions <= sum(by_service[c].actions for c in members if c in by_service)
    assert "gone" not in by_service


@given(actions_st, st.dictionaries(st.integers(min_value=1, max_value=8), st.sampled_from(["r1", "r2", None])))
def test_territory_tallies_and_total(actions, region_of):
    cells = rules.tally_by_territory_group(actions, region_of)
    total = rules.tally_total(actions)
    assert total.actions == len(actions)
    assert total.collectivites == len(set().union(set(), *(a.territories for a in actions)))
    for region, cell in cells.items():
        inside = {t for t, r in region_of.items() if r == region}
        assert cell.collectivites == len(inside & set().union(set(), *(a.territories for a in actions)))
        assert cell.actions == sum(1 for a in actions if a.territories & inside)
    # Collectivités partition into régions: the région cells never add up to more than the total.
    assert sum(cell.collectivites for cell in cells.values()) <= total.collectivites


@given(st.lists(st.integers(min_value=0, max_value=500), max_size=60))
def test_map_classes(values):
    bounds = rules.class_bounds(values)
    if not values:
        assert bounds == ()
        return
    assert bounds[0] == min(values)
    assert list(bounds) == sorted(set(bounds)) and len(bounds) <= rules.MAP_CLASSES
    for value in values:
        index = rules.class_of(value, bounds)
        assert bounds[index] <= value
        assert index + 1 == len(bounds) or value < bounds[index + 1]
    assert len(rules.class_labels(bounds)) == len(bounds)


def test_class_labels_are_french():
    assert rules.class_labels((5, 12, 40)) == ["de 5 à 11", "de 12 à 39", "40 et plus"]


@given(st.lists(st.tuples(st.text(max_size=5), st.one_of(st.none(), st.integers(0, 1000))), max_size=20))
def test_bars(rows):
    result = rules.bars(rows, width=300, row_height=20)
    assert [bar.y for bar in result] == [20 * index for index in range(len(rows))]
    assert all(0 <= bar.length <= 300 for bar in result)
    assert all(bar.length == 0 for bar in result if not bar.value)
    if any(value for _label, value in rows):
        assert max(bar.length for bar in result) == 300
