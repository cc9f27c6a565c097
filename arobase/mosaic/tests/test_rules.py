"""The mosaïque rules: exhaustive cases on small trees, the 2019 edition, and property tests."""

import dataclasses
import itertools
import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arobase.mosaic.rules import (
    EditionTree,
    EnjeuNode,
    ServiceNode,
    ThemeNode,
    compute_mosaic,
    coverage_of,
    is_weak,
    mosaic_for_edition,
)

REFERENTIAL_2019 = Path(__file__).resolve().parents[3] / "data" / "referential" / "2019.json"


def _edition_2019() -> EditionTree:
    return EditionTree.from_dict(json.loads(REFERENTIAL_2019.read_text(encoding="utf-8")))


def _tree(shape: list[list[int]]) -> tuple[ThemeNode, ...]:
    """A tree from a shape: one list per theme, one number of services per enjeu."""
    themes = []
    for t, enjeux in enumerate(shape, start=1):
        enjeu_nodes = []
        for e, size in enumerate(enjeux, start=1):
            services = tuple(
                ServiceNode(code=f"T{t}E{e}S{s:02d}", label=f"Service {t}.{e}.{s}") for s in range(1, size + 1)
            )
            enjeu_nodes.append(EnjeuNode(code=f"T{t}E{e}", label=f"Enjeu {t}.{e}", question="?", services=services))
        themes.append(ThemeNode(code=f"T{t}", label=f"Thème {t}", enjeux=tuple(enjeu_nodes)))
    return tuple(themes)


def _codes(themes) -> list[str]:
    return [service.code for theme in themes for enjeu in theme.enjeux for service in enjeu.services]


# ---------------------------------------------------------------------------------------------- the weak rule


@pytest.mark.parametrize(
    ("lit", "total", "weak"),
    [
        (0, 1, True),
        (1, 1, False),
        (0, 2, True),
        (1, 2, False),
        (0, 3, True),
        (1, 3, False),  # exactly one third is not weak
        (1, 4, True),
        (2, 6, False),
        (1, 6, True),
        (3, 11, True),
        (4, 11, False),
        (3, 9, False),
        (2, 9, True),
        (0, 0, False),  # an enjeu without services is never weak
    ],
)
def test_weak_rule_table(lit, total, weak):
    assert is_weak(lit, total) is weak


def test_weak_rule_exhaustive_small_sizes():
    for total in range(20):
        for lit in range(total + 1):
            assert is_weak(lit, total) == (total > 0 and 3 * lit < total)
            if total and lit == 0:
                assert is_weak(lit, total)


def test_coverage_of():
    assert coverage_of(0, 0) == 0
    assert coverage_of(1, 3) == Fraction(1, 3)
    assert coverage_of(3, 3) == 1
    for lit, total in [(-1, 3), (4, 3), (0, -1)]:
        with pytest.raises(ValueError):
            coverage_of(lit, total)


# ---------------------------------------------------------------------------------- exhaustive on a small tree

SMALL = _tree([[3, 1], [2]])  # 6 services: T1E1 has 3, T1E2 has 1, T2E1 has 2


def test_every_subset_of_lit_services_on_a_small_tree():
    codes = _codes(SMALL)
    for pattern in itertools.product([0, 1, 2], repeat=len(codes)):
        counts = dict(zip(codes, pattern, strict=True))
        mosaic = compute_mosaic(SMALL, counts, year=2019, territory="01001")
        lit = {code for code, n in counts.items() if n >= 1}
        assert mosaic.lit_codes == lit
        assert [s.eligible_actions for s in mosaic.services()] == list(pattern)
        assert mosaic.lit_count == len(lit)
        assert mosaic.coverage_fraction == Fraction(len(lit), len(codes))
        for theme in mosaic.themes:
            theme_codes = [s.code for s in theme.services]
            assert theme.coverage_fraction == Fraction(len(lit & set(theme_codes)), len(theme_codes))
            for enjeu in theme.enjeux:
                enjeu_lit = sum(1 for s in enjeu.services if s.code in lit)
                assert enjeu.lit_count == enjeu_lit
                assert enjeu.coverage_label == f"{enjeu_lit}/{len(enjeu.services)}"
                assert enjeu.weak == (3 * enjeu_lit < len(enjeu.services))
        assert {e.code for e in mosaic.weak_enjeux} == {e.code for e in mosaic.enjeux() if e.weak}
        assert mosaic.ignored_codes == ()


