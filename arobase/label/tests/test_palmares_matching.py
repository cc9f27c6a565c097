"""Resolving palmarès rows without a code: tolerant, but never to a wrong collectivité."""

import random
import string
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arobase.label.palmares.matching import (
    Candidate,
    NameIndex,
    articleless_key,
    damerau_levenshtein,
    max_distance,
    name_key,
    normalize_departement,
    resolve,
)

LE_MANS = Candidate("72181", "Le Mans", "72", "commune")
SAINT_ETIENNE = Candidate("42218", "Saint-Étienne", "42", "commune")
VILLENEUVE = Candidate("59009", "Villeneuve-d'Ascq", "59", "commune")
ISLE_ADAM = Candidate("95313", "L'Isle-Adam", "95", "commune")
STE_FOY = Candidate("69202", "Sainte-Foy-lès-Lyon", "69", "commune")
MONTPELLIER = Candidate("34172", "Montpellier", "34", "commune")
CASTELNAU = Candidate("34057", "Castelnau-le-Lez", "34", "commune")
ORBAIS = Candidate("51417", "Orbais-l'Abbaye", "51", "commune")
BOURG = Candidate("01053", "Bourg-en-Bresse", "01", "commune")
# Two communes of the same name in the same département (invented for the test).
BEAULIEU_A = Candidate("99001", "Beaulieu", "99", "commune")
BEAULIEU_B = Candidate("99002", "Beaulieu", "99", "commune")
# Two names one typo apart from "Marmande" / "Marmende" (invented).
MARMANDE = Candidate("98001", "Marmande", "98", "commune")
MARMONDE = Candidate("98002", "Marmonde", "98", "commune")
# Same name in two départements.
VALENCE_26 = Candidate("26362", "Valence", "26", "commune")
VALENCE_82 = Candidate("82186", "Valence", "82", "commune")
SAINT_GERMAIN_AU_MONT_DOR = Candidate("69207", "Saint-Germain-au-Mont-d'Or", "69", "commune")

ALL = [
    LE_MANS,
    SAINT_ETIENNE,
    VILLENEUVE,
    ISLE_ADAM,
    STE_FOY,
    MONTPELLIER,
    CASTELNAU,
    ORBAIS,
    BOURG,
    BEAULIEU_A,
    BEAULIEU_B,
    MARMANDE,
    MARMONDE,
    VALENCE_26,
    VALENCE_82,
    SAINT_GERMAIN_AU_MONT_DOR,
]


@pytest.fixture(scope="module")
def index():
    return NameIndex.from_candidates(ALL)


def assert_resolved(index, name, departement, expected, method=None):
    resolution = index.resolve(name, departement)
    assert resolution.status == "resolved", (name, resolution)
    assert resolution.candidate == expected
    assert resolution.alternatives == ()
    if method:
        assert resolution.method == method


def test_exact(index):
    assert_resolved(index, "Montpellier", "34", MONTPELLIER, "exact")
    assert_resolved(index, "Bourg-en-Bresse", "01", BOURG, "exact")


def test_departement_forms(index):
    assert_resolved(index, "Bourg-en-Bresse", "1", BOURG)
    assert normalize_departement(" 2a ") == "2A"
    assert normalize_departement("") is None and normalize_departement(None) is None
    assert normalize_departement("971") == "971"


@pytest.mark.parametrize(
    ("name", "departement", "expected"),
    [
        ("Saint-Etienne", "42", SAINT_ETIENNE),
        ("SAINT ETIENNE", "42", SAINT_ETIENNE),
        ("saint-étienne", "42", SAINT_ETIENNE),
        ("Villeneuve d'Ascq", "59", VILLENEUVE),
        ("Villeneuve d’Ascq", "59", VILLENEUVE),
        ("Villeneuve-dAscq", "59", VILLENEUVE),
        ("VILLENEUVE D ASCQ", "59", VILLENEUVE),
        ("Castelnau le Lez", "34", CASTELNAU),
        ("Orbais l'Abbaye", "51", ORBAIS),
        ("Orbais-lAbbaye", "51", ORBAIS),
    ],
)
def test_accents_hyphens_apostrophes_case(index, name, departement, expected):
    assert_resolved(index, name, departement, expected, "exact")


