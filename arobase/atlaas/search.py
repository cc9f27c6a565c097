"""Full-text search of actions, one interface on both databases.

What is searched: the title (weight A), the summary (B), and everything else (C): what was done, results,
benefits, the names of actors, the places (name, address, commune), the owner and partner collectivités.
These texts are kept in `ActionSearchDocument` by `refresh_search_index` (called by signals on every save of an
action or of its actors, places and partners; `rebuild_search_index` / `manage.py rebuild_search_index` redoes
everything, as the demo generator does after its bulk inserts).

**PostgreSQL** (production): a weighted tsvector built with the `french_unaccent` configuration (the `french`
Snowball stemmer behind `unaccent`, created by migration 0002) and a GIN index; queries go through
`websearch_to_tsquery` (any user input is valid), ranked by `ts_rank`, excerpts by `ts_headline`.

**SQLite** (embedded default): the FTS5 table `atlaas_action_fts` (tokenizer `unicode61 remove_diacritics 2`:
case and accents are folded) holds the same texts *stemmed in Python* by `stem` below, a light French suffix
stemmer (plural -s/-x, then one of the common derivational suffixes -ation, -ement, -ateur, -ique..., then a
final -e; a stem keeps at least 3 letters). Queries are stemmed the same way, French stop words dropped, and
every remaining stem is required (AND). Ranking is FTS5's bm25 with the same weights (10, 4, 1). Excerpts are
computed in Python on the original text with the same stemmer (FTS5's own highlight() would show stems).

So on both databases `mediation` finds "médiation", `Médiations` finds "médiation", and case never matters.
Hyphenated words are also indexed joined (`compounds`), and queries join them, so `wi-fi` finds what `wifi`
finds. A query that finds nothing may be corrected (`correct_query`): each unknown word is replaced by the most
similar word of the vocabulary (`SearchWord`, trigram similarity), and the pages say which words they used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import Count, F, FloatField, Max, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape

from arobase.actions.models import Action, ActionTerritory, Actor, Place
from arobase.atlaas.models import ActionSearchDocument, SearchWord
from arobase.core import fuzzy

FTS_TABLE = "atlaas_action_fts"
PG_CONFIG = "french_unaccent"
BATCH = 2000
EXCERPT_WORDS = 30

_WORD = re.compile(r"[^\W_]+")
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
MIN_CORRECTED_LENGTH = 4  # shorter words are left as typed: too many neighbours to guess from
_SUFFIXES = (
    "issements", "issement", "atrices", "ations", "ateurs", "ements", "atrice", "ateur", "ation", "ement",
    "ments", "ment", "euses", "iques", "ismes", "istes", "euse", "ique", "isme", "iste", "ites", "ives", "eurs",
    "ite", "ive", "eur", "ifs", "if",
)  # fmt: skip
_STOP_WORDS = (
    "a au aux avec ce ces cet cette d dans de des du elle en et il ils je l la le les leur leurs lui ma mais me "
    "mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur ta te tes toi ton tu un "
    "une vos votre vous y"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())

_START, _STOP = "\x02", "\x03"


def fold(text: str) -> str:
    """Lower case without diacritics (œ and æ spelled out)."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light French stemmer (see the module docstring). Works on any word; the result is folded."""
    word = fold(word)
    if len(word) <= 3 or word.isdigit():
        return word
    if word[-1] in "sx":
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def stem_text(text: str) -> str:
    return " ".join(stem(word) for word in _WORD.findall(text))


def joined_compounds(text: str) -> str:
    """The text with its hyphenated words joined: "wi-fi" → "wifi" (the index holds both forms)."""
    return _COMPOUND.sub(lambda match: match.group().replace("-", ""), text)


def compounds(text: str) -> str:
    """The hyphenated words of a text, joined and folded: what `ActionSearchDocument.compounds` stores."""
    return " ".join(dict.fromkeys(fold(match.replace("-", "")) for match in _COMPOUND.findall(text)))


def query_stems(query: str) -> list[str]:
    words = _WORD.findall(joined_compounds(query))
    kept = [word for word in words if fold(word) not in STOP_WORDS] or words
    return list(dict.fromkeys(stem(word) for word in kept))


def fts5_query(query: str) -> str:
    """An FTS5 MATCH expression: every stem required. Stems are letters and digits only, safe to quote."""
    return " ".join(f'"{s}"' for s in query_stems(query))


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- Searching ---------------------------------------------------------------------------------------------------


