"""/api/v1/timeline: the timeline of the civic internet (published milestones and label milestones computed from
the published palmarès)."""

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from arobase.core.api_errors import INVALID, NO_NUL
from arobase.core.api_query import FilterQuery
from arobase.core.pagination import PageNumberCountPagination
from arobase.label.selectors import published_results_version
from arobase.timeline import selectors
from arobase.timeline.models import Track

router = Router()

NATIONAL_CACHE_SECONDS = 3600


class MilestoneSourceOut(Schema):
    text: str
    url: str = Field(description="Adresse de la source ; vide si elle n'en a pas.")


class MilestoneTerritoryOut(Schema):
    code: str = Field(description="Code INSEE (commune) ou SIREN (EPCI).")
    kind: str
    name: str


class EntryOut(Schema):
    date: str = Field(description="Date ISO 8601 (AAAA-MM-JJ) ; le premier du mois ou de l'année selon la précision.")
    precision: str = Field(description="year, month ou day.")
    track: str = Field(description="monde, france, lois, innovations, association ou collectivites.")
    title: str
    body: str
    source: MilestoneSourceOut
    territory: MilestoneTerritoryOut | None = Field(
        description="La collectivité du repère ; null pour un repère national."
    )


class TimelineQuery(FilterQuery):
    # Checked by the code, with a French message; the OpenAPI document states the values.
    track: str | None = Field(None, description="Piste.", json_schema_extra={"enum": ["", *Track.values]})
    territory: str | None = Field(
        None, max_length=12, pattern=NO_NUL, description="Code INSEE ou SIREN : repères de cette collectivité."
    )


class _Entries(list):
    """A list the paginator can count like a queryset."""

    def count(self, *args) -> int:
        return len(self)


def _out(entry: selectors.Entry) -> dict:
    territory = entry.territory
    return {
        "date": entry.date.isoformat(),
        "precision": entry.precision,
        "track": entry.track,
        "title": entry.title,
        "body": entry.body,
        "source": {"text": entry.source_text, "url": entry.source_url},
        "territory": {"code": territory.code, "kind": territory.kind, "name": territory.name} if territory else None,
    }


@router.get(
    "",
    response={200: list[EntryOut], **INVALID},
    summary="La frise de l'Internet citoyen",
    description="Les repères publiés depuis 1999, du plus ancien au plus récent, et les labels obtenus par les "
    "collectivités (palmarès publiés seulement). Réponse paginée {count, next, results} ; un paramètre vide ne "
    "filtre rien.",
)
@paginate(PageNumberCountPagination)
def timeline(request: HttpRequest, filters: Query[TimelineQuery]):
    track = filters.track or ""
    if track and track not in Track.values:
        raise HttpError(
            422,
            _("Piste inconnue « %(value)s » : utilisez %(choices)s.")
            % {"value": track, "choices": ", ".join(Track.values)},
        )
    territory_code = (filters.territory or "").strip()
    if territory_code:
        entries = selectors.timeline_entries(track=track, territory_code=territory_code)
        return _Entries(_out(entry) for entry in entries)
    # The national timeline steps through every published result: computed once per state of the palmarès and the
    # milestones (a ceremony reached changes `published_results_version`, so a secret result never enters early).
    key = f"timeline-api:{track}:{published_results_version()}:{selectors.milestones_version()}"
    rows = cache.get_or_set(
        key, lambda: [_out(entry) for entry in selectors.timeline_entries(track=track)], NATIONAL_CACHE_SECONDS
    )
    return _Entries(rows)
