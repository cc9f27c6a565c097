"""Resolving rows of historical palmarès files that have a name and a département but no code.

The principle is **never resolve to a wrong collectivité**: a row is resolved only when exactly one collectivité
matches; otherwise it is reported as ``ambiguous`` (with the candidates) or ``unknown`` (with the nearest names as
suggestions) and a person decides.

Matching, in order, inside the département of the row (the whole country when the row has no département):

1. **exact key**: names compared after :func:`name_key`: accents, case, hyphens, apostrophes, punctuation and spaces
   ignored; "St"/"Ste"/"Sts"/"Stes" read as "Saint"/"Sainte"/"Saints"/"Saintes"; an article put at the end in
   parentheses or after a comma moved back to the front ("Mans (Le)" = "Le Mans", "Rochelle, La" = "La Rochelle");
2. **without the leading article**: "Mans" = "Le Mans" (only if no exact key matched);
3. **start of a name** (press spelling): names printed without the end of a long commune name, "Saint-Martin" for
   "Saint-Martin-lès-Melle": the row's words are the first words of exactly one collectivité of the département, and
   the words left out start with a linking word (lès, lez, sur, sous, en, de, du, des, d', la, le, les, l', au, aux,
   et). Two or more collectivités starting with those words → ambiguous, with the reason; a collectivité whose name
   continues otherwise ("Saint-Martin-Lars") counts among those starting with them but is never matched this way.
   Only inside the département of the row. When a fuzzy match (tier 4) finds another collectivité, the row is
   ambiguous;
4. **fuzzy**: Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
   transpositions of two adjacent letters) on the keys, at most 1 when both keys have at least 6 letters, at most 2
   when both have at least 12; no fuzzy match for shorter names. A fuzzy match is accepted only when it is the
   **only** collectivité within the allowed distance; two or more → ambiguous (listed by distance).
   Fuzzy matching is only tried inside the département of the row: a row without a département must match a key
   (tier 1 or 2) exactly.

Two collectivités with the same key in the département (homonyms) are always ambiguous. A name found only in another
département is never resolved: it is ``unknown``, and the homonyms of the other départements are given first among
the suggestions (a wrong département in the file is a common mistake a person can check).
"""

from __future__ import annotations

import functools
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from arobase.core.text import normalize

FUZZY_MIN_LENGTH_1 = 6  # keys of at least 6 letters tolerate 1 edit
FUZZY_MIN_LENGTH_2 = 12  # keys of at least 12 letters tolerate 2 edits
SUGGESTION_COUNT = 3
SUGGESTION_SHORTLIST = 5  # suggestions: shortlist count × 5 names by shared letter pairs, then edit distance
SUGGESTION_MIN_SIMILARITY = 1 / 3  # Jaccard similarity of letter pairs below which a name is not suggested

ARTICLES = ("le", "la", "les", "l")
# Words that start the part of a long commune name the press leaves out ("-lès-Melle", "-sur-Mer", "-en-Bresse").
LINKING_WORDS = frozenset(
    {"les", "lez", "sur", "sous", "en", "de", "du", "des", "d", "la", "le", "l", "au", "aux", "et"}
)
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_ARTICLE = r"(?:les|le|la|l\s*['’]?)"
_TRAILING_ARTICLE = re.compile(
    rf"^(?P<body>.+?)\s*(?:\(\s*(?P<a1>{_ARTICLE})\s*\)|,\s*(?P<a2>{_ARTICLE}))\s*$", re.IGNORECASE
)

Status = Literal["resolved", "ambiguous", "unknown"]

METHOD_LABELS_FR = {
    "article": "correspondance sans l'article",
    "prefix": "correspondance par début de nom",
    "fuzzy": "correspondance approchée (faute de frappe)",
}
PREFIX_AMBIGUOUS_FR = "plusieurs collectivités du département commencent par ce nom"
PREFIX_OR_FUZZY_FR = "début d'un nom, mais une autre collectivité a un nom proche"


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    departement: str
    kind: str = ""


