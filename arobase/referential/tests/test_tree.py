"""The diff between two editions, a pure function over plain snapshots."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from arobase.referential.tree import (
    EditionTree,
    EnjeuChange,
    EnjeuNode,
    Moved,
    Renamed,
    ServiceNode,
    ThemeNode,
    diff_trees,
)

texts = st.text(alphabet="abcdéèà ' -", min_size=1, max_size=12)


@st.composite
def trees(draw, year: int = 2019) -> EditionTree:
    """Random editions with codes unique per kind, as in the data files."""
    themes = []
    service_number = 0
    for t in range(1, draw(st.integers(min_value=1, max_value=4)) + 1):
        enjeux = []
        for e in range(1, draw(st.integers(min_value=1, max_value=4)) + 1):
            services = []
            for _s in range(draw(st.integers(min_value=0, max_value=5))):
                service_number += 1
                services.append(ServiceNode(code=f"S{service_number:03d}", label=draw(texts)))
            enjeux.append(
                EnjeuNode(code=f"T{t}E{e}", label=draw(texts), question=draw(texts), services=tuple(services))
            )
        themes.append(ThemeNode(code=f"T{t}", label=draw(texts), enjeux=tuple(enjeux)))
    return EditionTree(year=year, themes=tuple(themes))


def edit_service(tree: EditionTree, code: str, **changes) -> EditionTree:
    return EditionTree.from_dict(
        {
            **tree.as_dict(),
            "themes": [
                {
                    **theme,
                    "enjeux": [
                        {
                            **enjeu,
                            "services": [
                                service | changes if service["code"] == code else service
                                for service in enjeu["services"]
                            ],
                        }
                        for enjeu in theme["enjeux"]
                    ],
                }
                for theme in tree.as_dict()["themes"]
            ],
        }
    )


def service_codes(tree: EditionTree) -> list[str]:
    return [service.code for _enjeu, service in tree.services()]


@given(trees())
def test_diff_with_itself_is_empty(tree):
    diff = diff_trees(tree, tree)
    assert diff.is_empty
    assert (diff.old_year, diff.new_year) == (tree.year, tree.year)


@given(trees())
def test_dict_round_trip(tree):
    assert EditionTree.from_dict(tree.as_dict()) == tree


@given(trees(), st.data())
def test_copy_with_one_renamed_service(tree, data):
    codes = service_codes(tree)
    if not codes:
        return
    code = data.draw(st.sampled_from(codes))
    old_label = next(s.label for _e, s in tree.services() if s.code == code)
    new_label = old_label + " (révisé)"
    copy = replace(edit_service(tree, code, label=new_label), year=tree.year + 1)
    assert diff_trees(tree, copy) == replace(
        diff_trees(tree, tree), new_year=tree.year + 1, renamed=(Renamed(code=code, old=old_label, new=new_label),)
    )


@given(trees(), st.data())
def test_one_moved_service(tree, data):
    enjeux = [enjeu for _theme, enjeu in tree.enjeux()]
    candidates = [(e, s) for e in enjeux for s in e.services]
    if len(enjeux) < 2 or not candidates:
        return
    source, service = data.draw(st.sampled_from(candidates))
    target = data.draw(st.sampled_from([e for e in enjeux if e.code != source.code]))
    moved = EditionTree(
        year=tree.year,
        themes=tuple(
            replace(
                theme,
                enjeux=tuple(
                    replace(e, services=tuple(s for s in e.services if s.code != service.code))
                    if e.code == source.code
                    else replace(e, services=(*e.services, service))
                    if e.code == target.code
                    else e
                    for e in theme.enjeux
                ),
            )
            for theme in tree.themes
        ),
    )
    diff = diff_trees(tree, moved)
    assert diff.moved == (Moved(code=service.code, old_enjeu=source.code, new_enjeu=target.code),)
    assert replace(diff, moved=()).is_empty


@given(trees(), trees(year=2020))
def test_added_and_removed_are_the_code_differences(old, new):
    diff = diff_trees(old, new)
    old_codes, new_codes = service_codes(old), service_codes(new)
    assert [s.code for s in diff.added] == [c for c in new_codes if c not in old_codes]
    assert [s.code for s in diff.removed] == [c for c in old_codes if c not in new_codes]
    common = set(old_codes) & set(new_codes)
    assert {r.code for r in diff.renamed} <= common
    assert {m.code for m in diff.moved} <= common


@given(trees(), trees(year=2020))
def test_diff_is_antisymmetric(old, new):
    forward, backward = diff_trees(old, new), diff_trees(new, old)
    assert forward.added == backward.removed
    assert forward.removed == backward.added
    assert {(r.code, r.old, r.new) for r in forward.renamed} == {(r.code, r.new, r.old) for r in backward.renamed}
    assert {(m.code, m.old_enjeu, m.new_enjeu) for m in forward.moved} == {
        (m.code, m.new_enjeu, m.old_enjeu) for m in backward.moved
    }
    assert set(forward.enjeux_added) == set(backward.enjeux_removed)
    assert {(c.code, c.field) for c in forward.enjeux_changed} == {(c.code, c.field) for c in backward.enjeux_changed}
    assert forward.is_empty == backward.is_empty


def small_tree() -> EditionTree:
    return EditionTree(
        year=2019,
        themes=(
            ThemeNode(
                code="T1",
                label="Démocratie",
                enjeux=(
                    EnjeuNode(
                        code="T1E1",
                        label="Identité",
                        question="Comment ?",
                        services=(ServiceNode("A", "Service A"), ServiceNode("B", "Service B")),
                    ),
                    EnjeuNode(code="T1E2", label="Vie associative", question="Pourquoi ?", services=()),
                ),
            ),
        ),
    )


def test_every_kind_of_change_at_once():
    old = small_tree()
    new = EditionTree(
        year=2020,
        themes=(
            ThemeNode(
                code="T1",
                label="Démocratie (renommé : non suivi)",
                enjeux=(
                    EnjeuNode(
                        code="T1E1",
                        label="Identité et droits",
                        question="Comment ?",
                        services=(ServiceNode("C", "Service C"),),
                    ),
                    EnjeuNode(
                        code="T1E3",
                        label="Nouveau",
                        question="Quoi ?",
                        services=(ServiceNode("B", "Service B bis"),),
                    ),
                ),
            ),
        ),
    )
    diff = diff_trees(old, new)
    assert diff.added == (ServiceNode("C", "Service C"),)
    assert diff.removed == (ServiceNode("A", "Service A"),)
    assert diff.renamed == (Renamed("B", "Service B", "Service B bis"),)
    assert diff.moved == (Moved("B", "T1E1", "T1E3"),)
    assert diff.enjeux_added == ("T1E3",)
    assert diff.enjeux_removed == ("T1E2",)
    assert diff.enjeux_changed == (EnjeuChange("T1E1", "label", "Identité", "Identité et droits"),)
    assert not diff.is_empty


def test_question_change_only():
    old = small_tree()
    theme = old.themes[0]
    new = replace(old, themes=(replace(theme, enjeux=(replace(theme.enjeux[0], question="Autre ?"), theme.enjeux[1])),))
    diff = diff_trees(old, new)
    assert diff.enjeux_changed == (EnjeuChange("T1E1", "question", "Comment ?", "Autre ?"),)
    assert replace(diff, enjeux_changed=()).is_empty
