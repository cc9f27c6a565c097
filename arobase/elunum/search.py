"""Elunum's search: one interface over trusted pages and published Atlaas actions, on both databases.

Pages are indexed the way the Atlaas indexes actions (arobase/atlaas/search.py), with its stemmer and its
`french_unaccent` configuration: on PostgreSQL a weighted tsvector (A title, C text) in `Page.vector` with a GIN
index, queried with `websearch_to_tsquery` and ranked by `ts_rank`; on SQLite the FTS5 table `elunum_page_fts`
holding the Python-stemmed texts, ranked by bm25. Their words join the Atlaas vocabulary (`SearchWord`), so
`correct_query` corrects typos over pages and actions alike.

Actions are not copied: they are searched through the Atlaas index itself (`atlaas.search.search` over
`public_actions`), which the Atlaas signals keep current on every write, so an unpublished action leaves Elunum at
the same moment it leaves the Atlaas.

Both lists are merged by `rules.score` (relevance, freshness, kind of source). The count is exact, but a common
word matches thousands of pages and ranking them all passes the 50 ms an answer may take (docs/performance.md):
only a bounded set of candidate pages is ranked, then scored (`_ranked_pages`); texts and excerpts are read for the
shown results only.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import BooleanField, Count, F, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from arobase.atlaas import search as atlaas_search
from arobase.atlaas.models import SearchWord
from arobase.atlaas.public_selectors import ActionFilters, public_actions, territories_in_region
from arobase.elunum import rules
from arobase.elunum.models import Page, SourceKind, SourceStatus

FTS_TABLE = "elunum_page_fts"
PG_CONFIG = atlaas_search.PG_CONFIG
BATCH = 1000
EXCERPT_WORDS = 30
MAX_CANDIDATES = 2000  # results ranked per kind for one answer: deeper pages are refused by the API and the page
RANKED_CANDIDATES = 100  # pages ranked per answer at least (see `_ranked_pages`)
PAGE_FIELDS = ("url", "title", "text", "published_at", "source__name", "source__kind", "source__host")
_WORD = re.compile(r"[^\W_]+")
_START, _STOP = "\x02", "\x03"
ACTION = "action"
PAGE = "page"


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    kind: str | None = None  # SourceKind value
    region: str | None = None  # INSEE code of a région
    type: str | None = None  # "page" or "action"
    since: date | None = None


@dataclass
class Hit:
    type: str
    url: str
    title: str
    title_html: str
    excerpt: str
    excerpt_html: str
    published_at: date | None
    source_name: str
    source_kind: str
    host: str
    score: float


@dataclass
class Results:
    count: int
    hits: list[Hit]
    corrected: str | None = None


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- Searching ---------------------------------------------------------------------------------------------------


def _pages(filters: SearchFilters) -> QuerySet[Page]:
    """The searchable pages these filters keep, whatever the query."""
    pages = Page.objects.filter(source__status=SourceStatus.APPROVED, duplicate_of__isnull=True)
    if filters.kind:
        pages = pages.filter(source__kind=filters.kind)
    if filters.region:
        pages = pages.filter(source__territory__in=territories_in_region(filters.region).values("pk"))
    if filters.since:
        pages = pages.filter(published_at__gte=filters.since)
    return pages


@dataclass(frozen=True)
class _Ranked:
    """A result before it is shown: what orders it. Texts and excerpts are read for the shown ones only."""

    type: str
    pk: int
    score: float


def _ranked_pages(filters: SearchFilters, query: str, limit: int) -> tuple[int, list[_Ranked]]:
    """The exact number of pages matching `query` and the `limit` best of them by `rules.score`, among a bounded
    set of candidates: ranking every match of a common word costs more than the 50 ms an answer may take."""
    candidates = _candidate_pages_postgresql if is_postgresql() else _candidate_pages_sqlite
    count, rows = candidates(_pages(filters), query, max(RANKED_CANDIDATES, limit))
    today = timezone.localdate()
    ranked = [
        _Ranked(
            type=PAGE,
            pk=pk,
            score=rules.score(
                relevance=float(relevance), age_days=(today - published).days if published else None, kind=kind
            ),
        )
        for pk, relevance, published, kind in rows
    ]
    ranked.sort(key=lambda result: (-result.score, -result.pk))
    return count, ranked[:limit]


def _candidate_pages_postgresql(pages: QuerySet[Page], query: str, size: int) -> tuple[int, list[tuple]]:
    """The count, and (id, relevance, published_at, kind) of the freshest `size` matches and of the freshest
    `size` whose title holds a word of the query (the title weighs most in the rank, freshness in the score).
    `ts_rank` reads a page's whole vector, so only these are ranked; the count comes with the freshest in one
    scan, the title matches from their own GIN index (migration 0003)."""
    ts_query = SearchQuery(atlaas_search.joined_compounds(query), config=PG_CONFIG, search_type="websearch")
    matching = pages.filter(vector=ts_query)
    freshest = (F("published_at").desc(nulls_last=True), F("pk").desc())
    rows = list(matching.annotate(total=Window(Count("pk"))).order_by(*freshest).values_list("pk", "total")[:size])
    if not rows:
        return 0, []
    count = rows[0][1]
    candidates = {pk for pk, _total in rows}
    words = _WORD.findall(atlaas_search.joined_compounds(query))
    if count > len(rows) and words:
        in_title = reduce(or_, (SearchQuery(word, config=PG_CONFIG) for word in words))
        titled = matching.annotate(title_vector=SearchVector("title", config=PG_CONFIG)).filter(title_vector=in_title)
        candidates.update(titled.order_by(*freshest).values_list("pk", flat=True)[:size])
    # One array parameter: hundreds of placeholders cost more to bind than the ranking itself.
    among_candidates = RawSQL("elunum_page.id = ANY(%s)", (sorted(candidates),), output_field=BooleanField())
    ranked = (
        Page.objects.filter(among_candidates)
        .annotate(search_rank=SearchRank(F("vector"), ts_query) * 10)
        .values_list("pk", "search_rank", "published_at", "source__kind")
    )
    return count, list(ranked)


def _candidate_pages_sqlite(pages: QuerySet[Page], query: str, size: int) -> tuple[int, list[tuple]]:
    """The count, and (id, relevance, published_at, kind) of the `size` matches of best bm25 that the filters
    keep. Past `size` matches, FTS5 ranks them all itself, quickly and without reading a page; its best rows are
    taken, as deep as the filters' share of the matches (known from the counts) requires, deeper when they kept
    too few."""
    match = atlaas_search.fts5_query(query)
    if not match:
        return 0, []
    # The count walks the FTS5 matches and looks each page up by its rowid: twice as fast as an `IN (…)` list,
    # which SQLite builds first, then probes through the index on duplicate_of (docs/performance.md).
    matching = pages.extra(  # noqa: S610 (fixed SQL, the query is a parameter)
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = elunum_page.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
    )
    count = matching.count()
    if not count:
        return 0, []
    if count <= size:  # all of them, ranked by the same join
        ranked = matching.extra(select={"search_rank": f"-bm25({FTS_TABLE}, 10.0, 1.0)"})  # noqa: S610
        return count, list(ranked.values_list("pk", "search_rank", "published_at", "source__kind"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608
        (indexed,) = cursor.fetchone()
        depth = math.ceil(1.5 * size * indexed / count)  # a margin: the filters keep a share, not an exact one
        while True:
            cursor.execute(
                f"SELECT rowid, -bm25({FTS_TABLE}, 10.0, 1.0) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY bm25({FTS_TABLE}, 10.0, 1.0) LIMIT %s",
                [match, depth],
            )
            relevance = dict(cursor.fetchall())
            best = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(relevance))])
            kept = pages.filter(pk__in=best).values_list("pk", "published_at", "source__kind")
            rows = [(pk, relevance[pk], published, kind) for pk, published, kind in kept]
            if len(rows) >= min(size, count) or depth >= indexed:
                return count, rows
            depth *= 4


def _actions(filters: SearchFilters, query: str):
    if filters.kind and filters.kind != SourceKind.COLLECTIVITE:
        return None
    since = None
    if filters.since:
        since = timezone.make_aware(timezone.datetime.combine(filters.since, timezone.datetime.min.time()))
    actions = public_actions(ActionFilters(region=filters.region, updated_since=since))
    return atlaas_search.search(actions, query)


def _ranked_actions(filters: SearchFilters, query: str, limit: int) -> tuple[int, list[_Ranked]]:
    actions = _actions(filters, query)
    if actions is None:
        return 0, []
    today = timezone.localdate()
    scale = 10 if is_postgresql() else 1  # ts_rank is an order of magnitude below bm25
    rows = actions.order_by("-search_rank", "-pk").values_list("pk", "search_rank", "published_at", "updated_at")
    ranked = []
    for pk, relevance, published, updated in rows[:limit]:
        when = (published or updated).date()
        score = rules.score(relevance=float(relevance) * scale, age_days=(today - when).days, kind=ACTION)
        ranked.append(_Ranked(type=ACTION, pk=pk, score=score))
    return (len(ranked) if len(ranked) < limit else actions.count()), ranked  # all found: no need to count


def _run(filters: SearchFilters, query: str, limit: int) -> tuple[int, list[_Ranked]]:
    count, ranked = 0, []
    if filters.type != ACTION:
        page_count, pages = _ranked_pages(filters, query, limit)
        count, ranked = count + page_count, ranked + pages
    if filters.type != PAGE:
        action_count, actions = _ranked_actions(filters, query, limit)
        count, ranked = count + action_count, ranked + actions
    ranked.sort(key=lambda result: -result.score)
    return count, ranked


def _hits(ranked: list[_Ranked], query: str) -> list[Hit]:
    """The shown results with their texts, titles and excerpts highlighted."""
    stems = set(atlaas_search.query_stems(query))
    page_ids = [result.pk for result in ranked if result.type == PAGE]
    action_ids = [result.pk for result in ranked if result.type == ACTION]
    pages = Page.objects.select_related("source").only(*PAGE_FIELDS).in_bulk(page_ids)
    actions = public_actions(ActionFilters()).select_related("owner").in_bulk(action_ids)
    texts = atlaas_search.excerpts(action_ids, query)
    hits = []
    for result in ranked:  # a page or an action may have left since it was ranked
        if result.type == PAGE and result.pk in pages:
            hits.append(_page_hit(pages[result.pk], stems, result.score))
        elif result.type == ACTION and result.pk in actions:
            hits.append(_action_hit(actions[result.pk], texts, result.score))
    return hits


def _page_hit(page: Page, stems: set[str], score: float) -> Hit:
    title_html, excerpt_html = _highlight(page.title, stems, whole=True), _highlight(page.text, stems)
    return Hit(
        type=PAGE,
        url=page.url,
        title=page.title,
        title_html=title_html,
        excerpt=_plain(excerpt_html),
        excerpt_html=excerpt_html,
        published_at=page.published_at,
        source_name=page.source.name,
        source_kind=page.source.kind,
        host=page.source.host,
        score=score,
    )


def _action_hit(action, texts: dict[int, tuple[str, str]], score: float) -> Hit:
    title_html, excerpt_html = texts.get(action.pk, (escape(action.title), escape(action.summary)))
    return Hit(
        type=ACTION,
        url=reverse("actions:detail", args=[action.pk]),
        title=action.title,
        title_html=title_html,
        excerpt=_plain(excerpt_html),
        excerpt_html=excerpt_html,
        published_at=(action.published_at or action.updated_at).date(),
        source_name=action.owner.name,
        source_kind=SourceKind.COLLECTIVITE,
        host="",
        score=score,
    )


def search(filters: SearchFilters, *, page: int = 1, page_size: int = 20) -> Results:
    """The `page_size` best results of page `page` (from 1); when nothing is found, the query corrected by
    `atlaas.search.correct_query` is tried and named in `corrected`."""
    query = filters.q.replace("\x00", " ").strip()
    if not query:
        return Results(count=0, hits=[])
    limit = min(page * page_size, MAX_CANDIDATES)
    count, ranked = _run(filters, query, limit)
    corrected = None
    if count == 0:
        corrected = atlaas_search.correct_query(query)
        if corrected:
            query = corrected
            count, ranked = _run(filters, query, limit)
    start = (page - 1) * page_size
    return Results(count=count, hits=_hits(ranked[start : start + page_size], query), corrected=corrected)


def _mark(text: str) -> str:
    return escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")


def _plain(html_text: str) -> str:
    return (
        re.sub(r"</?mark>", "", html_text)
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
    )


def _highlight(text: str, stems: set[str], *, whole: bool = False) -> str:
    """Safe HTML: the text (or an excerpt around the first match) escaped, matching words in <mark>."""
    matches = list(_WORD.finditer(text))
    if not matches:
        return escape(text[:300])
    first_hit = 0 if whole else next((i for i, m in enumerate(matches) if atlaas_search.stem(m.group()) in stems), 0)
    first = max(0, first_hit - 5)
    window = matches if whole else matches[first : first + EXCERPT_WORDS]
    start = window[0].start()
    end = len(text) if window[-1] is matches[-1] else window[-1].end()
    pieces, cursor = [], start
    for m in window:
        pieces.append(text[cursor : m.start()])
        word = m.group()
        pieces.append(f"{_START}{word}{_STOP}" if atlaas_search.stem(word) in stems else word)
        cursor = m.end()
    pieces.append(text[cursor:end])
    body = "".join(pieces)
    if whole:
        return _mark(text[:start] + body + text[end:])
    return _mark(("… " if start > 0 else "") + body + (" …" if end < len(text) else ""))


# --- Indexing ----------------------------------------------------------------------------------------------------


def _words(texts: Iterable[str]) -> list[SearchWord]:
    words: dict[str, str] = {}
    seen: set[str] = set()
    for text in texts:
        for word in _WORD.findall(text):
            if word in seen:  # most words repeat: fold each spelling once
                continue
            seen.add(word)
            spelling = word.lower()
            folded = atlaas_search.fold(spelling)
            if not atlaas_search.MIN_CORRECTED_LENGTH <= len(folded) <= 60 or folded.isdigit():
                continue
            if words.get(folded, folded) == folded:
                words[folded] = spelling
    return [SearchWord(word=word, spelling=spelling) for word, spelling in words.items()]


def remove_pages(ids: Iterable[int]) -> None:
    ids = list(ids)
    if not ids:
        return
    if is_postgresql():
        Page.objects.filter(pk__in=ids).update(vector=None)
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({','.join(['%s'] * len(chunk))})", chunk)  # noqa: S608


def compounds_of(title: str, text: str) -> str:
    """What `Page.compounds` holds: set by whoever writes a page's text (the crawler, the demo loader)."""
    return atlaas_search.compounds(f"{title} {text}")


