"""Reads of published actions for the public API (/api/v1/actions): filters and search.

Only published actions are ever returned. Every filter is a `pk IN (subquery)` so that an action matching
through several services, partners or places is listed once, and the list is prefetched so that a page costs a
fixed number of queries (count, page, services, partners, places) whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from arobase.actions.models import Action, ActionTerritory, Actor, Place
from arobase.atlaas.search import search
from arobase.referential.models import Service
from arobase.territories.models import Territory, TerritoryKind


@dataclass(frozen=True)
class BBox:
    """A bounding box in WGS 84 degrees."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


@dataclass(frozen=True)
class ActionFilters:
    territory: str | None = None
    region: str | None = None  # INSEE code of a région (never a département of the same code)
    service: str | None = None
    enjeu: str | None = None
    theme: str | None = None
    status: str | None = None
    updated_since: datetime | None = None
    q: str | None = None
    bbox: BBox | None = None


def search_actions(actions: QuerySet[Action], query: str) -> QuerySet[Action]:
    """Actions matching a free-text query (French full-text search: stemming, accents and case ignored),
    annotated with `search_rank` (higher is better). PostgreSQL full-text search or SQLite FTS5: see
    arobase/atlaas/search.py."""

    return search(actions, query)


def territories_with_code(code: str) -> QuerySet[Territory]:
    """Collectivités whose INSEE code or SIREN is `code`."""
    code = code.strip().upper()
    return Territory.objects.filter(Q(code=code) | Q(siren=code))


def territories_in_region(code: str) -> QuerySet[Territory]:
    """The région with this INSEE code and every collectivité inside it (by kind and code: région 32,
    Hauts-de-France, is never the département 32, Gers)."""
    region = Territory.objects.filter(kind=TerritoryKind.REGION, code=code.strip().upper()).values("pk")[:1]
    return Territory.objects.filter(Q(pk__in=region) | Q(region_id__in=region))


def with_api_relations(actions: QuerySet[Action]) -> QuerySet[Action]:
    """What the API shows of each action, in a fixed number of queries."""
    return actions.select_related("owner", "edition").prefetch_related(
        Prefetch("services", queryset=Service.objects.only("id", "code", "edition_id").order_by("code")),
        Prefetch(
            "partnerships",
            queryset=ActionTerritory.objects.select_related("territory")
            .only("id", "action_id", "territory__id", "territory__code", "territory__kind", "territory__name")
            .order_by("territory__code"),
        ),
        Prefetch("places", queryset=Place.objects.order_by("position", "pk")),
    )


def public_actions(filters: ActionFilters) -> QuerySet[Action]:
    """Published actions matching the filters, most recently updated first."""
    actions = Action.objects.published()
    through = Action.services.through
    if filters.territory:
        territory_ids = territories_with_code(filters.territory).values("pk")
        # A UNION rather than an OR, as in `ActionQuerySet.of_territory`.
        owned = Action.objects.filter(owner_id__in=territory_ids).order_by().values("pk")
        shared = ActionTerritory.objects.filter(territory_id__in=territory_ids).order_by().values("action_id")
        actions = actions.filter(pk__in=owned.union(shared))
    if filters.region:
        inside = territories_in_region(filters.region).values("pk")
        owned = Action.objects.filter(owner_id__in=inside).order_by().values("pk")
        shared = ActionTerritory.objects.filter(territory_id__in=inside).order_by().values("action_id")
        actions = actions.filter(pk__in=owned.union(shared))
    if filters.service:
        actions = actions.filter(pk__in=through.objects.filter(service__code=filters.service).values("action_id"))
    if filters.enjeu:
        actions = actions.filter(pk__in=through.objects.filter(service__enjeu__code=filters.enjeu).values("action_id"))
    if filters.theme:
        actions = actions.filter(
            pk__in=through.objects.filter(service__enjeu__theme__code=filters.theme).values("action_id")
        )
    if filters.status:
        actions = actions.filter(status=filters.status)
    if filters.updated_since is not None:
        actions = actions.filter(updated_at__gte=filters.updated_since)
    if filters.bbox is not None:
        box = filters.bbox
        inside = Place.objects.filter(
            latitude__gte=box.min_lat,
            latitude__lte=box.max_lat,
            longitude__gte=box.min_lon,
            longitude__lte=box.max_lon,
        ).values("action_id")
        actions = actions.filter(pk__in=inside)
    if filters.q:
        actions = search_actions(actions, filters.q)
        return with_api_relations(actions).order_by("-search_rank", "-updated_at", "-pk")
    return with_api_relations(actions).order_by("-updated_at", "-pk")


def public_action(pk: int) -> Action | None:
    """One published action with what the API shows of it, or None."""
    return (
        with_api_relations(Action.objects.published().filter(pk=pk))
        .prefetch_related("links", Prefetch("actors", queryset=Actor.objects.public()))
        .first()
    )
