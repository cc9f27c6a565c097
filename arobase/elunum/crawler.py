"""The polite crawler of Elunum: fetches the pages of one source, within its prefix, as robots.txt allows.

Politeness: robots.txt (protego) with its Crawl-delay, one request at a time per host (the caller holds the host's
lease, see services.crawl_host) with a delay between requests, a User-Agent naming the platform and a contact URL.
Sitemaps (ultimate-sitemap-parser) and feeds (feedparser) first, then the links found on the pages.

Safety: only http and https; every response is limited in size, time and redirects; the SSRF guard resolves the
host and refuses private, loopback, link-local, multicast and reserved addresses, before the first request and on
every redirect, unless `CRAWLER_ALLOW_PRIVATE_NETWORKS` (tests only).
"""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

import courlan
import feedparser
import httpx
import lxml.html
import trafilatura
from django.conf import settings
from pypdf import PdfReader
from usp.tree import sitemap_from_str

from arobase.elunum import rules


class FetchRefused(Exception):
    """The address may not be fetched (scheme, private network, too many redirects, too large)."""


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def resolve_addresses(host: str) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]


@dataclass
class Fetcher:
    """One HTTP client with the limits of the settings; `get` follows redirects itself to guard each hop."""

    allow_private: bool = field(default_factory=lambda: settings.CRAWLER_ALLOW_PRIVATE_NETWORKS)
    max_bytes: int = field(default_factory=lambda: settings.CRAWLER_MAX_BYTES)
    timeout: float = field(default_factory=lambda: settings.CRAWLER_TIMEOUT_SECONDS)
    max_redirects: int = field(default_factory=lambda: settings.CRAWLER_MAX_REDIRECTS)
    resolve: Callable[[str], list[str]] = resolve_addresses

    def __post_init__(self):
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            headers={"User-Agent": settings.CRAWLER_USER_AGENT},
        )

    def close(self) -> None:
        self.client.close()

    def guard(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in rules.ALLOWED_SCHEMES or not parts.hostname:
            raise FetchRefused("adresse non http(s)")
        if self.allow_private:
            return
        try:
            addresses = self.resolve(parts.hostname)
        except OSError as error:
            raise FetchRefused("nom d'hôte introuvable") from error
        if not addresses or not all(rules.is_public_address(address) for address in addresses):
            raise FetchRefused("adresse privée refusée")

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        for _hop in range(self.max_redirects + 1):
            self.guard(url)
            with self.client.stream("GET", url, headers=headers or {}) as response:
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchRefused("réponse trop volumineuse")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise FetchRefused("réponse trop volumineuse")
                return Response(
                    url=str(response.url),
                    status=response.status_code,
                    headers={k.lower(): v for k, v in response.headers.items()},
                    content=bytes(body),
                )
        raise FetchRefused("trop de redirections")


@dataclass
class Extracted:
    title: str
    text: str
    language: str
    published_at: date | None
    canonical: str | None
    links: list[str]


def canonical_url(url: str) -> str:
    """The address as stored: courlan's normalisation (lower-case host, sorted query, no fragment, tracking
    parameters removed)."""
    return courlan.normalize_url(url, strict=True)


def extract_html(content: bytes, url: str) -> Extracted:
    """The main text without navigation, footers or cookie banners (trafilatura), with title, date and language;
    the links and the canonical address of the page."""
    html = content.decode("utf-8", errors="replace")
    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    document = extracted.as_dict() if extracted else {}
    links: list[str] = []
    canonical = None
    declared_language = ""
    try:
        tree = lxml.html.fromstring(content)
        links = [urljoin(url, href) for href in tree.xpath("//a/@href")]
        found = tree.xpath("//link[@rel='canonical']/@href")
        canonical = urljoin(url, found[0]) if found else None
        # trafilatura guesses the language only with an optional package: the page's own declaration first.
        declared_language = (tree.xpath("string(/html/@lang)") or "").split("-")[0].lower()
    except (ValueError, lxml.etree.ParserError):
        pass
    return Extracted(
        title=(document.get("title") or "").strip(),
        text=(document.get("text") or "").strip(),
        language=(declared_language or document.get("language") or "")[:12],
        published_at=_date(document.get("date")),
        canonical=canonical,
        links=links,
    )


def extract_pdf(content: bytes, max_pages: int = 50) -> Extracted:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join((page.extract_text() or "") for page in reader.pages[:max_pages]).strip()
    title = str((reader.metadata or {}).get("/Title") or "").strip()
    return Extracted(title=title, text=text, language="", published_at=None, canonical=None, links=[])


def _date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def sitemap_urls(content: bytes) -> tuple[list[str], list[str]]:
    """(page addresses, sub-sitemap addresses) of a sitemap or sitemap index (ultimate-sitemap-parser)."""
    sitemap = sitemap_from_str(content.decode("utf-8", errors="replace"))
    pages = [page.url for page in sitemap.all_pages()]
    return pages, [sub.url for sub in sitemap.sub_sitemaps]


def feed_urls(content: bytes) -> list[str]:
    feed = feedparser.parse(content)
    return [entry.link for entry in feed.entries if entry.get("link")]


def feed_links(content: bytes, url: str) -> list[str]:
    """The feeds a page announces (`<link rel="alternate" type="application/rss+xml">`)."""
    try:
        tree = lxml.html.fromstring(content)
    except (ValueError, lxml.etree.ParserError):
        return []
    xpath = "//link[@rel='alternate'][contains(@type, 'rss') or contains(@type, 'atom')]/@href"
    return [urljoin(url, href) for href in tree.xpath(xpath)]


class Politeness:
    """One request at a time with `delay` seconds between two requests to the host."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep):
        self.delay, self.sleep, self.last = delay, sleep, None

    def wait(self) -> None:
        if self.last is not None:
            remaining = self.delay - (time.monotonic() - self.last)
            if remaining > 0:
                self.sleep(remaining)
        self.last = time.monotonic()
