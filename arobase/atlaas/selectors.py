"""Reads of the Atlaas: map points, the filtered list, facets, directories.

Everything starts from `public_actions` (published actions only) with the same filters as /api/v1/actions, plus
two of the map: year of last update and arobases of the collectivité (from `published_results()` only, so a
result is never revealed before its ceremony).

**Map points** are one per action, at its first geolocated place (lowest position), in a compact JSON
(`{"count", "fields", "points": [[id, lat, lon, status], ...]}`: no title, which would double the size — 490 KB
instead of 220 KB gzipped at 30,000 actions; the popup asks /api/v1/actions/{id} for it), cached under a key made of the
normalised filters and the actions version (bumped on every write of an action: see services.py), so a cached
answer never shows an action after its unpublication.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field, replace

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum

from arobase.actions.models import Action, ActionStatus, ActionTerritory, Actor, Place
from arobase.atlaas.models import ActionsVersion
from arobase.atlaas.public_selectors import ActionFilters, public_actions
from arobase.atlaas.search import correct_query, excerpts, search
from arobase.label.selectors import published_results
from arobase.referential.models import EditionStatus, Enjeu, ReferentialEdition, Service, Theme
from arobase.territories.models import Territory, TerritoryKind, search_key

POINT_FIELDS = ["id", "lat", "lon", "status"]
POINTS_TIMEOUT = 24 * 3600
STATUS_CODES = {ActionStatus.PLANNED: 0, ActionStatus.ONGOING: 1, ActionStatus.DONE: 2}


@dataclass(frozen=True)
class AtlaasFilters:
    """The filters of the map and the list: those of the API plus year of last update and arobases."""

    api: ActionFilters = field(default_factory=ActionFilters)
    year: int | None = None
    arobases: int | None = None

    def cache_key(self, prefix: str) -> str:
        data = {**asdict(self.api), "year": self.year, "arobases": self.arobases}
        if data["updated_since"] is not None:
            data["updated_since"] = data["updated_since"].isoformat()
        if self.arobases:
            # Results become public at their ceremony without any write of an action: the key follows them too.
            data["results"] = list(
                published_results().aggregate(n=Count("pk"), last=Max("pk"), sum=Sum("arobases")).values()
            )
        digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:32]
        return f"atlaas:{prefix}:v{actions_version()}:{digest}"


def actions_version() -> int:
    return ActionsVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 1


def territories_with_arobases(arobases: int) -> QuerySet:
    """Collectivités whose latest published result has exactly `arobases` @."""
    results = published_results()
    latest = results.filter(territory_id=OuterRef("territory_id"), year__gt=OuterRef("year"))
    return results.filter(arobases=arobases).exclude(Exists(latest)).values("territory_id")


def _area(code: str) -> Territory | None:
    """The département or, failing one, the région with this code: "32" typed as a collectivité code is the
    Gers, as everywhere else on the site (the `region` filter is the way to ask for a région)."""
    areas = Territory.objects.filter(
        kind__in=[TerritoryKind.DEPARTEMENT, TerritoryKind.REGION], code=code.strip().upper()
    ).only("pk", "kind")
    return min(areas, key=lambda area: area.kind != TerritoryKind.DEPARTEMENT, default=None)


def atlaas_actions(filters: AtlaasFilters, *, ranked: bool = True) -> QuerySet[Action]:
    """Published actions matching the filters (ordered as `public_actions`: by rank when searching).
    `ranked=False` for a queryset used as a subquery (see `search.search`)."""
    api = filters.api
    if api.q and not ranked:
        return search(atlaas_actions(replace(filters, api=replace(api, q=None))), api.q, ranked=False)
    area = _area(api.territory) if api.territory else None
    if area is not None:
        api = replace(api, territory=None)
    actions = public_actions(api)
    if area is not None:
        # A région or département: the actions of the collectivités inside it.
        inside = Territory.objects.filter(Q(region_id=area.pk) | Q(departement_id=area.pk)).values("pk")
        shared = ActionTerritory.objects.filter(territory_id__in=inside).values("action_id")
        actions = actions.filter(Q(owner_id__in=inside) | Q(pk__in=shared))
    if filters.year:
        actions = actions.filter(last_activity_at__year=filters.year)
    if filters.arobases:
        territory_ids = territories_with_arobases(filters.arobases)
        shared = ActionTerritory.objects.filter(territory_id__in=territory_ids).values("action_id")
        actions = actions.filter(Q(owner_id__in=territory_ids) | Q(pk__in=shared))
    return actions


def _points(filters: AtlaasFilters) -> dict:
    ids = atlaas_actions(filters, ranked=False).order_by().values("pk")
    rows = (
        Place.objects.filter(action_id__in=ids, latitude__isnull=False, longitude__isnull=False)
        .order_by("action_id", "position", "pk")
        .values_list("action_id", "latitude", "longitude", "action__status")
    )
    points, last = [], None
    for action_id, lat, lon, status in rows.iterator(chunk_size=5000):
        if action_id == last:
            continue  # only the first place of each action
        last = action_id
        points.append([action_id, round(lat, 5), round(lon, 5), STATUS_CODES.get(status, 1)])
    return {
        "count": len(points),
        "fields": POINT_FIELDS,
        "status_codes": {str(code): name for name, code in STATUS_CODES.items()},
        "points": points,
    }


MAX_TITLES = 200


def published_titles(action_ids: list[int]) -> dict[int, str]:
    """{id: title} of the published actions among these (at most MAX_TITLES): the names of the map's points."""
    return dict(Action.objects.published().filter(pk__in=action_ids[:MAX_TITLES]).values_list("pk", "title"))


