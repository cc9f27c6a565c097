"""Typo-tolerant word matching: trigram similarity as PostgreSQL's pg_trgm computes it, in Python.

PostgreSQL answers with pg_trgm and its GIN trigram indexes; SQLite has no such operator, so the words to compare
with (a vocabulary) are kept in memory with an inverted index of their trigrams: a lookup visits only the words
sharing a trigram with the query word, then scores at most `CANDIDATES` of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

THRESHOLD = 0.3  # pg_trgm.similarity_threshold's default
CANDIDATES = 50


def trigrams(word: str) -> set[str]:
    """The trigrams of one word, padded as pg_trgm does (two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both words."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def best_match(word: str, candidates: Iterable[str], *, threshold: float = THRESHOLD) -> str | None:
    """The most similar candidate (the shortest on a tie), or None below the threshold."""
    scored = [(similarity(word, candidate), -len(candidate), candidate) for candidate in set(candidates)]
    best = max(scored, default=None)
    return best[2] if best and best[0] >= threshold else None


class Vocabulary:
    """Words indexed by trigram, for `closest` lookups; `add` extends it."""

    def __init__(self, words: Iterable[str] = ()):
        self.words: list[str] = []
        self._known: set[str] = set()
        self._postings: dict[str, list[int]] = {}
        self.add(words)

    def add(self, words: Iterable[str]) -> None:
        for word in words:
            if word in self._known:
                continue
            self._known.add(word)
            self.words.append(word)
            index = len(self.words) - 1
            for trigram in trigrams(word):
                self._postings.setdefault(trigram, []).append(index)

    def __contains__(self, word: str) -> bool:
        return word in self._known

    def closest(self, word: str, *, threshold: float = THRESHOLD) -> str | None:
        shared = Counter()
        for trigram in trigrams(word):
            shared.update(self._postings.get(trigram, ()))
        candidates = (self.words[index] for index, _count in shared.most_common(CANDIDATES))
        return best_match(word, candidates, threshold=threshold)
