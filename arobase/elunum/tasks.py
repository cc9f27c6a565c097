"""Background work of Elunum (Django Tasks API): crawl a host, the schedule's tick, reindex.

The crawl is split by host: one `crawl_host` task per host, which holds the host's lease (services.claim_host)
while it runs, so several workers on several machines share the crawl and never fetch one host at once. The tick
enqueues a crawl for every host with due sources, then enqueues itself `ELUNUM_TICK_SECONDS` later (`run_after`)
when the backend can defer tasks; a lease on the tick itself keeps one chain of ticks however many were started.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from arobase.elunum import search, services

TICK_LEASE = "elunum:tick"


@task()
def crawl_host(host: str, source_ids: list[int] | None = None) -> dict:
    """Crawls the due sources of the host, or the named ones whether due or not."""
    summary = services.crawl_host(host, only_due=source_ids is None, source_ids=source_ids)
    return {"host": host, "fetched": summary.fetched, "indexed": summary.indexed, "busy": bool(summary.busy_hosts)}


@task()
def schedule_tick() -> list[str]:
    interval = settings.ELUNUM_TICK_SECONDS
    if services.claim_host(TICK_LEASE, seconds=max(interval - 5, 1)) is None:
        return []  # another chain of ticks is running
    hosts = enqueue_due_crawls()
    if schedule_tick.get_backend().supports_defer:
        schedule_tick.using(run_after=timezone.now() + timedelta(seconds=interval)).enqueue()
    return hosts


def enqueue_due_crawls() -> list[str]:
    hosts = sorted(set(services.due_sources().values_list("host", flat=True)))
    for host in hosts:
        crawl_host.enqueue(host)
    return hosts


@task()
def reindex() -> int:
    return search.rebuild()
