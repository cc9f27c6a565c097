"""Pagination of API lists as {"count": N, "next": URL | null, "results": [...]}."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class PageNumberCountPagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, description="Numéro de page, à partir de 1.")
        page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Taille de page.")

    class Output(Schema):
        count: int
        next: str | None
        results: list[Any]

    items_attribute: str = "results"

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params):
        offset = (pagination.page - 1) * pagination.page_size
        count = queryset.count()
        # A page beyond the last one is empty; it is never asked of the database, whose offsets overflow.
        results = list(queryset[offset : offset + pagination.page_size]) if offset < count else []
        next_url = None
        if offset + pagination.page_size < count:
            query = request.GET.copy()
            query["page"] = str(pagination.page + 1)
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return {"count": count, "next": next_url, "results": results}