def test_weak_enjeux_are_sorted_weakest_first():
    themes = _tree([[3, 6, 4, 3], [6]])
    counts = {
        "T1E1S01": 1,  # T1E1 1/3: not weak
        "T1E2S01": 1,  # T1E2 1/6: weak
        # T1E3 0/4: weak, 4 unlit
        # T1E4 0/3: weak, 3 unlit
        # T2E1 0/6: weak, 6 unlit
    }
    mosaic = compute_mosaic(themes, counts, year=2019, territory="01001")
    assert [e.code for e in mosaic.weak_enjeux] == ["T2E1", "T1E3", "T1E4", "T1E2"]


def test_ties_keep_the_tree_order():
    themes = _tree([[3, 3], [3]])
    mosaic = compute_mosaic(themes, {}, year=2019, territory="01001")
    assert [e.code for e in mosaic.weak_enjeux] == ["T1E1", "T1E2", "T2E1"]


def test_to_dict_has_the_api_shape():
    counts = {"T1E1S01": 2, "T1E1S03": 1, "T2E1S02": 5}
    data = compute_mosaic(SMALL, counts, year=2020, territory="200054781").to_dict()
    assert data == {
        "year": 2020,
        "territory": "200054781",
        "themes": [
            {
                "code": "T1",
                "label": "Thème 1",
                "coverage": 0.5,
                "enjeux": [
                    {
                        "code": "T1E1",
                        "label": "Enjeu 1.1",
                        "coverage": 0.667,
                        "services": [
                            {"code": "T1E1S01", "label": "Service 1.1.1", "lit": True, "eligible_actions": 2},
                            {"code": "T1E1S02", "label": "Service 1.1.2", "lit": False, "eligible_actions": 0},
                            {"code": "T1E1S03", "label": "Service 1.1.3", "lit": True, "eligible_actions": 1},
                        ],
                    },
                    {
                        "code": "T1E2",
                        "label": "Enjeu 1.2",
                        "coverage": 0.0,
                        "services": [
                            {"code": "T1E2S01", "label": "Service 1.2.1", "lit": False, "eligible_actions": 0},
                        ],
                    },
                ],
            },
            {
                "code": "T2",
                "label": "Thème 2",
                "coverage": 0.5,
                "enjeux": [
                    {
                        "code": "T2E1",
                        "label": "Enjeu 2.1",
                        "coverage": 0.5,
                        "services": [
                            {"code": "T2E1S01", "label": "Service 2.1.1", "lit": False, "eligible_actions": 0},
                            {"code": "T2E1S02", "label": "Service 2.1.2", "lit": True, "eligible_actions": 5},
                        ],
                    },
                ],
            },
        ],
    }
    json.dumps(data)  # serialisable as is


def test_unknown_codes_are_ignored_and_reported():
    counts = {"T1E1S01": 1, "T9E9S99": 4, "T1E1S00": 0, "AAA": 2}
    mosaic = compute_mosaic(SMALL, counts, year=2019, territory="01001")
    assert mosaic.ignored_codes == ("AAA", "T1E1S00", "T9E9S99")
    assert mosaic.lit_codes == {"T1E1S01"}
    assert sum(s.eligible_actions for s in mosaic.services()) == 1


def test_empty_tree():
    mosaic = compute_mosaic((), {"T1E1S01": 1}, year=2019, territory="01001")
    assert mosaic.themes == ()
    assert mosaic.coverage == 0.0
    assert mosaic.coverage_label == "0/0"
    assert mosaic.weak_enjeux == ()
    assert mosaic.ignored_codes == ("T1E1S01",)