@pytest.mark.parametrize(
    ("name", "departement", "expected"),
    [
        ("St-Étienne", "42", SAINT_ETIENNE),
        ("St Etienne", "42", SAINT_ETIENNE),
        ("ST-ETIENNE", "42", SAINT_ETIENNE),
        ("Ste-Foy-lès-Lyon", "69", STE_FOY),
        ("Ste Foy les Lyon", "69", STE_FOY),
        ("St-Germain-au-Mont-d'Or", "69", SAINT_GERMAIN_AU_MONT_DOR),
    ],
)
def test_saint_abbreviations(index, name, departement, expected):
    assert_resolved(index, name, departement, expected, "exact")


@pytest.mark.parametrize(
    ("name", "departement", "expected"),
    [
        ("Mans (Le)", "72", LE_MANS),
        ("Mans (le)", "72", LE_MANS),
        ("MANS (LE)", "72", LE_MANS),
        ("Mans, Le", "72", LE_MANS),
        ("Isle-Adam (L')", "95", ISLE_ADAM),
        ("Isle Adam (L’)", "95", ISLE_ADAM),
    ],
)
def test_article_moved(index, name, departement, expected):
    assert_resolved(index, name, departement, expected, "exact")


def test_article_missing(index):
    assert_resolved(index, "Mans", "72", LE_MANS, "article")


@pytest.mark.parametrize(
    ("name", "departement", "expected"),
    [
        ("Montpelier", "34", MONTPELLIER),  # deletion
        ("Montpellierr", "34", MONTPELLIER),  # insertion
        ("Montpallier", "34", MONTPELLIER),  # substitution
        ("Montpellier", "34", MONTPELLIER),
        ("Montpeliler", "34", MONTPELLIER),  # transposition
        ("Castelnau-le-Lèz", "34", CASTELNAU),
        ("Castelno-le-Lez", "34", CASTELNAU),  # 2 edits on a name of 14 letters
        ("Villeneuve-d'Asq", "59", VILLENEUVE),
        ("Bourg-en-Brese", "01", BOURG),
    ],
)
def test_small_misspellings(index, name, departement, expected):
    assert_resolved(index, name, departement, expected)


def test_misspelling_tolerance_depends_on_length(index):
    # "Valance": 7 letters, 1 edit allowed.
    assert_resolved(index, "Valance", "26", VALENCE_26, "fuzzy")
    # Two edits on a short name: not tolerated.
    assert index.resolve("Vallanse", "26").status == "unknown"
    # "Montpellier" (11 letters): one edit tolerated, two not.
    assert index.resolve("Montpelliar", "34").status == "resolved"
    assert index.resolve("Montpalliar", "34").status == "unknown"


def test_same_name_twice_in_the_departement_is_ambiguous(index):
    resolution = index.resolve("Beaulieu", "99")
    assert resolution.status == "ambiguous"
    assert resolution.candidate is None
    assert set(resolution.alternatives) == {BEAULIEU_A, BEAULIEU_B}
    assert index.resolve("Beaulieux", "99").status == "ambiguous"  # typo of the homonyms


def test_typo_equally_close_to_two_names_is_ambiguous(index):
    resolution = index.resolve("Marmunde", "98")
    assert resolution.status == "ambiguous"
    assert set(resolution.alternatives) == {MARMANDE, MARMONDE}
    # An exact name is not ambiguous, even with a neighbour one typo away.
    assert_resolved(index, "Marmande", "98", MARMANDE, "exact")


