"""/api/v1/elunum/search: Elunum's search over trusted pages and published Atlaas actions."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from arobase.core.api_errors import INVALID, NO_NUL
from arobase.core.api_query import FilterQuery
from arobase.elunum import services
from arobase.elunum.search import SearchFilters, search

router = Router()
PAGE_SIZE = 20
MAX_PAGE = 100

Kind = Literal["collectivite", "ministere", "agence", "association", "presse", "recherche"]


class SearchQuery(FilterQuery):
    q: str = Field("", max_length=500, description="Les mots cherchés (fautes de frappe corrigées si rien ne répond).")
    kind: Kind | None = Field(
        None,
        description="Type de source : collectivite, ministere, agence, association, "
        "presse ou recherche (les actions comptent comme des collectivités).",
    )
    region: str | None = Field(None, max_length=12, pattern=NO_NUL, description="Code INSEE d'une région.")
    type: Literal["page", "action"] | None = Field(None, description="page ou action ; les deux si vide.")
    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Numéro de page ({PAGE_SIZE} résultats par page).")


class SourceOut(Schema):
    name: str
    kind: str
    host: str = Field(description="Hôte de la page ; vide pour une action (publiée sur cette plateforme).")


class ResultOut(Schema):
    type: Literal["page", "action"]
    url: str
    title: str
    excerpt: str = Field(description="Extrait du texte autour des mots cherchés, en texte brut.")
    published_at: date | None
    source: SourceOut


class SearchOut(Schema):
    count: int
    next: str | None
    results: list[ResultOut]


@router.get(
    "/search",
    response={200: SearchOut, **INVALID},
    summary="Recherche Elunum",
    description="Pages des sources de confiance et actions publiées de l'Atlaas correspondant aux mots cherchés, "
    "classées par pertinence, fraîcheur et type de source. Un paramètre vide ne filtre rien. "
    "Aucune recherche n'est enregistrée avec une personne ou une adresse.",
)
def elunum_search(request: HttpRequest, filters: Query[SearchQuery]):
    query = filters.q.replace("\x00", " ")
    results = search(
        SearchFilters(q=query, kind=filters.kind, region=filters.region, type=filters.type),
        page=filters.page,
        page_size=PAGE_SIZE,
    )
    if query.strip():
        services.count_search()
    next_url = None
    if filters.page * PAGE_SIZE < results.count and filters.page < MAX_PAGE:
        params = request.GET.copy()
        params["page"] = str(filters.page + 1)
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {
        "count": results.count,
        "next": next_url,
        "results": [
            {
                "type": hit.type,
                "url": hit.url if hit.type == "page" else request.build_absolute_uri(hit.url),
                "title": hit.title,
                "excerpt": hit.excerpt,
                "published_at": hit.published_at,
                "source": {"name": hit.source_name, "kind": hit.source_kind, "host": hit.host},
            }
            for hit in results.hits
        ],
    }
