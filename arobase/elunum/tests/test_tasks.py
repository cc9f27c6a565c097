"""The background tasks: the tick, the crawl of a host under its lease, and once on Redis (RQ) with a real worker."""

import os

import django_rq
import pytest
from django.utils import timezone
from django_tasks_rq.backend import Job
from rq import SimpleWorker

from arobase.elunum import services, tasks
from arobase.elunum.models import Page
from arobase.elunum.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_the_tick_enqueues_one_crawl_per_due_host(monkeypatch):
    SourceFactory(url_prefix="https://a.fr/x", host="a.fr", next_crawl_at=None)
    SourceFactory(url_prefix="https://a.fr/y", host="a.fr", next_crawl_at=timezone.now())
    SourceFactory(url_prefix="https://b.fr/", host="b.fr", next_crawl_at=timezone.now() + timezone.timedelta(days=1))
    SourceFactory(url_prefix="https://c.fr/", host="c.fr", status="suspended")
    crawled = []
    monkeypatch.setattr(services, "crawl_host", lambda host, **options: crawled.append(host) or services.CrawlSummary())
    assert tasks.schedule_tick.enqueue().return_value == ["a.fr"]
    assert crawled == ["a.fr"]
    # A second chain of ticks started meanwhile stops at once: the tick holds its own lease.
    assert tasks.schedule_tick.enqueue().return_value == []


def test_a_host_held_by_another_worker_is_not_fetched(fixture_site, crawler_settings):
    source = SourceFactory(url_prefix=f"{fixture_site.url}/", host=f"127.0.0.1:{fixture_site.port}")
    assert services.claim_host(source.host, holder="other-worker")
    result = tasks.crawl_host.enqueue(source.host).return_value
    assert result["busy"] and fixture_site.requests == []


def test_a_crawl_schedules_the_next_one_at_the_source_frequency(fixture_site, crawler_settings):
    source = SourceFactory(
        url_prefix=f"{fixture_site.url}/services", host=f"127.0.0.1:{fixture_site.port}", frequency_days=3
    )
    services.crawl_host(source.host, sleep=lambda seconds: None)
    source.refresh_from_db()
    assert timezone.timedelta(days=2.9) < source.next_crawl_at - timezone.now() <= timezone.timedelta(days=3)
    assert not services.due_sources().filter(pk=source.pk).exists()


REDIS_URL = os.environ.get("ELUNUM_TEST_REDIS_URL") or os.environ.get("REDIS_URL")


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not (os.environ.get("REQUIRE_REDIS") == "1" or os.environ.get("ELUNUM_TEST_REDIS_URL")),
    reason="needs a Redis server (REQUIRE_REDIS=1 with REDIS_URL, or ELUNUM_TEST_REDIS_URL)",
)
def test_crawl_through_rq_on_redis_with_a_burst_worker(fixture_site, crawler_settings):

    crawler_settings.RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}
    django_rq.settings.QUEUES = crawler_settings.RQ_QUEUES
    crawler_settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    queue.empty()
    source = SourceFactory(url_prefix=f"{fixture_site.url}/services", host=f"127.0.0.1:{fixture_site.port}")
    result = tasks.crawl_host.enqueue(source.host)
    assert not Page.objects.exists()  # only queued
    worker = django_rq.get_worker("default", worker_class=SimpleWorker, job_class=Job)
    assert worker.work(burst=True)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value["indexed"] == 2
    assert Page.objects.filter(source=source).count() == 2