@dataclass(frozen=True)
class Resolution:
    status: Status
    candidate: Candidate | None = None
    alternatives: tuple[Candidate, ...] = ()
    method: str = ""  # "exact", "article", "prefix", "fuzzy" for resolved rows
    reason: str = ""  # why an ambiguous row is ambiguous, in French, when it is not a plain homonymy

    @property
    def is_resolved(self) -> bool:
        return self.status == "resolved"

    def describe_fr(self, name: str, departement: str | None) -> str:
        """One French line for an import report."""
        where = f" ({departement})" if departement else ""
        listed = ", ".join(f"{c.name} ({c.departement}, {c.code})" for c in self.alternatives)
        if self.status == "resolved" and self.candidate is not None:
            how = f", {METHOD_LABELS_FR[self.method]}" if self.method in METHOD_LABELS_FR else ""
            return f"« {name} »{where} : {self.candidate.name} ({self.candidate.code}){how}"
        if self.status == "ambiguous":
            reason = f" ({self.reason})" if self.reason else ""
            return f"« {name} »{where} : ambigu{reason}, candidats : {listed}"
        suggestions = f", suggestions : {listed}" if listed else ""
        return f"« {name} »{where} : collectivité introuvable{suggestions}"


def normalize_departement(code: str | None) -> str | None:
    """'1' -> '01', ' 2a ' -> '2A'; None or blank -> None."""
    if code is None:
        return None
    code = code.strip().upper()
    if not code:
        return None
    return code.zfill(2) if code.isdigit() and len(code) == 1 else code


def _tokens(name: str) -> list[str]:
    match = _TRAILING_ARTICLE.match(name.strip())
    if match:
        article = match.group("a1") or match.group("a2")
        name = f"{article} {match.group('body')}"
    return [ABBREVIATIONS.get(token, token) for token in normalize(name).split()]


def name_key(name: str) -> str:
    """The comparison key of a name: ``name_key("Mans (Le)") == name_key("LE-MANS") == "lemans"``."""
    return "".join(_tokens(name))


def _without_article(tokens: list[str]) -> str:
    if len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    return "".join(tokens)


def articleless_key(name: str) -> str:
    """The key without a leading article: ``articleless_key("Le Mans") == "mans"``."""
    return _without_article(_tokens(name))


def max_distance(length: int) -> int:
    if length >= FUZZY_MIN_LENGTH_2:
        return 2
    if length >= FUZZY_MIN_LENGTH_1:
        return 1
    return 0