def test_unknown_with_suggestions(index):
    resolution = index.resolve("Montpellieraux", "34")
    assert resolution.status == "unknown"
    assert resolution.candidate is None
    assert resolution.alternatives[0] == MONTPELLIER
    assert index.resolve("Xyzzy", "34").alternatives == ()  # nothing resembling: no suggestion
    assert index.resolve("", "34").status == "unknown"
    assert index.resolve("---", "34").status == "unknown"


def test_departement_mismatch_is_never_resolved_elsewhere(index):
    resolution = index.resolve("Le Mans", "73")
    assert resolution.status == "unknown"
    assert resolution.candidate is None
    assert LE_MANS in resolution.alternatives  # suggested, for a person to check
    resolution = index.resolve("Montpellier", "30")
    assert resolution.status == "unknown" and resolution.alternatives[0] == MONTPELLIER
    assert index.resolve("Montpelier", "30").status == "unknown"  # no fuzzy match across départements
    assert index.resolve("Valence", "26").candidate == VALENCE_26
    assert index.resolve("Valence", "82").candidate == VALENCE_82


def test_without_departement(index):
    assert_resolved(index, "Bourg en Bresse", None, BOURG, "exact")
    assert index.resolve("Valence", None).status == "ambiguous"
    assert set(index.resolve("Valence", "").alternatives) == {VALENCE_26, VALENCE_82}
    assert index.resolve("Bourg-en-Brese", None).status == "unknown"  # fuzzy only inside a département


def test_resolve_function_with_mapping_or_index(index):
    mapping = {"34": [MONTPELLIER, CASTELNAU], "72": [LE_MANS]}
    assert resolve(name="Mans (Le)", departement="72", candidates_by_departement=mapping).candidate == LE_MANS
    assert resolve(name="Montpelier", departement="34", candidates_by_departement=index).candidate == MONTPELLIER
    assert len(index) == len(ALL)


def test_describe_fr(index):
    assert "ambigu" in index.resolve("Beaulieu", "99").describe_fr("Beaulieu", "99")
    text = index.resolve("Le Mans", "73").describe_fr("Le Mans", "73")
    assert "introuvable" in text and "72181" in text
    assert "72181" in index.resolve("Le Mans", "72").describe_fr("Le Mans", "72")


def test_keys():
    assert name_key("Mans (Le)") == name_key("LE-MANS") == "lemans"
    assert articleless_key("Le Mans") == "mans"
    assert articleless_key("Les") == "les"
    assert name_key("Saint-Étienne") == name_key("St Etienne")
    assert name_key("Œuilly") == "oeuilly"


def test_max_distance():
    assert [max_distance(length) for length in (1, 5, 6, 11, 12, 30)] == [0, 0, 1, 1, 2, 2]


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("", "", 0),
        ("abc", "", 3),
        ("", "abc", 3),
        ("kitten", "sitting", 3),
        ("abcdef", "abdcef", 1),
        ("ca", "abc", 3),
        ("montpellier", "montpellier", 0),
        ("flaw", "lawn", 2),
    ],
)
def test_damerau_levenshtein(first, second, distance):
    assert damerau_levenshtein(first, second) == distance
    assert damerau_levenshtein(second, first) == distance


