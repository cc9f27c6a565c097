from hypothesis import given
from hypothesis import strategies as st

from arobase.notifications import rules
from arobase.notifications.rules import DIGEST_KIND, KINDS, Delivery

kinds = st.sampled_from(sorted(KINDS))
delivery_values = st.sampled_from(sorted(Delivery.VALUES))
choices = st.dictionaries(kinds, st.one_of(delivery_values, st.text(max_size=5)))


@given(choices)
def test_every_kind_gets_a_valid_delivery(chosen):
    result = rules.deliveries(chosen)
    assert list(result) == list(KINDS)
    assert set(result.values()) <= Delivery.VALUES


@given(choices, kinds)
def test_a_valid_choice_wins_over_the_default_for_kinds_emailed_here(chosen, kind):
    delivery = rules.delivery_for(kind, chosen)
    if not KINDS[kind].emailed_here:
        assert delivery == Delivery.NONE
    elif chosen.get(kind) in Delivery.VALUES:
        assert delivery == chosen[kind]
    else:
        assert delivery == KINDS[kind].default_delivery


@given(choices)
def test_the_digest_link_turns_off_exactly_the_digest_kinds(chosen):
    turned_off = rules.kinds_unsubscribed_by(DIGEST_KIND, chosen)
    assert turned_off == [k for k, d in rules.deliveries(chosen).items() if d == Delivery.DIGEST]


@given(choices, kinds)
def test_a_kind_link_turns_off_only_its_kind(chosen, kind):
    assert rules.kinds_unsubscribed_by(kind, chosen) == [kind]


@given(st.text(), choices)
def test_an_unknown_kind_turns_off_nothing(kind, chosen):
    if kind not in KINDS and kind != DIGEST_KIND:
        assert rules.kinds_unsubscribed_by(kind, chosen) == []


@given(st.lists(st.tuples(kinds, st.integers())))
def test_digest_sections_keep_every_item_grouped_in_the_order_of_kinds(items):
    sections = rules.digest_sections(items)
    labels = [label for label, _ in sections]
    assert labels == [KINDS[k].label for k in KINDS if any(kind == k for kind, _ in items)]
    assert sorted(item for _, group in sections for item in group) == sorted(item for _, item in items)
