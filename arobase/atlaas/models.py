"""The Atlaas stores two things of its own:

- `ActionSearchDocument`: the text of each action as full-text search sees it (title, summary, and everything
  else: texts, actors, places, collectivité names), refreshed by `search.refresh_search_index`. On PostgreSQL
  the `vector` column holds the weighted tsvector (A title, B summary, C the rest) built with the
  `french_unaccent` configuration (migration 0002), indexed with GIN. On SQLite the same texts, stemmed in
  Python, are in the FTS5 virtual table `atlaas_action_fts` (rowid = action id), created by the same migration.
- `SearchWord`: every word of the indexed texts (folded), the vocabulary against which a query word that finds
  nothing is corrected ("mediaton" → "médiation"): with a GIN trigram index (pg_trgm) on PostgreSQL, held in
  memory with a trigram index on SQLite (see `search.correct_query`).
- `ActionsVersion`: one number bumped whenever an action is written; it is part of every cache key of the map
  and lists, so a cached answer never outlives a publication, an edit or an unpublication.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ActionSearchDocument(models.Model):
    action = models.OneToOneField(
        "actions.Action", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Hyphenated words joined ("Wi-Fi" → "wifi"), so that "wifi" and "wi-fi" find the same actions.
    compounds = models.TextField(blank=True)
    # PostgreSQL only (NULL on SQLite, which uses the FTS5 table instead).
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = "document de recherche"

    def __str__(self) -> str:
        return self.title


class SearchWord(models.Model):
    """A word of the indexed texts. Words only accumulate (a stale one may only suggest a correction that finds
    nothing); `rebuild_search_index` starts the vocabulary again."""

    word = models.CharField(max_length=60, unique=True)  # folded: lower case, no accents
    spelling = models.CharField(max_length=60)  # as first written, in lower case, to show the correction

    def __str__(self) -> str:
        return self.spelling


class ActionsVersion(models.Model):
    """A single row (pk=1)."""

    version = models.BigIntegerField(default=1)

    def __str__(self) -> str:
        return str(self.version)