class CountCachedList:
    """A list of actions whose total is cached until the next write of an action. At national scale the exact
    count of a filtered list is its costly part (every matching action is visited; the page itself is an index
    walk), and the same filters are asked again and again between two writes."""

    def __init__(self, queryset: QuerySet, filters: AtlaasFilters, *, name: str = "count"):
        # `name` keeps apart the totals of lists built differently from the same filters.
        self.queryset = queryset
        self.filters = filters
        self.name = name

    def count(self) -> int:
        return cache.get_or_set(self.filters.cache_key(self.name), self.queryset.count, POINTS_TIMEOUT)

    def __getitem__(self, item):
        return self.queryset[item]


def map_points_json(filters: AtlaasFilters) -> bytes:
    """The compact map points as JSON bytes, cached (see the module docstring)."""
    key = filters.cache_key("points")
    body = cache.get(key)
    if body is None:
        body = json.dumps(_points(filters), ensure_ascii=False, separators=(",", ":")).encode()
        cache.set(key, body, POINTS_TIMEOUT)
    return body


# --- The result list and search page ------------------------------------------------------------------------------


@dataclass
class ResultPage:
    page: object
    excerpts: dict[int, str]
    count: int


def result_page(filters: AtlaasFilters, page_number, per_page: int = 20) -> ResultPage:
    actions = atlaas_actions(filters).prefetch_related(None).select_related(None).select_related("owner")
    actions = actions.only("id", "title", "summary", "status", "last_activity_at", "owner__name", "owner__kind")
    if not filters.api.q:
        # Most recent publication first, along the index action_published_activity_idx (ordering by updated_at
        # sorts every published action: 140 ms at 30,000 on SQLite).
        actions = actions.order_by("-last_activity_at", "-pk")
    paginator = Paginator(CountCachedList(actions, filters, name="result-count"), per_page)
    page = paginator.get_page(page_number)
    found = excerpts([a.pk for a in page.object_list], filters.api.q) if filters.api.q else {}
    for action in page.object_list:
        # Safe HTML (escaped, matches in <mark>).
        action.title_html, action.excerpt = found.get(action.pk, ("", ""))
    return ResultPage(page=page, excerpts=found, count=paginator.count)


def corrected_results(filters: AtlaasFilters, page_number) -> tuple[AtlaasFilters, ResultPage, str | None]:
    """The result page of the filters; when a query finds nothing, that of the query with its typos corrected
    (see `search.correct_query`), and the corrected query (None if unchanged)."""
    results = result_page(filters, page_number)
    if results.count or not filters.api.q:
        return filters, results, None
    corrected = correct_query(filters.api.q)
    if corrected is None:
        return filters, results, None
    filters = replace(filters, api=replace(filters.api, q=corrected))
    return filters, result_page(filters, page_number), corrected


