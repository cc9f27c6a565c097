"""Elunum's search: one interface over trusted pages and published Atlaas actions, on both databases.

Pages are indexed the way the Atlaas indexes actions (arobase/atlaas/search.py), with its stemmer and its
`french_unaccent` configuration: on PostgreSQL a weighted tsvector (A title, C text) in `Page.vector` with a GIN
index, queried with `websearch_to_tsquery` and ranked by `ts_rank`; on SQLite the FTS5 table `elunum_page_fts`
holding the Python-stemmed texts, ranked by bm25. Their words join the Atlaas vocabulary (`SearchWord`), so
`correct_query` corrects typos over pages and actions alike.

Actions are not copied: they are searched through the Atlaas index itself (`atlaas.search.search` over
`public_actions`), which the Atlaas signals keep current on every write, so an unpublished action leaves Elunum at
the same moment it leaves the Atlaas.

Both lists are merged by `rules.score` (relevance, freshness, kind of source).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, FloatField, QuerySet, Value
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


def _pages(filters: SearchFilters, query: str) -> QuerySet[Page]:
    pages = Page.objects.filter(source__status=SourceStatus.APPROVED, duplicate_of__isnull=True)
    if filters.kind:
        pages = pages.filter(source__kind=filters.kind)
    if filters.region:
        pages = pages.filter(source__territory__in=territories_in_region(filters.region).values("pk"))
    if filters.since:
        pages = pages.filter(published_at__gte=filters.since)
    if is_postgresql():
        ts_query = SearchQuery(atlaas_search.joined_compounds(query), config=PG_CONFIG, search_type="websearch")
        return pages.filter(vector=ts_query).annotate(search_rank=SearchRank(F("vector"), ts_query) * 10)
    match = atlaas_search.fts5_query(query)
    if not match:
        return pages.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    return pages.extra(  # noqa: S610 (fixed SQL, the query is a parameter)
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = elunum_page.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"search_rank": f"-bm25({FTS_TABLE}, 10.0, 1.0)"},
    )


def _actions(filters: SearchFilters, query: str):
    if filters.kind and filters.kind != SourceKind.COLLECTIVITE:
        return None
    since = None
    if filters.since:
        since = timezone.make_aware(timezone.datetime.combine(filters.since, timezone.datetime.min.time()))
    actions = public_actions(ActionFilters(region=filters.region, updated_since=since))
    return atlaas_search.search(actions, query).select_related("owner")


def _run(filters: SearchFilters, query: str, limit: int) -> tuple[int, list[Hit]]:
    today = timezone.localdate()
    stems = set(atlaas_search.query_stems(query))
    count, hits = 0, []
    if filters.type != ACTION:
        pages = _pages(filters, query)
        count += pages.count()
        rows = pages.select_related("source").order_by("-search_rank", "-pk")[:limit]
        for page in rows:
            age = (today - page.published_at).days if page.published_at else None
            title_html, excerpt_html = _highlight(page.title, stems, whole=True), _highlight(page.text, stems)
            hits.append(
                Hit(
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
                    score=rules.score(relevance=float(page.search_rank), age_days=age, kind=page.source.kind),
                )
            )
    actions = _actions(filters, query) if filters.type != PAGE else None
    if actions is not None:
        count += actions.count()
        rows = list(actions.order_by("-search_rank", "-pk")[:limit])
        texts = atlaas_search.excerpts([a.pk for a in rows], query)
        for action in rows:
            when = (action.published_at or action.updated_at).date()
            title_html, excerpt_html = texts.get(action.pk, (escape(action.title), escape(action.summary)))
            relevance = float(action.search_rank) * (10 if is_postgresql() else 1)
            hits.append(
                Hit(
                    type=ACTION,
                    url=reverse("actions:detail", args=[action.pk]),
                    title=action.title,
                    title_html=title_html,
                    excerpt=_plain(excerpt_html),
                    excerpt_html=excerpt_html,
                    published_at=when,
                    source_name=action.owner.name,
                    source_kind=SourceKind.COLLECTIVITE,
                    host="",
                    score=rules.score(relevance=relevance, age_days=(today - when).days, kind=ACTION),
                )
            )
    hits.sort(key=lambda hit: -hit.score)
    return count, hits


def search(filters: SearchFilters, *, page: int = 1, page_size: int = 20) -> Results:
    """The `page_size` best results of page `page` (from 1); when nothing is found, the query corrected by
    `atlaas.search.correct_query` is tried and named in `corrected`."""
    query = filters.q.replace("\x00", " ").strip()
    if not query:
        return Results(count=0, hits=[])
    limit = min(page * page_size, MAX_CANDIDATES)
    count, hits = _run(filters, query, limit)
    corrected = None
    if count == 0:
        corrected = atlaas_search.correct_query(query)
        if corrected:
            count, hits = _run(filters, corrected, limit)
    start = (page - 1) * page_size
    return Results(count=count, hits=hits[start : start + page_size], corrected=corrected)


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
