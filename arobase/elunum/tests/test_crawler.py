"""The crawler against the fixture site served on loopback (see fixture_site.py)."""

import httpx
import pytest

from arobase.elunum import crawler, search, services
from arobase.elunum.models import CrawlLog, Page
from arobase.elunum.search import SearchFilters
from arobase.elunum.tests.factories import SourceFactory
from arobase.elunum.tests.fixture_site import DUPLICATE_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(fixture_site, crawler_settings):
    return SourceFactory(url_prefix=f"{fixture_site.url}/", host=f"127.0.0.1:{fixture_site.port}", budget_pages=60)


def crawl(source, sleeps=None):
    return services.crawl_host(source.host, sleep=(sleeps if sleeps is not None else []).append, only_due=False)


def urls(source):
    return {page.url.removeprefix(source.url_prefix.rstrip("/")) for page in Page.objects.filter(source=source)}


def test_crawl_respects_robots_and_the_prefix_and_reads_sitemap_feed_and_pdf(fixture_site, source):
    sleeps = []
    summary = crawl(source, sleeps)
    paths = fixture_site.paths()
    assert paths[0] == "/robots.txt"
    assert "/sitemap.xml" in paths and "/actualites.xml" in paths
    assert not any(path.startswith("/prive/") for path in paths)
    assert "/actualites/fibre" in urls(source)  # found through the feed only
    assert {"/services/wifi-public", "/services/demarches", "/disparait", "/doc.pdf"} <= urls(source)
    assert not Page.objects.filter(url__contains="autre-hote").exists()
    # Crawl-delay: 0.2 → the crawler waited between its requests (one at a time: sleep is called in the loop).
    assert sleeps and max(sleeps) <= 0.2 and max(sleeps) > 0.1
    assert summary.sources == 1 and summary.indexed >= 5


def test_main_text_without_navigation_footer_or_cookie_banner(fixture_site, source):
    crawl(source)
    page = Page.objects.get(url=f"{fixture_site.url}/services/wifi-public")
    assert page.title == "Un wifi public gratuit à la médiathèque"
    assert "médiathèque" in page.text
    for noise in ("Rubrique de navigation", "Mentions légales", "Accepter les cookies"):
        assert noise not in page.text
    assert page.language == "fr"
    assert str(page.published_at) == "2026-10-15"
    pdf = Page.objects.get(url=f"{fixture_site.url}/doc.pdf")
    assert "Schema directeur du numerique" in pdf.text


def test_same_content_under_two_addresses_is_one_result(fixture_site, source):
    crawl(source)
    copy = Page.objects.get(url=f"{fixture_site.url}{DUPLICATE_PATH}")
    original = Page.objects.get(url=f"{fixture_site.url}/services/demarches")
    assert copy.duplicate_of_id == original.pk
    results = search.search(SearchFilters(q="inscriptions scolaires", type="page"))
    assert [hit.url for hit in results.hits] == [original.url]


def test_revisit_sends_conditional_requests_and_gets_304(fixture_site, source):
    crawl(source)
    fixture_site.requests.clear()
    summary = crawl(source)
    revisit = dict(fixture_site.requests)["/services/wifi-public"]
    assert revisit.get("If-None-Match")
    assert summary.not_modified >= 3


def test_a_page_answering_404_twice_leaves_the_index(fixture_site, source):
    crawl(source)
    url = f"{fixture_site.url}/disparait"
    assert search.search(SearchFilters(q="budget participatif")).count == 1
    fixture_site.gone.add("/disparait")
    crawl(source)
    assert Page.objects.get(url=url).missing_count == 1  # once may be a mistake of the site
    crawl(source)
    assert not Page.objects.filter(url=url).exists()
    assert search.search(SearchFilters(q="budget participatif")).count == 0
    assert CrawlLog.objects.filter(source=source).first().removed == 1


def test_slow_and_huge_pages_are_cut_and_logged(fixture_site, source):
    crawl(source)
    log = CrawlLog.objects.filter(source=source).first()
    reasons = {error["url"].removeprefix(fixture_site.url): error["reason"] for error in log.errors}
    assert reasons["/enorme"] == "réponse trop volumineuse"
    assert "/lent" in reasons
    assert not Page.objects.filter(url__endswith="/lent").exists()
    assert not Page.objects.filter(url__endswith="/enorme").exists()


def test_private_addresses_are_refused_unless_allowed(fixture_site, settings):
    settings.CRAWLER_ALLOW_PRIVATE_NETWORKS = False
    fetcher = crawler.Fetcher()
    with pytest.raises(crawler.FetchRefused, match="privée"):
        fetcher.get(f"{fixture_site.url}/")
    assert fixture_site.requests == []
    for url in ("ftp://example.org/", "file:///etc/passwd", "gopher://x/"):
        with pytest.raises(crawler.FetchRefused):
            fetcher.get(url)


def test_a_redirect_to_a_private_address_is_refused(fixture_site, settings):
    """`localhost` passes for a public host here; its redirect to 127.0.0.1 is checked again and refused."""
    settings.CRAWLER_ALLOW_PRIVATE_NETWORKS = False

    def resolve(host):
        return ["93.184.215.14"] if host == "localhost" else crawler.resolve_addresses(host)

    fetcher = crawler.Fetcher(resolve=resolve)
    fetcher.allow_private = False
    with pytest.raises(crawler.FetchRefused, match="privée"):
        fetcher.get(f"http://localhost:{fixture_site.port}/vers-prive")
    assert fixture_site.paths() == ["/vers-prive"]


def test_timeout_raises_a_logged_error(fixture_site, crawler_settings):
    fetcher = crawler.Fetcher()
    with pytest.raises(httpx.TimeoutException):
        fetcher.get(f"{fixture_site.url}/lent")


def test_suspended_or_candidate_sources_are_never_crawled(fixture_site, source):
    source.status = "suspended"
    source.save()
    summary = crawl(source)
    assert summary.sources == 0 and fixture_site.requests == []
