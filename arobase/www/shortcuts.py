"""Small helpers the views of every area share."""

from django.http import Http404, HttpRequest

from arobase.territories.models import Territory
from arobase.territories.selectors import territory_detail


def query_without(request: HttpRequest, parameter: str = "page") -> str:
    """The query string of the request without `parameter` (the page links of a paginated list add their own)."""
    query = request.GET.copy()
    query.pop(parameter, None)
    return query.urlencode()


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request that wants a fragment; a history restore (back button, cache miss) wants the whole page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def territory_or_404(kind: str, code: str) -> Territory:
    territory = territory_detail(kind=kind, code=code)
    if territory is None:
        raise Http404
    return territory