def search(actions: QuerySet, query: str, *, ranked: bool = True) -> QuerySet:
    """`actions` matching `query`; `ranked` adds the annotation `search_rank` (higher is better), not ordered.

    On SQLite the ranked form joins the FTS5 table by name (fast: FTS5 drives); it must stay the outer query.
    Use `ranked=False` for a queryset that becomes a subquery (`pk__in=...values("pk")`)."""
    if is_postgresql():
        ts_query = SearchQuery(joined_compounds(query), config=PG_CONFIG, search_type="websearch")
        actions = actions.filter(search_document__vector=ts_query)
        if ranked:
            actions = actions.annotate(search_rank=SearchRank(F("search_document__vector"), ts_query))
        return actions
    match = fts5_query(query)
    if not match:
        # Only punctuation or symbols: nothing matches, but callers still order by the rank.
        empty = actions.none()
        return empty.annotate(search_rank=Value(0.0, output_field=FloatField())) if ranked else empty
    if not ranked:
        matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608, S611
        return actions.filter(pk__in=matching)
    return actions.extra(  # noqa: S610 (fixed SQL, the query is a parameter)
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = actions_action.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"search_rank": f"-bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"},
    )


def _mark(text: str) -> str:
    """Escape, then turn the sentinels around matches into <mark>."""
    return escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")


def _python_excerpt(text: str, stems: set[str], *, whole: bool = False) -> str:
    matches = list(_WORD.finditer(text))
    if not matches:
        return text
    hits = [i for i, m in enumerate(matches) if stem(m.group()) in stems]
    first = 0 if whole else max(0, (hits[0] - 5) if hits else 0)
    window = matches if whole else matches[first : first + EXCERPT_WORDS]
    start, end = window[0].start(), window[-1].end()
    pieces, cursor = [], start
    for m in window:
        pieces.append(text[cursor : m.start()])
        pieces.append(f"{_START}{m.group()}{_STOP}" if stem(m.group()) in stems else m.group())
        cursor = m.end()
    if whole:
        return text[:start] + "".join(pieces) + text[end:]
    excerpt = "".join(pieces)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + excerpt + suffix


def excerpts(action_ids: Iterable[int], query: str) -> dict[int, tuple[str, str]]:
    """{action id: (title, excerpt)} as safe HTML, matches in <mark>: the whole title, and an excerpt of the
    summary and texts around the first match."""
    ids = list(action_ids)
    if not ids or not query.strip():
        return {}
    documents = ActionSearchDocument.objects.filter(pk__in=ids)
    if is_postgresql():
        ts_query = SearchQuery(joined_compounds(query), config=PG_CONFIG, search_type="websearch")
        options = {"config": PG_CONFIG, "start_sel": _START, "stop_sel": _STOP}
        rows = documents.annotate(
            title_html=SearchHeadline("title", ts_query, highlight_all=True, **options),
            excerpt=SearchHeadline(
                Concat("summary", Value(" "), "body", output_field=TextField()),
                ts_query,
                max_words=EXCERPT_WORDS,
                min_words=12,
                short_word=3,
                **options,
            ),
        ).values_list("pk", "title_html", "excerpt")
        return {pk: (_mark(title or ""), _mark(text or "")) for pk, title, text in rows}
    stems = set(query_stems(query))
    return {
        pk: (_mark(_python_excerpt(title, stems, whole=True)), _mark(_python_excerpt(f"{summary} {body}", stems)))
        for pk, title, summary, body in documents.values_list("pk", "title", "summary", "body")
    }


# --- Correcting typos --------------------------------------------------------------------------------------------


def correct_query(query: str) -> str | None:
    """The query with each unknown word replaced by the most similar word of the indexed texts, as first written
    ("mediaton" → "médiation"); None when there is nothing to correct. Words are compared by trigram similarity:
    pg_trgm on PostgreSQL (GIN index on `SearchWord.word`), `core.fuzzy` over the vocabulary in memory on SQLite."""
    replacements = {}
    for word in dict.fromkeys(_WORD.findall(joined_compounds(query))):
        folded = fold(word)
        if len(folded) < MIN_CORRECTED_LENGTH or folded.isdigit() or folded in STOP_WORDS or _is_known(folded):
            continue
        spelling = _closest_spelling(folded)
        if spelling and fold(spelling) != folded:
            replacements[word] = spelling
    if not replacements:
        return None
    return _WORD.sub(lambda match: replacements.get(match.group(), match.group()), joined_compounds(query))


def _is_known(word: str) -> bool:
    if is_postgresql():
        return SearchWord.objects.filter(word=word).exists()
    return word in _vocabulary()


def _closest_spelling(word: str) -> str | None:
    if is_postgresql():
        found = (
            SearchWord.objects.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity", "word")
            .values_list("spelling", flat=True)
            .first()
        )
        return found
    closest = _vocabulary().closest(word)
    return _spellings.get(closest) if closest else None