def damerau_levenshtein(first: str, second: str, limit: int | None = None) -> int:
    """Optimal string alignment distance; with ``limit``, any distance above it is returned as ``limit + 1``."""
    if first == second:
        return 0
    if limit is not None and abs(len(first) - len(second)) > limit:
        return limit + 1
    width = len(second)
    previous_previous: list[int] = []
    previous = list(range(width + 1))
    for i in range(1, len(first) + 1):
        current = [i] + [0] * width
        char = first[i - 1]
        for j in range(1, width + 1):
            cost = 0 if char == second[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == second[j - 1]:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
        if limit is not None and min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    distance = previous[width]
    if limit is not None and distance > limit:
        return limit + 1
    return distance


@functools.lru_cache(maxsize=1 << 16)
def _bigrams(key: str) -> frozenset[str]:
    padded = f"^{key}$"
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


@dataclass
class _Bucket:
    """The candidates of one département (or of the whole country), indexed for lookups."""

    by_key: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    by_articleless: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    keys_by_length: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    # first words of a name (all but the last ones) -> (candidate, the next word) for every candidate
    by_first_words: dict[tuple[str, ...], list[tuple[Candidate, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, candidate: Candidate, key: str, articleless: str, tokens: Sequence[str] = ()) -> None:
        self.by_key[key].append(candidate)
        self.by_articleless[articleless].append(candidate)
        self.keys_by_length[len(key)].add(key)
        for end in range(1, len(tokens)):
            self.by_first_words[tuple(tokens[:end])].append((candidate, tokens[end]))

    def starting_with(self, tokens: Sequence[str]) -> tuple[list[Candidate], list[Candidate]]:
        """(every candidate whose name continues the words `tokens`, those among them continuing with a linking
        word)."""
        found = self.by_first_words.get(tuple(tokens), [])
        every = _unique(candidate for candidate, _next in found)
        linked = _unique(candidate for candidate, next_word in found if next_word in LINKING_WORDS)
        return every, linked

    def near(self, key: str, tolerance: int) -> list[tuple[int, str]]:
        """(distance, key) of the keys within ``tolerance`` edits (and within their own length's tolerance)."""
        found = []
        for length in range(len(key) - tolerance, len(key) + tolerance + 1):
            for other in self.keys_by_length.get(length, ()):
                allowed = min(tolerance, max_distance(len(other)))
                if allowed == 0:
                    continue
                distance = damerau_levenshtein(key, other, allowed)
                if distance <= allowed:
                    found.append((distance, other))
        return sorted(found)

    def nearest(self, key: str, count: int) -> list[str]:
        """Up to ``count`` keys resembling ``key`` (suggestions only): the keys sharing the most letter pairs,
        then ranked by edit distance; keys sharing less than a third of their letter pairs are left out."""
        grams = _bigrams(key)

        def similarity(other: str) -> float:
            other_grams = _bigrams(other)
            return len(grams & other_grams) / len(grams | other_grams)

        shortlist = [
            (similarity(other), other)
            for other in heapq.nlargest(count * SUGGESTION_SHORTLIST, self.by_key, key=similarity)
        ]
        ranked = sorted(
            (damerau_levenshtein(key, other), -score, other)
            for score, other in shortlist
            if score >= SUGGESTION_MIN_SIMILARITY
        )
        return [other for _, _, other in ranked[:count]]


class NameIndex:
    """Candidates bucketed by département and by name key; fuzzy search stays inside one département."""

    def __init__(self) -> None:
        self._by_departement: dict[str, _Bucket] = defaultdict(_Bucket)
        self._all = _Bucket()
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @classmethod
    def from_candidates(cls, candidates: Iterable[Candidate]) -> NameIndex:
        index = cls()
        for candidate in candidates:
            index.add(candidate)
        return index

    @classmethod
    def from_mapping(cls, candidates_by_departement: Mapping[str, Sequence[Candidate]]) -> NameIndex:
        return cls.from_candidates(candidate for group in candidates_by_departement.values() for candidate in group)

    def add(self, candidate: Candidate) -> None:
        departement = normalize_departement(candidate.departement) or ""
        tokens = _tokens(candidate.name)
        key, articleless = "".join(tokens), _without_article(tokens)
        self._by_departement[departement].add(candidate, key, articleless, tokens)
        self._all.add(candidate, key, articleless)
        self._size += 1

    def resolve(self, name: str, departement: str | None = None) -> Resolution:
        key = name_key(name)
        if not key:
            return Resolution("unknown")
        departement = normalize_departement(departement)
        if departement is None:
            bucket = self._all
        elif departement in self._by_departement:
            bucket = self._by_departement[departement]
        else:
            bucket = _Bucket()

        exact = bucket.by_key.get(key, [])
        if exact:
            return _one_or_ambiguous(exact, "exact")
        without_article = articleless_key(name)
        matches = bucket.by_articleless.get(without_article, [])
        if matches:
            return _one_or_ambiguous(matches, "article")

        tolerance = max_distance(len(key)) if departement is not None else 0  # fuzzy only inside a département
        near = bucket.near(key, tolerance) if tolerance else []
        fuzzy = [candidate for _, other in near for candidate in bucket.by_key[other]]
        starting, linked = bucket.starting_with(_tokens(name)) if departement is not None else ([], [])
        if linked:
            others_near = [candidate for candidate in fuzzy if candidate not in linked]
            if len(starting) == 1 and not others_near:
                return Resolution("resolved", candidate=linked[0], method="prefix")
            reason = PREFIX_AMBIGUOUS_FR if len(starting) > 1 else PREFIX_OR_FUZZY_FR
            return Resolution("ambiguous", alternatives=tuple(_unique([*starting, *fuzzy])), reason=reason)
        if fuzzy:
            return _one_or_ambiguous(fuzzy, "fuzzy")

        elsewhere = [] if departement is None else self._all.by_key.get(key, [])
        suggestions = list(elsewhere)
        for other in bucket.nearest(key, SUGGESTION_COUNT):
            suggestions.extend(bucket.by_key[other])
        return Resolution("unknown", alternatives=tuple(_unique(suggestions)[: max(SUGGESTION_COUNT, len(elsewhere))]))


def _unique(candidates: Iterable[Candidate]) -> list[Candidate]:
    seen: dict[Candidate, None] = {}
    for candidate in candidates:
        seen.setdefault(candidate, None)
    return list(seen)


def _one_or_ambiguous(candidates: Sequence[Candidate], method: str) -> Resolution:
    distinct = _unique(candidates)
    if len(distinct) == 1:
        return Resolution("resolved", candidate=distinct[0], alternatives=(), method=method)
    return Resolution("ambiguous", alternatives=tuple(distinct))


def resolve(
    *,
    name: str,
    departement: str | None,
    candidates_by_departement: Mapping[str, Sequence[Candidate]] | NameIndex,
) -> Resolution:
    """Resolve one row. Pass a :class:`NameIndex` built once when resolving many rows."""
    index = (
        candidates_by_departement
        if isinstance(candidates_by_departement, NameIndex)
        else NameIndex.from_mapping(candidates_by_departement)
    )
    return index.resolve(name, departement)
