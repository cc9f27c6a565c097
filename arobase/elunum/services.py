"""Writes of Elunum: the sources registry (suggest, approve, suspend, import, export) and the crawl of a host."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from arobase.core.spreadsheet import SafeWriter
from arobase.elunum import crawler, rules, search
from arobase.elunum.errors import InvalidSource, PermissionDenied
from arobase.elunum.models import (
    CrawlLog,
    DailySearchCount,
    HostLease,
    Page,
    Source,
    SourceKind,
    SourceStatus,
    SourceStatusChange,
)
from arobase.territories.models import Territory

CSV_COLUMNS = ["url", "name", "kind", "territory", "status"]
MAX_LOGGED_ERRORS = 50
LEASE_SECONDS = 15 * 60


def _require_staff(user) -> None:
    if not (user and user.is_authenticated and user.is_staff):
        raise PermissionDenied


def _set_status(source: Source, status: str, user) -> None:
    source.status = status
    source.status_changed_at = timezone.now()
    source.status_changed_by = user if user and user.is_authenticated else None
    if status == SourceStatus.APPROVED and source.next_crawl_at is None:
        source.next_crawl_at = timezone.now()
    source.save()
    SourceStatusChange.objects.create(source=source, status=status, changed_by=source.status_changed_by)


# --- Registry ----------------------------------------------------------------------------------------------------


def suggest_source(*, user, url: str, name: str, kind: str) -> Source:
    """A signed-in member suggests a source: a candidate until staff approve it."""
    if not (user and user.is_authenticated):
        raise PermissionDenied("Connectez-vous pour proposer une source.")
    try:
        prefix = rules.normalised_prefix(url)
    except ValueError as error:
        raise InvalidSource("L'adresse doit commencer par http:// ou https://.") from error
    if kind not in SourceKind.values:
        raise InvalidSource("Type de source inconnu.")
    if Source.objects.filter(url_prefix=prefix).exists():
        raise InvalidSource("Cette source est déjà connue.")
    source = Source.objects.create(
        url_prefix=prefix, host=rules.host_of(prefix), name=name.strip()[:200], kind=kind, suggested_by=user
    )
    SourceStatusChange.objects.create(source=source, status=SourceStatus.CANDIDATE, changed_by=user)
    return source


def approve_source(*, user, source: Source) -> Source:
    _require_staff(user)
    _set_status(source, SourceStatus.APPROVED, user)
    return source


def suspend_source(*, user, source: Source) -> Source:
    """Suspending takes the source's pages out of the search at once (they are filtered by status)."""
    _require_staff(user)
    _set_status(source, SourceStatus.SUSPENDED, user)
    return source


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)  # "ligne 3 : type « foo » inconnu"
    applied: bool = False


def _territory(code: str) -> Territory | None:
    code = code.strip().upper()
    return Territory.objects.filter(Q(code=code) | Q(siren=code)).order_by("is_obsolete", "pk").first()


def import_sources(
    handle: io.TextIOBase, *, user=None, dry_run: bool = False, skip_errors: bool = False, staff_check: bool = True
) -> ImportReport:
    """Reads a CSV of sources (see `manage.py import_sources --help`): idempotent (a known address is updated),
    every bad row named with its reason, and nothing written when any row is bad unless `skip_errors`.
    `staff_check=False` is for the command line, whose operator is trusted."""
    if staff_check:
        _require_staff(user)
    report = ImportReport()
    reader = csv.DictReader(handle)
    missing = {"url", "name", "kind"} - {name.strip() for name in (reader.fieldnames or [])}
    if missing:
        report.errors.append(f"en-tête : colonnes manquantes {', '.join(sorted(missing))}")
        return report
    rows = []
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        problem, values = _check_row(row)
        if problem:
            report.errors.append(f"ligne {line} : {problem}")
        else:
            rows.append(values)
    if dry_run or (report.errors and not skip_errors):
        return report
    with transaction.atomic():
        for values in rows:
            prefix = values.pop("url_prefix")
            source = Source.objects.filter(url_prefix=prefix).first()
            status = values.pop("status")
            if source is None:
                source = Source.objects.create(url_prefix=prefix, host=rules.host_of(prefix), **values)
                report.created += 1
                _set_status(source, status, user)
            else:
                for name, value in values.items():
                    setattr(source, name, value)
                source.save()
                report.updated += 1
                if source.status != status:
                    _set_status(source, status, user)
    report.applied = True
    return report


