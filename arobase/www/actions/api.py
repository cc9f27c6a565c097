"""/api/v1/actions: the published actions (fiches-action). Drafts and unpublished actions are never public."""

import re
from datetime import date, datetime, time

from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from arobase.actions import rules
from arobase.actions.models import Action
from arobase.atlaas.public_selectors import ActionFilters, BBox, public_action, public_actions
from arobase.atlaas.selectors import AtlaasFilters, CountCachedList
from arobase.core.api_errors import INVALID, NO_NUL, NOT_FOUND
from arobase.core.api_query import FilterQuery
from arobase.core.pagination import PageNumberCountPagination

router = Router()

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# Formats of the OpenAPI document for values no JSON Schema keyword describes (the API fuzzing test knows them).
DATE_OR_DATETIME = "date-or-date-time"
BBOX = "bbox"


class OwnerOut(Schema):
    code: str = Field(description="Code INSEE (commune) ou SIREN (EPCI).")
    kind: str
    name: str


class PlaceOut(Schema):
    label: str
    address: str
    postcode: str
    city: str
    lat: float | None = Field(description="Latitude WGS 84.")
    lon: float | None = Field(description="Longitude WGS 84.")

    @staticmethod
    def resolve_lat(place) -> float | None:
        return place.latitude

    @staticmethod
    def resolve_lon(place) -> float | None:
        return place.longitude


class ActionOut(Schema):
    id: int
    title: str
    summary: str
    status: str = Field(description="planned (prévue), ongoing (en cours) ou done (réalisée).")
    updated_at: datetime = Field(description="Dernière modification (ISO 8601).")
    last_activity_at: datetime | None = Field(
        description="Dernière publication ou mise à jour publiée : la date qui compte pour le label."
    )
    edition: int = Field(description="Année de l'édition du référentiel sous laquelle l'action est classée.")
    services: list[str] = Field(description="Codes des services du référentiel.")
    owner: OwnerOut = Field(description="La collectivité porteuse.")
    territories: list[str] = Field(description="Codes des collectivités : la porteuse d'abord, puis les partenaires.")
    places: list[PlaceOut]
    eligible_for: list[int] = Field(description="Années du label pour lesquelles l'action compte.")
    url: str = Field(description="Page publique de l'action.")

    @staticmethod
    def resolve_edition(action: Action) -> int:
        return action.edition.year

    @staticmethod
    def resolve_services(action: Action) -> list[str]:
        return [service.code for service in action.services.all()]

    @staticmethod
    def resolve_territories(action: Action) -> list[str]:
        return [action.owner.code, *(p.territory.code for p in action.partnerships.all())]

    @staticmethod
    def resolve_places(action: Action) -> list:
        return list(action.places.all())

    @staticmethod
    def resolve_eligible_for(action: Action) -> list[int]:
        return eligible_years(action)

    @staticmethod
    def resolve_url(action: Action, context) -> str:
        return context["request"].build_absolute_uri(action.get_absolute_url())


class LinkOut(Schema):
    url: str
    label: str


class ActorOut(Schema):
    """An organisation, or a person who agreed to be published (without that consent a person is not listed)."""

    kind: str
    name: str
    role: str
    is_elected: bool
    email: str | None = Field(description="Seulement si la personne a accepté de publier ses coordonnées.")
    phone: str | None = Field(description="Seulement si la personne a accepté de publier ses coordonnées.")

    @staticmethod
    def resolve_email(actor) -> str | None:
        return actor.public_contact.get("email")

    @staticmethod
    def resolve_phone(actor) -> str | None:
        return actor.public_contact.get("phone")


class ActionDetailOut(ActionOut):
    what_was_done: str
    results: str
    benefits: str
    start_date: date | None
    end_date: date | None
    links: list[LinkOut]
    actors: list[ActorOut]

    @staticmethod
    def resolve_links(action: Action) -> list:
        return list(action.links.all())

    @staticmethod
    def resolve_actors(action: Action) -> list:
        return action.public_actors


