"""/api/v1/palmares and /api/v1/campaigns. Results come from `selectors.published_results()` only: before the
ceremony of a published campaign, its palmarès answers 404 exactly like an unknown year."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from arobase.core.api_errors import INVALID, NOT_FOUND
from arobase.core.pagination import PageNumberCountPagination
from arobase.label.campaigns import selectors as campaign_selectors
from arobase.label.models import Result
from arobase.label.palmares import selectors as palmares_selectors

palmares_router = Router()
campaigns_router = Router()


class PalmaresEntryOut(Schema):
    code: str = Field(
        description="Code INSEE (commune) ou SIREN (EPCI) ; code attribué pour une collectivité étrangère."
    )
    name: str
    kind: str = Field(description="Catégorie au label : ville, village ou territoire.")
    arobases: int = Field(description="De 1 à 5 ; 0 pour l'ancien niveau « mention seule ».")
    mentions: list[str] = Field(description="Mentions thématiques attribuées.")
    hors_concours: bool = Field(description="Collectivité étrangère, citée hors concours.")

    @staticmethod
    def resolve_code(result: Result) -> str:
        return result.territory.code

    @staticmethod
    def resolve_name(result: Result) -> str:
        return result.territory.name

    @staticmethod
    def resolve_kind(result: Result) -> str:
        return result.category


class CampaignOut(Schema):
    year: int
    state: str = Field(description="preparation, open, closed, deliberated ou published.")
    ceremony_at: datetime = Field(description="Date et heure de la cérémonie (ISO 8601).")


@palmares_router.get(
    "/{year}",
    response={200: list[PalmaresEntryOut], **NOT_FOUND, **INVALID},
    summary="Le palmarès d'une année",
    description="Classement général (toutes catégories mêlées), le plus d'@ d'abord puis par nom. Réponse paginée "
    "{count, next, results}. 404 tant que le palmarès n'est pas publié (cérémonie).",
)
@paginate(PageNumberCountPagination)
def palmares(request: HttpRequest, year: int):
    if not palmares_selectors.palmares_is_public(year):
        raise HttpError(404, _("Aucun palmarès publié pour cette année."))
    return palmares_selectors.palmares_results(year)


@campaigns_router.get(
    "",
    response=list[CampaignOut],
    summary="Les campagnes du label",
    description="Une campagne par année du label, la plus récente d'abord.",
)
def campaigns(request: HttpRequest):
    return [
        {"year": campaign.year, "state": campaign.state, "ceremony_at": campaign.ceremony_at}
        for campaign in campaign_selectors.public_campaigns()
    ]
