"""Reads of Elunum: the public list of sources, the staff list and each source's health."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from arobase.elunum.models import CrawlLog, Source, SourceStatus


def public_sources(kind: str | None = None) -> QuerySet[Source]:
    """Approved sources with their number of searchable pages."""
    sources = Source.objects.filter(status=SourceStatus.APPROVED)
    if kind:
        sources = sources.filter(kind=kind)
    return sources.annotate(page_count=Count("pages", filter=Q(pages__duplicate_of__isnull=True))).order_by(
        "name", "pk"
    )


def staff_sources(status: str | None = None) -> QuerySet[Source]:
    sources = Source.objects.select_related("status_changed_by", "territory")
    if status:
        sources = sources.filter(status=status)
    return sources.order_by("status", "name", "pk")


def source_health(source: Source) -> dict:
    logs = list(CrawlLog.objects.filter(source=source)[:10])
    return {
        "last_crawl": logs[0] if logs else None,
        "logs": logs,
        "pages_indexed": source.pages.filter(duplicate_of__isnull=True).count(),
        "duplicates": source.pages.filter(duplicate_of__isnull=False).count(),
        "history": list(source.status_changes.select_related("changed_by")[:20]),
    }