class ActionQuery(FilterQuery):
    territory: str | None = Field(
        None,
        max_length=12,
        pattern=NO_NUL,
        description="Code INSEE ou SIREN : actions portées par la collectivité ou partagées.",
    )
    service: str | None = Field(None, max_length=20, pattern=NO_NUL, description="Code d'un service du référentiel.")
    enjeu: str | None = Field(None, max_length=20, pattern=NO_NUL, description="Code d'un enjeu du référentiel.")
    theme: str | None = Field(None, max_length=20, pattern=NO_NUL, description="Code d'un thème du référentiel.")
    # The next three are checked by the code, with French messages; the OpenAPI document states their form.
    status: str | None = Field(
        None, description="planned, ongoing ou done.", json_schema_extra={"enum": ["", *rules.STATUSES]}
    )
    region: str | None = Field(
        None,
        max_length=12,
        pattern=NO_NUL,
        description="Code INSEE d'une région (32 : Hauts-de-France) : actions des collectivités de cette région, "
        "portées ou partagées. Jamais confondu avec le département de même code.",
    )
    updated_since: str | None = Field(
        None,
        description="Date (AAAA-MM-JJ) ou date et heure ISO 8601 : actions modifiées depuis.",
        json_schema_extra={"format": DATE_OR_DATETIME},
    )
    q: str | None = Field(None, max_length=200, pattern=NO_NUL, description="Recherche dans le titre et le résumé.")
    bbox: str | None = Field(
        None,
        description="minlon,minlat,maxlon,maxlat (WGS 84) : actions ayant au moins un lieu dans ce rectangle.",
        json_schema_extra={"format": BBOX},
    )


def eligible_years(action: Action) -> list[int]:
    """The label years the action counts for (empty for a planned or unpublished action)."""
    last = action.last_activity_date
    if last is None:
        return []
    candidates = range(last.year + 1, rules.last_label_year_counted(last) + 1)
    return [
        year
        for year in candidates
        if rules.is_eligible(
            status=action.status, last_activity=last, label_year=year, is_published=action.is_published
        )
    ]


def _status(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in rules.STATUSES:
        raise HttpError(
            422,
            _("Statut inconnu « %(value)s » : utilisez planned (prévue), ongoing (en cours) ou done (réalisée).")
            % {"value": value},
        )
    return value


def _updated_since(value: str | None) -> datetime | None:
    if value in (None, ""):
        return None
    text = value.strip()
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            moment = datetime.combine(day, time.min) if day is not None else None
    except ValueError:
        moment = None
    if moment is None:
        raise HttpError(
            422,
            _("Date « %(value)s » invalide pour updated_since : utilisez AAAA-MM-JJ ou une date et heure ISO 8601.")
            % {"value": value},
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _bbox(value: str | None) -> BBox | None:
    if value in (None, ""):
        return None
    parts = [part.strip() for part in value.split(",")]
    error = _(
        "bbox « %(value)s » invalide : attendu minlon,minlat,maxlon,maxlat en degrés (WGS 84), "
        "par exemple 2.2,49.8,2.4,50.0."
    ) % {"value": value}
    if len(parts) != 4 or not all(_NUMBER.match(part) for part in parts):
        raise HttpError(422, error)
    min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HttpError(
            422,
            error
            + " "
            + _(
                "Les longitudes vont de -180 à 180, les latitudes de -90 à 90, et chaque minimum ne dépasse pas "
                "le maximum."
            ),
        )
    return BBox(min_lon=min_lon, min_lat=min_lat, max_lon=max_lon, max_lat=max_lat)


def _filters(query: ActionQuery) -> ActionFilters:
    return ActionFilters(
        territory=(query.territory or "").strip() or None,
        region=(query.region or "").strip() or None,
        service=(query.service or "").strip() or None,
        enjeu=(query.enjeu or "").strip() or None,
        theme=(query.theme or "").strip() or None,
        status=_status(query.status),
        updated_since=_updated_since(query.updated_since),
        q=(query.q or "").strip() or None,
        bbox=_bbox(query.bbox),
    )


@router.get(
    "",
    response={200: list[ActionOut], **INVALID},
    summary="Rechercher des actions publiées",
    description="Actions publiées, les plus récemment modifiées d'abord. Tous les filtres se combinent. "
    "Réponse paginée {count, next, results} (page_size : 500 au plus). Un paramètre invalide donne une "
    "erreur 422 avec un message en français.",
)
@paginate(PageNumberCountPagination)
def list_actions(request: HttpRequest, filters: Query[ActionQuery]):

    action_filters = _filters(filters)
    return CountCachedList(public_actions(action_filters), AtlaasFilters(api=action_filters))


@router.get(
    "/{action_id}",
    response={200: ActionDetailOut, **NOT_FOUND, **INVALID},
    summary="Une action publiée",
    description="Une action publiée avec ses liens et ses acteurs (coordonnées seulement avec leur accord). "
    "Une action inconnue ou non publiée répond 404.",
)
def get_action(request: HttpRequest, action_id: int):
    action = public_action(action_id)
    if action is None:
        raise HttpError(404, _("Aucune action publiée ne porte le numéro %(id)s.") % {"id": action_id})
    return action