def _check_row(row: dict[str, str]) -> tuple[str | None, dict]:
    try:
        prefix = rules.normalised_prefix(row.get("url", ""))
    except ValueError:
        return f"adresse « {row.get('url', '')} » invalide (http:// ou https:// attendu)", {}
    if not row.get("name"):
        return "nom manquant", {}
    kind = row.get("kind", "")
    if kind not in SourceKind.values:
        return f"type « {kind} » inconnu (attendu : {', '.join(SourceKind.values)})", {}
    status = row.get("status") or SourceStatus.APPROVED
    if status not in SourceStatus.values:
        return f"statut « {status} » inconnu (attendu : {', '.join(SourceStatus.values)})", {}
    territory = None
    if row.get("territory"):
        territory = _territory(row["territory"])
        if territory is None:
            return f"collectivité « {row['territory']} » introuvable (code INSEE ou SIREN)", {}
    return None, {
        "url_prefix": prefix,
        "name": row["name"][:200],
        "kind": kind,
        "territory": territory,
        "status": status,
    }


def export_sources(handle: io.TextIOBase) -> int:
    """Writes every source as CSV, the columns `import_sources` reads (a round trip changes nothing)."""
    writer = SafeWriter(handle)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for source in Source.objects.select_related("territory").order_by("pk"):
        territory = source.territory
        code = (territory.code if territory.kind != "epci" else territory.siren or territory.code) if territory else ""
        writer.writerow([source.url_prefix, source.name, source.kind, code, source.status])
        count += 1
    return count


def count_search() -> None:
    """One more search today: the only trace a search leaves."""
    today = timezone.localdate()
    DailySearchCount.objects.get_or_create(day=today)
    DailySearchCount.objects.filter(day=today).update(count=F("count") + 1)


# --- Leases ------------------------------------------------------------------------------------------------------


def claim_host(host: str, *, holder: str | None = None, seconds: int = LEASE_SECONDS) -> str | None:
    """Claims the host for `seconds`: the holder's name, or None when another worker holds it. One conditional
    UPDATE on both databases (atomic: of two concurrent claims, one updates the row); PostgreSQL first skips a row
    another transaction has locked."""
    holder = holder or uuid.uuid4().hex
    now = timezone.now()
    HostLease.objects.bulk_create([HostLease(host=host)], ignore_conflicts=True)
    free = HostLease.objects.filter(host=host).filter(Q(expires_at__isnull=True) | Q(expires_at__lte=now))
    with transaction.atomic():
        if connection.vendor == "postgresql" and not free.select_for_update(skip_locked=True).exists():
            return None
        claimed = free.update(holder=holder, expires_at=now + timedelta(seconds=seconds))
    return holder if claimed else None


def release_host(host: str, holder: str) -> None:
    HostLease.objects.filter(host=host, holder=holder).update(holder="", expires_at=None)


# --- Crawl -------------------------------------------------------------------------------------------------------


def due_sources(now=None):
    now = now or timezone.now()
    return Source.objects.filter(status=SourceStatus.APPROVED, is_demo=False).filter(
        Q(next_crawl_at__isnull=True) | Q(next_crawl_at__lte=now)
    )


@dataclass
class CrawlSummary:
    sources: int = 0
    fetched: int = 0
    indexed: int = 0
    not_modified: int = 0
    removed: int = 0
    errors: int = 0
    busy_hosts: list[str] = field(default_factory=list)

    def add(self, log: CrawlLog) -> None:
        self.sources += 1
        self.fetched += log.fetched
        self.indexed += log.indexed
        self.not_modified += log.not_modified
        self.removed += log.removed
        self.errors += len(log.errors)


def crawl_host(
    host: str,
    *,
    fetcher: crawler.Fetcher | None = None,
    sleep=None,
    only_due: bool = True,
    source_ids: list[int] | None = None,
) -> CrawlSummary:
    """Crawls the (due) approved sources of one host (or only `source_ids`) under its lease; nothing when another
    worker holds it."""
    summary = CrawlSummary()
    holder = claim_host(host)
    if holder is None:
        summary.busy_hosts.append(host)
        return summary
    own_fetcher = fetcher is None
    fetcher = fetcher or crawler.Fetcher()
    try:
        sources = due_sources() if only_due else Source.objects.filter(status=SourceStatus.APPROVED)
        if source_ids is not None:
            sources = sources.filter(pk__in=source_ids)
        for source in sources.filter(host=host).order_by("pk"):
            summary.add(crawl_source(source, fetcher=fetcher, sleep=sleep))
    finally:
        release_host(host, holder)
        if own_fetcher:
            fetcher.close()
    return summary