def test_enjeu_without_services_is_not_weak():
    themes = (ThemeNode("T1", "Thème", (EnjeuNode("T1E1", "Vide", "?", ()),)),)
    mosaic = compute_mosaic(themes, {}, year=2019, territory="01001")
    enjeu = mosaic.enjeu("T1E1")
    assert (enjeu.coverage, enjeu.coverage_label, enjeu.weak) == (0.0, "0/0", False)
    assert mosaic.themes[0].coverage == 0.0


@pytest.mark.parametrize("bad", [-1, 1.5, "2", None, True])
def test_bad_counts_are_refused(bad):
    with pytest.raises((TypeError, ValueError)):
        compute_mosaic(SMALL, {"T1E1S01": bad}, year=2019, territory="01001")


def test_cells_are_frozen():
    mosaic = compute_mosaic(SMALL, {}, year=2019, territory="01001")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mosaic.year = 2020  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        mosaic.themes[0].enjeux[0].services[0].eligible_actions = 3  # type: ignore[misc]


def test_lookups_and_display_helpers():
    mosaic = compute_mosaic(SMALL, {"T1E1S02": 1}, year=2019, territory="01001")
    assert mosaic.service("T1E1S02").lit
    assert mosaic.enjeu("T1E1").coverage_percent == 33
    assert [s.code for s in mosaic.enjeu("T1E1").unlit_services] == ["T1E1S01", "T1E1S03"]
    assert mosaic.enjeu("T1E1").theme_code == "T1"
    with pytest.raises(KeyError):
        mosaic.service("T9E9S99")
    with pytest.raises(KeyError):
        mosaic.enjeu("T9E9")


# ------------------------------------------------------------------------------------------- the 2019 edition


def test_2019_edition_empty_counts():
    edition = _edition_2019()
    mosaic = mosaic_for_edition(edition, {}, territory="75056")
    assert mosaic.year == 2019
    assert len(mosaic.themes) == 4
    assert len(list(mosaic.enjeux())) == 16
    assert mosaic.service_count == 138
    assert mosaic.lit_count == 0
    assert len(mosaic.weak_enjeux) == 16
    assert mosaic.coverage_label == "0/138"


def test_2019_edition_all_lit():
    edition = _edition_2019()
    counts = {service.code: 1 for _enjeu, service in edition.services()}
    mosaic = mosaic_for_edition(edition, counts, territory="75056")
    assert mosaic.coverage == 1.0
    assert mosaic.weak_enjeux == ()
    assert all(theme.coverage == 1.0 for theme in mosaic.themes)
    assert mosaic.ignored_codes == ()


def test_2019_edition_keeps_tree_order_and_labels():
    edition = _edition_2019()
    mosaic = mosaic_for_edition(edition, {}, territory="75056")
    assert [s.code for s in mosaic.services()] == [s.code for _e, s in edition.services()]
    assert [s.label for s in mosaic.services()] == [s.label for _e, s in edition.services()]
    assert [e.question for e in mosaic.enjeux()] == [e.question for _t, e in edition.enjeux()]


# ------------------------------------------------------------------------------------------ property tests

shapes = st.lists(st.lists(st.integers(min_value=0, max_value=8), min_size=0, max_size=5), min_size=0, max_size=5)


@st.composite
def trees_and_counts(draw):
    themes = _tree(draw(shapes))
    codes = _codes(themes)
    known = draw(st.dictionaries(st.sampled_from(codes), st.integers(0, 50))) if codes else {}
    unknown = draw(
        st.dictionaries(
            st.from_regex(r"X[0-9]{1,4}", fullmatch=True) | st.sampled_from(["T9E1S01", "T1E1S99", ""]),
            st.integers(0, 50),
            max_size=4,
        )
    )
    counts = {**unknown, **known}
    return themes, counts, known, unknown