def index_pages(ids: Iterable[int]) -> int:
    """(Re)indexes these pages (duplicates are left out); returns the number indexed."""
    ids = sorted(set(ids))
    indexed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        remove_pages(chunk)
        pages = Page.objects.filter(pk__in=chunk, duplicate_of__isnull=True)
        rows = list(pages.values_list("pk", "title", "text", "compounds"))
        SearchWord.objects.bulk_create(
            _words(f"{title} {text}" for _pk, title, text, _compounds in rows), batch_size=1000, ignore_conflicts=True
        )
        if is_postgresql():
            Page.objects.filter(pk__in=[row[0] for row in rows]).update(
                vector=SearchVector("title", weight="A", config=PG_CONFIG)
                + SearchVector("text", "compounds", weight="C", config=PG_CONFIG)
            )
        else:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                    [
                        (
                            pk,
                            atlaas_search.stem_text(title),
                            atlaas_search.stem_text(f"{text} {compounds}"),
                        )
                        for pk, title, text, compounds in rows
                    ],
                )
        indexed += len(rows)
    return indexed


def rebuild() -> int:
    """Reindexes every page; returns the number indexed."""
    if not is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
    else:
        Page.objects.update(vector=None)
    return index_pages(Page.objects.values_list("pk", flat=True))
