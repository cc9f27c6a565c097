"""/api/v1/map/points: the compact points of the Atlaas map."""

from __future__ import annotations

import gzip

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from arobase.atlaas.selectors import MAX_TITLES, AtlaasFilters, map_points_json, published_titles
from arobase.core.api_errors import INVALID
from arobase.www.actions.api import ActionQuery, _filters

router = Router()


class MapQuery(ActionQuery):
    year: int | None = Field(None, ge=1990, le=2100, description="Année de la dernière mise à jour publiée.")
    arobases: int | None = Field(
        None, ge=1, le=5, description="Nombre d'@ du dernier résultat publié de la collectivité porteuse ou partenaire."
    )


class MapPointsOut(Schema):
    count: int = Field(description="Nombre de points (une action = un point, à son premier lieu géolocalisé).")
    fields: list[str] = Field(description="Ordre des valeurs de chaque point.")
    status_codes: dict[str, str] = Field(description="Code numérique du statut → planned, ongoing, done.")
    points: list[list[int | float | str]] = Field(
        description="Un tableau par action : identifiant, latitude, longitude (WGS 84, 5 décimales), "
        "code du statut. Le titre et le lien : /api/v1/actions/{id}."
    )


def map_filters(query: MapQuery) -> AtlaasFilters:
    return AtlaasFilters(api=_filters(query), year=query.year, arobases=query.arobases)


@router.get(
    "/points",
    response={200: MapPointsOut, **INVALID},
    summary="Points de la carte de l'Atlaas",
    description="Toutes les actions publiées correspondant aux filtres (les mêmes que /api/v1/actions, plus bbox, "
    "year et arobases), en format compact : {count, fields, status_codes, points: [[id, lat, lon, statut]]}. "
    "Réponse mise en cache et invalidée à chaque publication, modification ou dépublication d'une action ; "
    "compressée (gzip) si le client l'accepte.",
)
def map_points(request: HttpRequest, filters: Query[MapQuery]):
    atlaas_filters = map_filters(filters)
    body = map_points_json(atlaas_filters)
    response = HttpResponse(content_type="application/json")
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        key = atlaas_filters.cache_key("points-gz")
        compressed = cache.get(key)
        if compressed is None:
            compressed = gzip.compress(body, compresslevel=6, mtime=0)
            cache.set(key, compressed, 3600)
        response.content = compressed
        response["Content-Encoding"] = "gzip"
    else:
        response.content = body
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = "public, max-age=60"
    return response


class MapTitlesOut(Schema):
    titles: dict[str, str] = Field(description="Identifiant de l'action → titre (actions publiées seulement).")


@router.get(
    "/titles",
    response={200: MapTitlesOut, **INVALID},
    summary="Titres des actions de la carte",
    description=f"Les titres des actions publiées demandées (`ids` : identifiants séparés par des virgules, les "
    f"{MAX_TITLES} premiers comptent), pour nommer les points de la carte ; les identifiants inconnus ou non publiés "
    "sont ignorés.",
)
def map_titles(
    request: HttpRequest,
    ids: str = Query("", pattern=r"^[0-9,]*$", max_length=MAX_TITLES * 13, description="Par exemple 12,15,31."),
):
    # An id longer than any primary key cannot name an action: ignored like an unknown one.
    parts = [part for part in ids.split(",") if part and len(part) < 12][:MAX_TITLES]
    return {"titles": {str(pk): title for pk, title in published_titles([int(part) for part in parts]).items()}}