_memory = {"key": None, "vocabulary": fuzzy.Vocabulary()}
_spellings: dict[str, str] = {}


def _vocabulary() -> fuzzy.Vocabulary:
    """The vocabulary in memory (SQLite), extended with the words added since it was read; read again when words
    were removed (a rebuild)."""
    count, last = SearchWord.objects.aggregate(n=Count("pk"), last=Max("pk")).values()
    known_count, known_last = _memory["key"] or (0, 0)
    if (count, last) == (known_count, known_last):
        return _memory["vocabulary"]
    new = SearchWord.objects.filter(pk__gt=known_last or 0).values_list("word", "spelling")
    if _memory["key"] is None or known_count + new.count() != count:
        _memory["vocabulary"], new = fuzzy.Vocabulary(), SearchWord.objects.values_list("word", "spelling")
        _spellings.clear()
    rows = list(new.iterator(chunk_size=10_000))
    _spellings.update(rows)
    _memory["vocabulary"].add(word for word, _spelling in rows)
    _memory["key"] = (count, last)
    return _memory["vocabulary"]


def _words_of(documents: Iterable[ActionSearchDocument]) -> list[SearchWord]:
    words: dict[str, str] = {}
    for document in documents:
        for text in (document.title, document.summary, document.body, document.compounds):
            for word in _WORD.findall(text):
                spelling = word.lower()
                folded = fold(spelling)
                if not MIN_CORRECTED_LENGTH <= len(folded) <= 60 or folded.isdigit():
                    continue
                if words.get(folded, folded) == folded:  # an accented spelling is the one to show
                    words[folded] = spelling
    return [SearchWord(word=word, spelling=spelling) for word, spelling in words.items()]


# --- Indexing ----------------------------------------------------------------------------------------------------


def _document(action) -> ActionSearchDocument:
    parts = [action.what_was_done, action.results, action.benefits]
    parts += [actor.name for actor in action.public_actors]
    parts += [" ".join(filter(None, (p.label, p.address, p.city))) for p in action.places.all()]
    parts.append(action.owner.name)
    parts += [p.territory.name for p in action.partnerships.all()]
    body = "\n".join(part for part in parts if part)
    return ActionSearchDocument(
        action_id=action.pk,
        title=action.title,
        summary=action.summary,
        body=body,
        compounds=compounds(f"{action.title} {action.summary} {body}"),
    )


def _index_batch(ids: list[int]) -> None:

    actions = (
        Action.objects.filter(pk__in=ids)
        .select_related("owner")
        .only("id", "title", "summary", "what_was_done", "results", "benefits", "owner__name")
        .prefetch_related(
            models_prefetch("actors", Actor.objects.only("id", "action_id", "kind", "name", "contact_consent")),
            models_prefetch("places", Place.objects.only("id", "action_id", "label", "address", "city")),
            models_prefetch(
                "partnerships", ActionTerritory.objects.select_related("territory").only("action_id", "territory__name")
            ),
        )
    )
    documents = [_document(action) for action in actions]
    ActionSearchDocument.objects.filter(pk__in=ids).delete()
    ActionSearchDocument.objects.bulk_create(documents, batch_size=500)
    SearchWord.objects.bulk_create(_words_of(documents), batch_size=1000, ignore_conflicts=True)
    if is_postgresql():
        ActionSearchDocument.objects.filter(pk__in=ids).update(
            vector=SearchVector("title", weight="A", config=PG_CONFIG)
            + SearchVector("summary", weight="B", config=PG_CONFIG)
            + SearchVector("body", "compounds", weight="C", config=PG_CONFIG)
        )
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            placeholders = ",".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", chunk)  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [
                (d.action_id, stem_text(d.title), stem_text(d.summary), stem_text(f"{d.body} {d.compounds}"))
                for d in documents
            ],
        )


def models_prefetch(name, queryset):
    from django.db.models import Prefetch

    return Prefetch(name, queryset=queryset)


def refresh_search_index(action_ids: Iterable[int]) -> None:
    """Rebuild the search documents of these actions (removing those of deleted actions)."""
    ids = sorted(set(action_ids))
    for start in range(0, len(ids), BATCH):
        _index_batch(ids[start : start + BATCH])


def rebuild_search_index() -> int:
    """Rebuild every search document; returns the number of actions indexed."""

    ids = list(Action.objects.order_by("pk").values_list("pk", flat=True))
    ActionSearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()
    if not is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
    refresh_search_index(ids)
    return len(ids)
