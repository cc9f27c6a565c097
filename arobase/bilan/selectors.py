"""The bilan territorial of a collectivité as data: what the HTML page and the PDF show.

Everything public only: published actions (their places for the map), the mosaïque, the label history from
`published_results()` (through `label_history`), the comparison with peers and the gaps, the coverage of an EPCI's
member communes, and the *published* commentaries of the association's experts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max
from django.utils import timezone

from arobase.actions.models import Action, Place
from arobase.atlaas.selectors import actions_version
from arobase.bilan.maps import MEMBER_RADIUS, MapPoint, member_radius, project
from arobase.bilan.models import Commentary
from arobase.core.markdown import render_markdown
from arobase.label.selectors import label_history, published_results_version
from arobase.mosaic.models import TerritoryCoverage
from arobase.mosaic.rules import Mosaic
from arobase.mosaic.selectors import territory_mosaic
from arobase.peers import selectors as peers
from arobase.referential.selectors import editions_version
from arobase.territories.models import Territory, TerritoryKind
from arobase.territories.selectors import epci_members

MAP_WIDTH, MAP_HEIGHT = 600, 400
MAX_MAP_ACTIONS = 500


@dataclass(frozen=True)
class ActionOnMap:
    action_id: int
    title: str
    place: str
    point: MapPoint


@dataclass(frozen=True)
class MemberCoverage:
    territory: Territory
    lit_services: int
    eligible_actions: int
    point: MapPoint | None
    radius: float = MEMBER_RADIUS[0]


@dataclass
class BilanDocument:
    territory: Territory
    year: int
    generated_on: date
    actions_count: int
    map_actions: list[ActionOnMap]
    mosaic: Mosaic
    history: list[dict]
    comparison: peers.Comparison | None
    gaps: list
    members: list[MemberCoverage] = field(default_factory=list)
    commentaries: dict[str, str] = field(default_factory=dict)

    @property
    def map_width(self) -> int:
        return MAP_WIDTH

    @property
    def map_height(self) -> int:
        return MAP_HEIGHT


def published_commentaries(territory: Territory) -> dict[str, str]:
    """Section -> HTML of the published commentaries (sanitised Markdown)."""
    return {
        section: render_markdown(text)
        for section, text in Commentary.objects.filter(territory=territory, is_published=True).values_list(
            "section", "text"
        )
    }


def commentary_version(territory: Territory) -> str:
    found = Commentary.objects.filter(territory=territory, is_published=True).aggregate(
        count=Count("pk"), changed=Max("updated_at")
    )
    return f"{found['count']}.{found['changed'].isoformat() if found['changed'] else '-'}"


def bilan_key(*, territory: Territory, year: int, today: date | None = None) -> str:
    """What a bilan shows: a PDF of the same key is served again."""
    day = (today or timezone.localdate()).isoformat()
    return ":".join(
        [
            str(territory.pk),
            str(year),
            str(actions_version()),
            published_results_version(),
            editions_version(),
            commentary_version(territory),
            day,
        ]
    )


def _map_actions(territory: Territory) -> tuple[int, list[ActionOnMap]]:
    actions = Action.objects.published().of_territory(territory)
    count = actions.count()
    places = list(
        Place.objects.filter(action__in=actions.values("pk"), latitude__isnull=False, longitude__isnull=False)
        .select_related("action")
        .order_by("action_id", "pk")[:MAX_MAP_ACTIONS]
    )
    points = project([(place.latitude, place.longitude) for place in places], width=MAP_WIDTH, height=MAP_HEIGHT)
    return count, [
        ActionOnMap(action_id=place.action_id, title=place.action.title, place=str(place), point=point)
        for place, point in zip(places, points, strict=True)
    ]


def _members(epci: Territory, year: int) -> list[MemberCoverage]:
    members = list(epci_members(epci=epci))
    coverage = {
        territory_id: (lit, eligible)
        for territory_id, lit, eligible in TerritoryCoverage.objects.filter(
            year=year, territory_id__in=[member.pk for member in members]
        ).values_list("territory_id", "lit_services", "eligible_actions")
    }
    located = [member for member in members if member.latitude is not None and member.longitude is not None]
    points = dict(
        zip(
            [member.pk for member in located],
            project([(m.latitude, m.longitude) for m in located], width=MAP_WIDTH, height=MAP_HEIGHT),
            strict=True,
        )
    )
    most_lit = max((lit for lit, _eligible in coverage.values()), default=0)
    return [
        MemberCoverage(
            territory=member,
            lit_services=coverage.get(member.pk, (0, 0))[0],
            eligible_actions=coverage.get(member.pk, (0, 0))[1],
            point=points.get(member.pk),
            radius=member_radius(coverage.get(member.pk, (0, 0))[0], most_lit),
        )
        for member in members
    ]


def build_bilan(*, territory: Territory, year: int, today: date | None = None) -> BilanDocument:
    """The bilan of `territory` for label `year`. Raises `mosaic.selectors.UnknownLabelYear`."""
    mosaic = territory_mosaic(territory=territory, year=year, today=today)
    count, map_actions = _map_actions(territory)
    comparison, gap_rows = None, []
    if territory.kind in peers.PEER_KINDS:
        peer_set = peers.find_peers(territory=territory, year=year, today=today)
        comparison = peers.compare(peer_set=peer_set)
        report = peers.gaps(peer_set=peer_set)
        examples = peers.example_actions([pk for gap in report.results for pk in gap.examples])
        gap_rows = [(gap, [examples[pk] for pk in gap.examples if pk in examples]) for gap in report.results]
    return BilanDocument(
        territory=territory,
        year=year,
        generated_on=today or timezone.localdate(),
        actions_count=count,
        map_actions=map_actions,
        mosaic=mosaic,
        history=label_history(territory),
        comparison=comparison,
        gaps=gap_rows,
        members=_members(territory, year) if territory.kind == TerritoryKind.EPCI else [],
        commentaries=published_commentaries(territory),
    )
