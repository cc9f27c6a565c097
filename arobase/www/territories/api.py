"""/api/v1/territories: the official French territories (régions, départements, EPCI, communes)."""

from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from arobase.actions.rules import next_label_year
from arobase.core.api_errors import INVALID, NO_NUL, NOT_FOUND
from arobase.core.api_query import FilterQuery
from arobase.core.pagination import PageNumberCountPagination
from arobase.label.selectors import label_history
from arobase.mosaic.selectors import UnknownLabelYear, territory_mosaic
from arobase.territories import selectors
from arobase.territories.models import Territory, TerritoryKind
from arobase.www.mosaic.schemas import MosaicOut

router = Router()

Kind = Literal["commune", "epci", "departement", "region", "foreign"]


class TerritoryOut(Schema):
    code: str = Field(description="Code INSEE (commune, département, région) ou SIREN (EPCI).")
    name: str
    kind: str = Field(description="commune, epci, departement, region ou foreign.")
    population: int | None = Field(
        description="Population municipale (somme des communes pour un département ou une région)."
    )
    departement: str | None = Field(description="Code du département, ou null.")
    region: str | None = Field(description="Code de la région, ou null.")
    epci: str | None = Field(description="SIREN de l'EPCI dont la commune est membre, ou null.")
    epci_type: str | None = Field(description="Nature de l'EPCI : CC, CA, CU, METRO ou MET69 ; null sinon.")
    siren: str | None
    postal_codes: list[str]
    latitude: float | None
    longitude: float | None
    is_obsolete: bool
    url: str = Field(description="Page publique de la collectivité.")

    @staticmethod
    def resolve_departement(territory: Territory) -> str | None:
        return territory.departement.code if territory.departement_id else None

    @staticmethod
    def resolve_region(territory: Territory) -> str | None:
        return territory.region.code if territory.region_id else None

    @staticmethod
    def resolve_epci(territory: Territory) -> str | None:
        return territory.epci.code if territory.epci_id else None

    @staticmethod
    def resolve_epci_type(territory: Territory) -> str | None:
        return territory.epci_type or None

    @staticmethod
    def resolve_siren(territory: Territory) -> str | None:
        return territory.siren or None

    @staticmethod
    def resolve_postal_codes(territory: Territory) -> list[str]:
        return territory.postal_code_list

    @staticmethod
    def resolve_url(territory: Territory, context) -> str:
        return context["request"].build_absolute_uri(territory.get_absolute_url())


class LabelResultOut(Schema):
    year: int
    arobases: int = Field(description="De 1 à 5 ; 0 pour l'ancienne « mention » des palmarès historiques.")
    mentions: list[str]


class TerritoryDetailOut(TerritoryOut):
    members: list[str] | None = Field(
        description="Pour un EPCI : codes INSEE de ses communes membres actuelles, les plus peuplées d'abord ; "
        "null pour les autres collectivités."
    )

    label_history: list[LabelResultOut] = Field(
        description="Résultats publiés au label, les plus récents d'abord (jamais avant la cérémonie)."
    )

    @staticmethod
    def resolve_members(territory: Territory) -> list[str] | None:
        return getattr(territory, "member_codes", None)

    @staticmethod
    def resolve_label_history(territory: Territory) -> list[dict]:
        return label_history(territory)


class TerritoryFilters(FilterQuery):
    q: str = Field(
        "",
        max_length=100,
        pattern=NO_NUL,
        description="Nom (insensible à la casse, aux accents, traits d'union et apostrophes ; chaque mot peut être "
        "un début de mot), code INSEE, SIREN (9 chiffres), code postal (5 chiffres) ou code de département.",
    )
    kind: Kind | None = Field(None, description="Ne garder qu'un type de collectivité.")
    departement: str | None = Field(
        None, max_length=3, pattern=NO_NUL, description="Code de département, par exemple 80 ou 2A."
    )


def _list_queryset(filters: TerritoryFilters):
    territories = selectors.search_territories(query=filters.q, kind=filters.kind, departement=filters.departement)
    return territories.select_related("departement", "region", "epci")


@router.get(
    "",
    response={200: list[TerritoryOut], **INVALID},
    summary="Rechercher des collectivités",
    description="Collectivités actuelles (les obsolètes sont exclues), les plus peuplées d'abord, le nom exact en "
    "tête. Réponse paginée {count, next, results}.",
)
@paginate(PageNumberCountPagination)
def list_territories(request: HttpRequest, filters: Query[TerritoryFilters]):
    return _list_queryset(filters)


@router.get(
    "/{code}",
    response={200: TerritoryDetailOut, **NOT_FOUND, **INVALID},
    summary="Une collectivité par son code",
    description="`code` est le code INSEE d'une commune, d'un département ou d'une région, ou le SIREN d'un EPCI. "
    "Un même code peut désigner plusieurs collectivités (« 11 » est la région Île-de-France et le département de "
    "l'Aude) : préciser `kind` pour lever l'ambiguïté ; sans `kind`, l'ordre de préférence est "
    "commune > epci > departement > region. Les collectivités obsolètes (communes fusionnées...) restent "
    "consultables, avec `is_obsolete` à true.",
)
def get_territory(request: HttpRequest, code: str = Path(..., pattern=NO_NUL), kind: Kind | None = None):
    territory = selectors.territory_by_code(code=code, kind=kind)
    if territory is None:
        raise HttpError(404, _("Aucune collectivité ne porte le code « %(code)s ».") % {"code": code})
    if territory.kind == TerritoryKind.EPCI:
        territory.member_codes = selectors.epci_member_codes(epci=territory)
    return territory


@router.get(
    "/{code}/mosaic",
    response={200: MosaicOut, **NOT_FOUND, **INVALID},
    summary="La mosaïque d'une collectivité",
    description="Pour le label de l'année `year` (par défaut le label en préparation) : chaque thème, enjeu et "
    "service de l'édition du référentiel de cette année (ou, si elle n'est pas publiée, de la dernière édition "
    "publiée antérieure) ; un service est allumé (`lit`) quand la collectivité a au moins une action éligible "
    "(publiée, en cours ou réalisée, mise à jour en N-1 ou N-2, portée ou partagée) classée sous ce service. "
    "`coverage` est la part des services allumés (0 à 1). `code` et `kind` comme pour /territories/{code}.",
)
def get_territory_mosaic(
    request: HttpRequest, code: str = Path(..., pattern=NO_NUL), year: int | None = None, kind: Kind | None = None
):
    territory = selectors.territory_by_code(code=code, kind=kind)
    if territory is None:
        raise HttpError(404, _("Aucune collectivité ne porte le code « %(code)s ».") % {"code": code})
    label_year = year if year is not None else next_label_year(timezone.localdate())
    try:
        mosaic = territory_mosaic(territory=territory, year=label_year)
    except UnknownLabelYear:
        raise HttpError(
            404, _("Aucune édition du référentiel n'est publiée pour le label %(year)s.") % {"year": label_year}
        ) from None
    return mosaic.to_dict()