class _Crawl:
    def __init__(self, source: Source, fetcher: crawler.Fetcher, sleep):
        self.source, self.fetcher = source, fetcher
        self.log = CrawlLog.objects.create(source=source, started_at=timezone.now())
        root = f"{urlsplit_root(source.url_prefix)}/robots.txt"
        robots_text = ""
        try:
            response = fetcher.get(root)
            if response.status == 200:
                robots_text = response.content.decode("utf-8", errors="replace")
        except (crawler.FetchRefused, httpx.HTTPError) as error:
            self.error(root, error)
        self.robots = rules.RobotsRules(robots_text)
        agent = settings.CRAWLER_USER_AGENT
        delay = self.robots.crawl_delay(agent, settings.CRAWLER_MIN_DELAY_SECONDS)
        self.politeness = crawler.Politeness(delay, **({"sleep": sleep} if sleep else {}))
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.indexed_ids: list[int] = []

    def error(self, url: str, error) -> None:
        if len(self.log.errors) < MAX_LOGGED_ERRORS:
            self.log.errors.append({"url": url, "reason": str(error) or error.__class__.__name__})

    def allowed(self, url: str) -> bool:
        return rules.inside_prefix(url, self.source.url_prefix) and self.robots.allows(url, settings.CRAWLER_USER_AGENT)

    def enqueue(self, urls, *, first: bool = False) -> None:
        for url in urls:
            try:
                url = crawler.canonical_url(url)
            except ValueError:
                continue
            if url not in self.seen and self.allowed(url):
                self.seen.add(url)
                (self.queue.appendleft if first else self.queue.append)(url)

    def fetch(self, url: str, headers=None):
        self.politeness.wait()
        self.log.fetched += 1
        return self.fetcher.get(url, headers)

    def seeds(self) -> None:
        """Sitemaps (from robots.txt, else /sitemap.xml) and feeds first, then the prefix itself."""
        sitemaps = self.robots.sitemaps() or [f"{urlsplit_root(self.source.url_prefix)}/sitemap.xml"]
        pending, done = list(sitemaps), set()
        while pending and len(done) < 20:
            url = pending.pop(0)
            if url in done or not rules.inside_prefix(url, urlsplit_root(self.source.url_prefix) + "/"):
                continue
            done.add(url)
            try:
                response = self.fetch(url)
                if response.status == 200:
                    pages, subs = crawler.sitemap_urls(response.content)
                    self.enqueue(pages)
                    pending.extend(subs)
            except (crawler.FetchRefused, httpx.HTTPError) as error:
                self.error(url, error)
        self.enqueue([self.source.url_prefix])
        try:
            home = self.fetch(self.source.url_prefix)
            if home.status == 200 and "html" in home.content_type:
                for feed in crawler.feed_links(home.content, home.url)[:5]:
                    if rules.inside_prefix(feed, urlsplit_root(self.source.url_prefix) + "/"):
                        response = self.fetch(feed)
                        if response.status == 200:
                            self.enqueue(crawler.feed_urls(response.content), first=True)
        except (crawler.FetchRefused, httpx.HTTPError) as error:
            self.error(self.source.url_prefix, error)

    def run(self) -> CrawlLog:
        self.seeds()
        budget = self.source.budget_pages
        visited = 0
        while self.queue and visited < budget:
            url = self.queue.popleft()
            visited += 1
            self.visit(url)
        self.finish()
        return self.log

    def visit(self, url: str) -> None:
        page = Page.objects.filter(url=url).first()
        headers = {}
        if page and page.etag:
            headers["If-None-Match"] = page.etag
        if page and page.last_modified:
            headers["If-Modified-Since"] = page.last_modified
        try:
            response = self.fetch(url, headers)
        except (crawler.FetchRefused, httpx.HTTPError) as error:
            self.error(url, error)
            return
        if response.status == 304 and page:
            self.log.not_modified += 1
            Page.objects.filter(pk=page.pk).update(fetched_at=timezone.now(), missing_count=0)
            return
        if response.status in (404, 410):
            self.missing(url, page)
            return
        if response.status != 200:
            self.error(url, f"HTTP {response.status}")
            return
        if not rules.inside_prefix(response.url, self.source.url_prefix):
            self.error(url, "redirection hors de la source")
            return
        try:
            if response.content_type == "application/pdf":
                extracted = crawler.extract_pdf(response.content)
            elif "html" in response.content_type:
                extracted = crawler.extract_html(response.content, response.url)
            else:
                return
        except Exception as error:
            self.error(url, f"extraction impossible : {error.__class__.__name__}")
            return
        self.enqueue(extracted.links)
        if extracted.canonical and extracted.canonical != url and self.allowed(extracted.canonical):
            canonical = crawler.canonical_url(extracted.canonical)
            if canonical != url and canonical not in self.seen:
                self.seen.add(canonical)
                self.queue.appendleft(canonical)
                return
        self.store(url, page, response, extracted)

    def missing(self, url: str, page: Page | None) -> None:
        if page is None:
            return
        page.missing_count += 1
        if page.missing_count >= 2:
            search.remove_pages([page.pk])
            page.delete()
            self.log.removed += 1
        else:
            page.save(update_fields=["missing_count"])

    def store(self, url: str, page: Page | None, response: crawler.Response, extracted: crawler.Extracted) -> None:
        if not extracted.text:
            return
        fingerprint = rules.simhash(f"{extracted.title} {extracted.text}")
        page = page or Page(url=url, source=self.source)
        page.source = self.source
        page.title = extracted.title[:2000] or url
        page.text = extracted.text
        page.compounds = search.compounds_of(page.title, page.text)
        page.language = extracted.language
        page.published_at = extracted.published_at
        page.fetched_at = timezone.now()
        page.etag = response.headers.get("etag", "")[:200]
        page.last_modified = response.headers.get("last-modified", "")[:64]
        page.fingerprint = fingerprint
        page.missing_count = 0
        page.duplicate_of = self.original_of(page, fingerprint)
        page.save()
        if page.duplicate_of_id:
            search.remove_pages([page.pk])
        else:
            self.indexed_ids.append(page.pk)
            self.log.indexed += 1

    def original_of(self, page: Page, fingerprint: int) -> Page | None:
        """The page of the same source whose content this one repeats (the first one seen), if any."""
        others = Page.objects.filter(source=self.source, duplicate_of=None, fingerprint__isnull=False)
        if page.pk:
            others = others.exclude(pk=page.pk)
        for other_pk, other in others.order_by("pk").values_list("pk", "fingerprint").iterator():
            if rules.near_duplicates(fingerprint, other):
                return Page(pk=other_pk)
        return None

    def finish(self) -> None:
        search.index_pages(self.indexed_ids)
        now = timezone.now()
        self.log.finished_at = now
        self.log.save()
        source = self.source
        failed = self.log.fetched > 0 and len(self.log.errors) >= self.log.fetched
        source.failures = source.failures + 1 if failed else 0
        delay = (
            timedelta(seconds=rules.backoff_seconds(source.failures))
            if failed
            else timedelta(days=source.frequency_days)
        )
        source.next_crawl_at = now + delay
        source.save(update_fields=["failures", "next_crawl_at"])


