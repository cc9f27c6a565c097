"""Background work of the Atlaas (Django Tasks API, through django-tasks): the open-data files follow publications.

Every write of actions calls `export_opendata_soon()`. At most one export is enqueued per
`ATLAAS_OPENDATA_EXPORT_INTERVAL` seconds (a cache marker, shared by the app servers through the cache); a write
during that interval asks for one more export at its end when the task backend can defer tasks (the database
backend and its worker, `manage.py db_worker`), so the files always catch up. Tasks are enqueued once the
transaction commits, so the export sees the write.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from arobase.atlaas import opendata

EXPORTED_KEY = "atlaas:opendata:export-enqueued"
FOLLOW_UP_KEY = "atlaas:opendata:follow-up-enqueued"


@task()
def export_opendata() -> dict[str, int]:
    return opendata.export_opendata()


def export_opendata_soon() -> None:
    interval = settings.ATLAAS_OPENDATA_EXPORT_INTERVAL
    if cache.add(EXPORTED_KEY, True, timeout=interval):
        transaction.on_commit(export_opendata.enqueue)
    elif export_opendata.get_backend().supports_defer and cache.add(FOLLOW_UP_KEY, True, timeout=interval):
        later = export_opendata.using(run_after=timezone.now() + timedelta(seconds=interval))
        transaction.on_commit(later.enqueue)
