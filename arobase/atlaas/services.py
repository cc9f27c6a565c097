"""Writes of the Atlaas: the search index and the actions version (the cache generation of the map and lists)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator

from django.db.models import F

from arobase.actions.models import Action
from arobase.atlaas.models import ActionsVersion
from arobase.atlaas.search import rebuild_search_index, refresh_search_index
from arobase.atlaas.tasks import export_opendata_soon
from arobase.mosaic.services import refresh_coverage

_state = threading.local()


@contextlib.contextmanager
def index_suspended() -> Iterator[None]:
    """Inside, writes of actions neither refresh the index nor bump the version: the caller does it once at the
    end (`rebuild_search_index()` and `bump_actions_version()`)."""
    _state.suspended = getattr(_state, "suspended", 0) + 1
    try:
        yield
    finally:
        _state.suspended -= 1


def bump_actions_version() -> None:
    """Every cached map or list computed before is now stale."""
    if not ActionsVersion.objects.filter(pk=1).update(version=F("version") + 1):
        ActionsVersion.objects.get_or_create(pk=1, defaults={"version": 2})


def actions_written(action_ids: Iterable[int], *, territory_ids: Iterable[int | None] = ()) -> None:
    """Called after any write of these actions (publication, edit, unpublication, parts, deletion).
    `territory_ids`: collectivités that may have lost these actions (a removed partner, a deleted action's owner);
    the coverage of those and of the actions' current collectivités is recomputed in the same transaction."""
    if getattr(_state, "suspended", 0):
        return
    ids = [pk for pk in action_ids if pk is not None]
    if ids:
        refresh_search_index(ids)
        refresh_coverage(territory_ids=_territories_of(ids) | {pk for pk in territory_ids if pk is not None})
    bump_actions_version()
    if ids and _in_open_data(ids):
        export_opendata_soon()


def _territories_of(ids: list[int]) -> set[int]:
    from arobase.actions.models import Action, ActionTerritory

    owners = Action.objects.filter(pk__in=ids).order_by().values_list("owner_id", flat=True)
    partners = ActionTerritory.objects.filter(action_id__in=ids).order_by().values_list("territory_id", flat=True)
    return set(owners.union(partners))


def _in_open_data(ids: list[int]) -> bool:
    """Whether these writes may change the open data: a draft never published is not in it (a deleted action may
    have been)."""

    drafts = Action.objects.filter(pk__in=ids, is_published=False, published_at__isnull=True).count()
    return drafts < len(set(ids))


def reindex_everything() -> int:
    count = rebuild_search_index()
    refresh_coverage()
    bump_actions_version()
    return count