def facets(filters: AtlaasFilters) -> dict[str, list[dict]]:
    """Counts of matching actions per theme, enjeu, service, région and status (each action counted once per
    value). Cached like the points."""
    key = filters.cache_key("facets")
    cached = cache.get(key)
    if cached is not None:
        return cached
    ids = atlaas_actions(filters, ranked=False).order_by().values("pk")
    # Two queries over the matching actions, counted in Python (three GROUP BY over the joins cost 3 times more).
    service_codes = {
        pk: codes for pk, *codes in Service.objects.values_list("pk", "code", "enjeu__code", "enjeu__theme__code")
    }
    pairs = Action.services.through.objects.filter(action_id__in=ids).values_list("action_id", "service_id")
    filed = {level: set() for level in range(3)}
    for action_id, service_id in pairs.iterator(chunk_size=10_000):
        for level, code in enumerate(service_codes.get(service_id, ())):
            filed[level].add((action_id, code))
    by_service, by_enjeu, by_theme = (Counter(code for _pk, code in filed[level]) for level in range(3))
    by_region, by_status = Counter(), Counter()
    for status, region in Action.objects.filter(pk__in=ids).values_list("status", "owner__region__code"):
        by_status[status] += 1
        by_region[region] += 1
    choices = filter_choices()

    def rows(options, found):
        return sorted(
            (
                {"code": o["code"], "label": o["label"], "count": found[o["code"]]}
                for o in options
                if found.get(o["code"])
            ),
            key=lambda row: (-row["count"], row["label"]),
        )

    result = {
        "theme": rows(choices["themes"], by_theme),
        "enjeu": rows(choices["enjeux"], by_enjeu),
        "service": rows(choices["services"], by_service)[:15],
        "region": rows(choices["regions"], by_region),
        "status": [
            {"code": value, "label": str(label), "count": by_status[value]}
            for value, label in ActionStatus.choices
            if by_status.get(value)
        ],
    }
    cache.set(key, result, POINTS_TIMEOUT)
    return result


# --- Filter choices -----------------------------------------------------------------------------------------------


def filter_choices() -> dict:
    """Options of the filter form: the themes, enjeux and services of the editions in use, the régions."""

    edition = ReferentialEdition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-year").first()
    if edition is None:
        return {"themes": [], "enjeux": [], "services": [], "regions": [], "statuses": ActionStatus.choices}
    return {
        "themes": list(Theme.objects.filter(edition=edition).order_by("position", "code").values("code", "label")),
        "enjeux": list(Enjeu.objects.filter(edition=edition).order_by("code").values("code", "label")),
        "services": list(Service.objects.filter(edition=edition).order_by("code").values("code", "label")),
        "regions": list(
            Territory.objects.filter(kind=TerritoryKind.REGION, is_obsolete=False)
            .order_by("name")
            .annotate(label=F("name"))
            .values("code", "label")
        ),
        "statuses": ActionStatus.choices,
    }


# --- Directories --------------------------------------------------------------------------------------------------


def latest_arobases(territory_ids) -> dict[int, tuple[int, int]]:
    """{territory id: (arobases, year)} of the latest published result of each collectivité."""
    found: dict[int, tuple[int, int]] = {}
    rows = (
        published_results()
        .filter(territory_id__in=territory_ids)
        .order_by("territory_id", "-year")
        .values_list("territory_id", "arobases", "year")
    )
    for territory_id, arobases, year in rows:
        found.setdefault(territory_id, (arobases, year))
    return found


def participating_territories(*, q: str = "", region: str = "", arobases: int | None = None):
    """Collectivités with at least one published action (owned), with their number of published actions."""
    counts = Action.objects.published().values("owner_id").annotate(n=Count("pk")).order_by()
    territories = Territory.objects.filter(pk__in=counts.values("owner_id"))
    if q:
        territories = territories.filter(search_name__contains=search_key(q))
    if region:
        territories = territories.filter(region__code=region)
    if arobases:
        territories = territories.filter(pk__in=territories_with_arobases(arobases))
    return territories.select_related("region").order_by("name", "pk")


def published_counts(territory_ids) -> dict[int, int]:
    return dict(
        Action.objects.published()
        .filter(owner_id__in=territory_ids)
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "n")
    )


def listed_actors(*, q: str = ""):
    """Public actors (`Actor.is_public`) who agreed to publish their contact details, of published actions."""
    actors = Actor.objects.public().filter(contact_consent=True, action__is_published=True)
    if q:
        actors = actors.filter(Q(name__icontains=q) | Q(role__icontains=q))
    return actors.select_related("action", "action__owner").order_by("name", "pk")