@settings(max_examples=300, deadline=None)
@given(trees_and_counts())
def test_properties(data):
    themes, counts, known, unknown = data
    mosaic = compute_mosaic(themes, counts, year=2019, territory="01001")
    codes = _codes(themes)

    # order of the tree preserved, every service present once per occurrence
    assert [s.code for s in mosaic.services()] == codes
    assert [t.code for t in mosaic.themes] == [t.code for t in themes]
    assert [e.code for e in mosaic.enjeux()] == [e.code for t in themes for e in t.enjeux]

    # lit iff count >= 1; counts passed through; unknown codes ignored and reported
    for service in mosaic.services():
        assert service.eligible_actions == known.get(service.code, 0)
        assert service.lit == (known.get(service.code, 0) >= 1)
    assert set(mosaic.ignored_codes) == set(unknown) - set(codes)
    assert list(mosaic.ignored_codes) == sorted(mosaic.ignored_codes)

    # coverage in [0, 1], exact at every level
    cells = [mosaic, *mosaic.themes, *mosaic.enjeux()]
    for cell in cells:
        assert 0 <= cell.coverage_fraction <= 1
        assert 0.0 <= cell.coverage <= 1.0
        assert cell.coverage == round(float(cell.coverage_fraction), 3)
        lit, total = (int(x) for x in cell.coverage_label.split("/"))
        assert (lit, total) == (cell.lit_count, cell.service_count)
    for theme in mosaic.themes:
        services = theme.services
        lit = sum(1 for s in services if s.lit)
        assert theme.coverage_fraction == (Fraction(lit, len(services)) if services else 0)
    assert mosaic.lit_count == sum(1 for s in mosaic.services() if s.lit)

    # weak enjeux: exactly those matching the rule, weakest first
    weak = mosaic.weak_enjeux
    assert {e.code for e in weak} == {
        e.code for e in mosaic.enjeux() if e.services and 3 * e.lit_count < len(e.services)
    }
    keys = [(e.coverage_fraction, -e.unlit_count) for e in weak]
    assert keys == sorted(keys)

    # the dict is the same tree
    data = mosaic.to_dict()
    assert [s["code"] for t in data["themes"] for e in t["enjeux"] for s in e["services"]] == codes
    json.dumps(data)


@settings(max_examples=100, deadline=None)
@given(shapes)
def test_empty_counts_light_nothing_and_every_enjeu_is_weak(shape):
    themes = _tree(shape)
    mosaic = compute_mosaic(themes, {}, year=2019, territory="01001")
    assert not any(s.lit for s in mosaic.services())
    assert mosaic.coverage == 0.0
    assert {e.code for e in mosaic.weak_enjeux} == {e.code for e in mosaic.enjeux() if e.services}


@settings(max_examples=100, deadline=None)
@given(shapes, st.integers(min_value=1, max_value=1000))
def test_all_lit_means_no_weak_enjeu(shape, n):
    themes = _tree(shape)
    mosaic = compute_mosaic(themes, dict.fromkeys(_codes(themes), n), year=2019, territory="01001")
    assert mosaic.weak_enjeux == ()
    assert all(s.lit for s in mosaic.services())
    for cell in [*mosaic.themes, *mosaic.enjeux()]:
        assert cell.coverage == (1.0 if cell.service_count else 0.0)


@settings(max_examples=100, deadline=None)
@given(trees_and_counts())
def test_lighting_a_service_never_lowers_coverage(data):
    themes, counts, _known, _unknown = data
    before = compute_mosaic(themes, counts, year=2019, territory="01001")
    unlit = [s.code for s in before.services() if not s.lit]
    if not unlit:
        return
    after = compute_mosaic(themes, {**counts, unlit[0]: 1}, year=2019, territory="01001")
    assert after.coverage_fraction > before.coverage_fraction
    assert len(after.weak_enjeux) <= len(before.weak_enjeux)
