"""/api/v1/territories/{code}/peers and /gaps: the collectivités comparable with one, and the services they render
that it does not (mounted on the /territories prefix beside the territories router)."""

from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from arobase.actions.rules import next_label_year
from arobase.core.api_errors import INVALID, NO_NUL, NOT_FOUND
from arobase.core.api_query import FilterQuery
from arobase.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from arobase.peers import selectors
from arobase.territories.selectors import territory_by_code

router = Router()


class PeerQuery(FilterQuery):
    year: int | None = Field(
        None, ge=1990, le=2100, description="Année du label (par défaut : le label en préparation)."
    )
    population_min: int | None = Field(None, ge=0, le=100_000_000, description="Population minimale des pairs.")
    population_max: int | None = Field(None, ge=0, le=100_000_000, description="Population maximale des pairs.")
    region: str | None = Field(
        None,
        max_length=6,
        pattern=NO_NUL,
        description="Code INSEE de la région des pairs, ou « toutes » pour ne pas filtrer par région.",
    )
    category: Literal["ville", "village", "territoire", "toutes"] | None = Field(
        None, description="Catégorie des pairs, ou « toutes »."
    )


class PageQuery(FilterQuery):
    page: int = Field(1, ge=1, le=1_000_000, description="Numéro de page, à partir de 1.")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Taille de page.")


class CriteriaOut(Schema):
    category: str | None = Field(description="ville, village ou territoire ; null : toutes les catégories.")
    population_min: int
    population_max: int | None
    region: str | None = Field(description="Code de la région ; null : toutes les régions.")
    relaxed: list[str] = Field(description="Élargissements appliqués, dans l'ordre : strata, region, category.")


class PeerOut(Schema):
    code: str
    name: str
    kind: str
    category: str
    population: int | None
    region: str | None
    lit_services: int
    eligible_actions: int
    arobases: int | None = Field(description="Dernier résultat publié (nombre d'@), ou null.")
    arobases_year: int | None


class PeersOut(Schema):
    criteria: CriteriaOut
    count: int
    next: str | None
    results: list[PeerOut]


class GapOut(Schema):
    service: str
    name: str
    enjeu: str
    peer_share: float = Field(description="Part des pairs (tels que /peers les liste) qui allument ce service.")
    national_share: float = Field(description="Part des collectivités ayant une action éligible qui l'allument.")
    examples: list[int] = Field(description="Identifiants de trois actions de pairs au plus.")


class GapsOut(Schema):
    peers: int
    criteria: CriteriaOut
    results: list[GapOut]


def _peer_set(code: str, query: PeerQuery) -> selectors.PeerSet:
    territory = territory_by_code(code=code)
    if territory is None or territory.kind not in selectors.PEER_KINDS:
        raise HttpError(404, _("Aucune commune ni intercommunalité ne porte le code « %(code)s ».") % {"code": code})
    year = query.year if query.year is not None else next_label_year(timezone.localdate())
    overrides = selectors.Overrides(
        population_min=query.population_min,
        population_max=query.population_max,
        region=query.region.strip() if query.region else None,
        category=query.category,
    )
    try:
        return selectors.find_peers(territory=territory, year=year, overrides=overrides)
    except selectors.UnknownLabelYear:
        raise HttpError(
            404, _("Aucune édition du référentiel n'est publiée pour le label %(year)s.") % {"year": year}
        ) from None
    except selectors.InvalidCriteria as error:
        raise HttpError(422, str(error)) from None


@router.get(
    "/{code}/peers",
    response={200: PeersOut, **NOT_FOUND, **INVALID},
    summary="Les collectivités comparables",
    description="Les communes ou intercommunalités de même catégorie (et même nature d'EPCI), même strate de "
    "population et même région, ayant au moins une action éligible au label `year`. Tant qu'il y en a moins de "
    "15, les critères sont élargis (strates voisines, puis toutes les régions, puis toutes les catégories) et "
    "`criteria.relaxed` le dit. `population_min`, `population_max`, `region` et `category` remplacent les "
    "critères (sans élargissement). Un paramètre vide ne change rien. Réponse paginée.",
)
def peers(request: HttpRequest, query: Query[PeerQuery], page: Query[PageQuery], code: str = Path(..., pattern=NO_NUL)):
    peer_set = _peer_set(code, query)
    count = peer_set.count
    offset = (page.page - 1) * page.page_size
    coverages = list(peer_set.rows[offset : offset + page.page_size]) if offset < count else []
    next_url = None
    if offset + page.page_size < count:
        params = request.GET.copy()
        params["page"] = str(page.page + 1)
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {
        "criteria": peer_set.criteria_dict(),
        "count": count,
        "next": next_url,
        "results": [row.to_dict() for row in selectors.peer_rows(coverages)],
    }


@router.get(
    "/{code}/gaps",
    response={200: GapsOut, **NOT_FOUND, **INVALID},
    summary="Ce que font les pairs et pas la collectivité",
    description="Les services non allumés dans la mosaïque de la collectivité qu'au moins 30 % de ses pairs "
    "(ceux de /peers, mêmes paramètres) allument, classés par part des pairs puis par écart avec la part "
    "nationale, avec trois actions de pairs en exemple (même département d'abord, les plus récentes d'abord).",
)
def gaps(request: HttpRequest, query: Query[PeerQuery], code: str = Path(..., pattern=NO_NUL)):
    report = selectors.gaps(peer_set=_peer_set(code, query))
    return {
        "peers": report.peer_count,
        "criteria": report.peers.criteria_dict(),
        "results": [row.to_dict() for row in report.results],
    }