def urlsplit_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def crawl_source(source: Source, *, fetcher: crawler.Fetcher, sleep=None) -> CrawlLog:
    """Crawls one source now (the caller holds its host's lease) and records the crawl in its log."""
    return _Crawl(source, fetcher, sleep).run()


# --- Demo --------------------------------------------------------------------------------------------------------


def load_demo_corpus(path) -> int:
    """Loads the demo sources and pages (marked `is_demo`, never crawled) from a JSON file, once; returns the
    number of pages loaded (0 when demo sources already exist)."""
    if Source.objects.filter(is_demo=True).exists():
        return 0
    with open(path, encoding="utf-8") as handle:
        corpus = json.load(handle)
    ids = []
    with transaction.atomic():
        for entry in corpus["sources"]:
            prefix = rules.normalised_prefix(entry["url"])
            source = Source.objects.create(
                url_prefix=prefix,
                host=rules.host_of(prefix),
                name=entry["name"],
                kind=entry["kind"],
                status=SourceStatus.APPROVED,
                is_demo=True,
            )
            SourceStatusChange.objects.create(source=source, status=SourceStatus.APPROVED)
            for item in entry["pages"]:
                page = Page.objects.create(
                    source=source,
                    url=item["url"],
                    title=item["title"],
                    text=item["text"],
                    compounds=search.compounds_of(item["title"], item["text"]),
                    language="fr",
                    published_at=item.get("published_at"),
                    fingerprint=rules.simhash(f"{item['title']} {item['text']}"),
                    is_demo=True,
                )
                ids.append(page.pk)
        search.index_pages(ids)
    return len(ids)