def _reference_osa(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        table[i][0] = i
    for j in range(len(b) + 1):
        table[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


words = st.text(alphabet="abcde", max_size=10)


@given(first=words, second=words, limit=st.integers(0, 4))
def test_bounded_distance_agrees_with_reference(first, second, limit):
    exact = _reference_osa(first, second)
    assert damerau_levenshtein(first, second) == exact
    assert damerau_levenshtein(first, second, limit) == min(exact, limit + 1)


NAME_TEXT = st.one_of(
    st.text(alphabet="abcdeghl -'", min_size=1, max_size=14),
    st.builds(
        lambda article, rest: f"{article} {rest}",
        st.sampled_from(["Le", "La", "Les", "L'"]),
        st.text(alphabet="abcdeghl", min_size=1, max_size=12),
    ),
)


@given(names=st.lists(NAME_TEXT, min_size=1, max_size=30), query=NAME_TEXT)
def test_never_resolved_when_another_candidate_is_as_close(names, query):
    candidates = [Candidate(str(number), name, "01") for number, name in enumerate(names)]
    resolution = NameIndex.from_candidates(candidates).resolve(query, "01")
    if resolution.status != "resolved":
        return
    chosen = name_key(resolution.candidate.name)
    query_key = name_key(query)
    if resolution.method == "exact":
        assert chosen == query_key
        assert [c for c in candidates if name_key(c.name) == query_key] == [resolution.candidate]
    elif resolution.method == "article":
        assert not [c for c in candidates if name_key(c.name) == query_key]
        same = [c for c in candidates if articleless_key(c.name) == articleless_key(query)]
        assert same == [resolution.candidate]
    elif resolution.method == "prefix":
        assert_only_start(candidates, query, resolution.candidate)
    else:
        assert resolution.method == "fuzzy"
        assert not [c for c in candidates if articleless_key(c.name) == articleless_key(query)]
        allowed = max_distance(len(query_key))

        def close(candidate):
            key = name_key(candidate.name)
            return damerau_levenshtein(query_key, key) <= min(allowed, max_distance(len(key)))

        within = [c for c in candidates if close(c)]
        assert within == [resolution.candidate]


def test_thousand_rows_on_a_france_sized_index_are_fast():
    rng = random.Random(7)
    candidates = []
    for departement in range(1, 96):
        for number in range(370):  # ~35,000 communes
            name = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 18)))
            candidates.append(Candidate(f"{departement:02d}{number:03d}", name.capitalize(), f"{departement:02d}"))
    start = time.perf_counter()
    index = NameIndex.from_candidates(candidates)
    rows = rng.sample(candidates, 1000)
    wrong = 0
    for number, candidate in enumerate(rows):
        name = candidate.name
        if number % 3 == 1 and len(name) >= 7:
            name = name[:3] + name[4:]  # one deletion
        elif number % 3 == 2:
            name = "Qq" + name  # unknown
        resolution = index.resolve(name, candidate.departement)
        wrong += resolution.status == "resolved" and resolution.candidate != candidate
    elapsed = time.perf_counter() - start
    assert wrong == 0
    assert elapsed < 20, f"{elapsed:.1f} s"  # about 2 s on a laptop, generous for a loaded CI


# --- Press spellings: the end of a long name left out -------------------------------------------------------

MELLE = Candidate("79257", "Saint-Martin-lès-Melle", "79", "commune")
SANZAY = Candidate("79273", "Saint-Martin-de-Sanzay", "79", "commune")
LARS = Candidate("85250", "Saint-Martin-Lars-en-Sainte-Hermine", "85", "commune")
SAINT_MARTIN_17 = Candidate("17999", "Saint-Martin", "17", "commune")  # invented homonym in another département
BOURG_SUR_GIRONDE = Candidate("33067", "Bourg", "33", "commune")
CHALONS = Candidate("51108", "Châlons-en-Champagne", "51", "commune")


def assert_only_start(candidates, query, chosen):
    """`chosen` is the only candidate whose words continue the query's, with a linking word next; no candidate
    has the query's key or key without article."""
    from arobase.label.palmares.matching import LINKING_WORDS, _tokens

    words = _tokens(query)
    assert not [c for c in candidates if articleless_key(c.name) == articleless_key(query)]
    assert not [c for c in candidates if name_key(c.name) == name_key(query)]
    starting = [c for c in candidates if len(_tokens(c.name)) > len(words) and _tokens(c.name)[: len(words)] == words]
    assert starting == [chosen]
    assert _tokens(chosen.name)[len(words)] in LINKING_WORDS


