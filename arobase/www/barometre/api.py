"""/api/v1/barometre: the frozen editions of the baromètre. Cells of fewer than 5 collectivités are not listed."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Max
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from arobase.barometre import selectors
from arobase.core.api_errors import INVALID, NOT_FOUND
from arobase.core.pagination import PageNumberCountPagination

router = Router()


class EditionYearOut(Schema):
    year: int
    frozen_at: datetime = Field(description="Date à laquelle l'édition a été figée (ISO 8601).")


class CellOut(Schema):
    code: str
    collectivites: int = Field(description="Collectivités ayant au moins une action éligible.")
    actions: int = Field(description="Actions éligibles.")


class StratumOut(Schema):
    label: str
    population_min: int
    population_max: int | None = Field(description="null pour la dernière strate (sans limite).")
    collectivites: int


class BarometreOut(Schema):
    year: int
    frozen_at: datetime
    collectivites: int | None = Field(description="null sous 5 collectivités.")
    actions: int | None
    services: list[CellOut]
    enjeux: list[CellOut]
    strata: list[StratumOut]
    regions: list[CellOut]


@router.get(
    "",
    response={200: list[EditionYearOut], **INVALID},
    summary="Les éditions publiées du baromètre",
    description="Une ligne par année du label ayant un baromètre figé, la plus récente d'abord. Réponse paginée "
    "{count, next, results}.",
)
@paginate(PageNumberCountPagination)
def editions(request: HttpRequest):
    return selectors.frozen_editions().values("year").annotate(frozen_at=Max("frozen_at")).order_by("-year")


def _shown(rows: list[dict], *fields: str) -> list[dict]:
    return [{field: row[field] for field in fields} for row in rows if row["collectivites"] is not None]


@router.get(
    "/{year}",
    response={200: BarometreOut, **NOT_FOUND, **INVALID},
    summary="Le baromètre d'une année du label",
    description="Chiffres figés de l'édition : collectivités ayant au moins une action éligible et actions éligibles, "
    "par service, enjeu, strate de population et région. Les cases de moins de 5 collectivités ne sont pas "
    "diffusées : elles sont absentes des listes. 404 sans édition figée pour cette année.",
)
def edition(request: HttpRequest, year: int):
    found = selectors.public_edition(year)
    if found is None:
        raise HttpError(404, "Aucun baromètre publié pour cette année.")
    figures = found.figures
    return {
        "year": found.year,
        "frozen_at": found.frozen_at,
        "collectivites": figures["collectivites"],
        "actions": figures["actions"],
        "services": _shown(figures["services"], "code", "collectivites", "actions"),
        "enjeux": _shown(figures["enjeux"], "code", "collectivites", "actions"),
        "strata": _shown(figures["strata"], "label", "population_min", "population_max", "collectivites"),
        "regions": _shown(figures["regions"], "code", "collectivites", "actions"),
    }