@pytest.mark.parametrize(
    ("name", "departement", "expected"),
    [
        ("Saint-Martin", "79", MELLE),
        ("St Martin", "79", MELLE),
        ("SAINT MARTIN", "79", MELLE),
        ("Châlons", "51", CHALONS),
        ("Chalons", "51", CHALONS),
    ],
)
def test_the_start_of_exactly_one_name_matches(name, departement, expected):
    index = NameIndex.from_candidates([MELLE, SAINT_MARTIN_17, CHALONS, LARS])
    resolution = index.resolve(name, departement)
    assert (resolution.status, resolution.candidate, resolution.method) == ("resolved", expected, "prefix")
    assert "correspondance par début de nom" in resolution.describe_fr(name, departement)


def test_an_exact_match_always_wins_over_a_start():
    index = NameIndex.from_candidates([MELLE, Candidate("79999", "Saint-Martin", "79", "commune")])
    resolution = index.resolve("Saint-Martin", "79")
    assert resolution.method == "exact" and resolution.candidate.code == "79999"
    index = NameIndex.from_candidates([BOURG_SUR_GIRONDE, Candidate("33068", "Bourg-sur-Gironde", "33", "c")])
    assert index.resolve("Bourg", "33").candidate == BOURG_SUR_GIRONDE


def test_two_names_starting_alike_are_ambiguous_with_the_reason():
    index = NameIndex.from_candidates([MELLE, SANZAY])
    resolution = index.resolve("Saint-Martin", "79")
    assert resolution.status == "ambiguous" and set(resolution.alternatives) == {MELLE, SANZAY}
    text = resolution.describe_fr("Saint-Martin", "79")
    assert "plusieurs collectivités du département commencent par ce nom" in text
    assert "79257" in text and "79273" in text


def test_a_name_continuing_without_linking_word_is_not_a_press_spelling():
    # "Saint-Martin-Lars-…" continues with "Lars": a different name, not a shortened one.
    assert NameIndex.from_candidates([LARS]).resolve("Saint-Martin", "85").status == "unknown"
    # ...but it still counts among the names starting alike.
    other = Candidate("85251", "Saint-Martin-des-Noyers", "85", "commune")
    resolution = NameIndex.from_candidates([LARS, other]).resolve("Saint-Martin", "85")
    assert resolution.status == "ambiguous" and set(resolution.alternatives) == {LARS, other}


def test_a_start_needs_the_departement_and_never_crosses_it():
    index = NameIndex.from_candidates([MELLE])
    assert index.resolve("Saint-Martin", None).status == "unknown"
    assert index.resolve("Saint-Martin", "86").status == "unknown"


def test_a_start_with_another_close_name_is_ambiguous():
    close = Candidate("79300", "Saint-Martien", "79", "commune")  # one letter from "Saint-Martin" (invented)
    resolution = NameIndex.from_candidates([MELLE, close]).resolve("Saint-Martin", "79")
    assert resolution.status == "ambiguous" and set(resolution.alternatives) == {MELLE, close}
    assert "une autre collectivité a un nom proche" in resolution.describe_fr("Saint-Martin", "79")


PIECES = st.sampled_from(["saint", "martin", "les", "melle", "sur", "mer", "lars", "en", "bresse", "bourg", "de"])
PRESS_NAMES = st.lists(PIECES, min_size=1, max_size=5).map("-".join)


@given(names=st.lists(PRESS_NAMES, min_size=1, max_size=25), query=PRESS_NAMES)
def test_a_start_is_matched_only_when_it_is_the_only_one(names, query):
    candidates = [Candidate(str(number), name, "79") for number, name in enumerate(names)]
    resolution = NameIndex.from_candidates(candidates).resolve(query, "79")
    if resolution.method == "prefix":
        assert_only_start(candidates, query, resolution.candidate)
    if resolution.status == "resolved":
        # Whatever the method, no other candidate has the same key.
        same = [c for c in candidates if name_key(c.name) == name_key(query)]
        assert same in ([], [resolution.candidate])
