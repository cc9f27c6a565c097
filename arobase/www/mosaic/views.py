"""Pages of the mosaïque: thin views over `selectors`."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from arobase.mosaic import selectors
from arobase.territories.selectors import territory_by_code
from arobase.www.shortcuts import query_without

EXAMPLES_PER_PAGE = 20


@require_GET
def service_examples(request, code: str):
    """Published actions filed under a service, most recent first; `?exclude=<code>` (with an optional `kind`)
    leaves out those of one collectivité (the one whose mosaïque links here)."""
    label = selectors.service_label(code)
    if label is None:
        raise Http404
    excluded = None
    exclude_code = request.GET.get("exclude", "").strip()
    if exclude_code:
        excluded = territory_by_code(code=exclude_code[:12], kind=request.GET.get("kind") or None)
    actions = selectors.actions_elsewhere(code, exclude_territory=excluded).prefetch_related("shared_with")
    page = Paginator(actions, EXAMPLES_PER_PAGE).get_page(request.GET.get("page"))
    query = query_without(request)
    context = {
        "code": code,
        "label": label,
        "excluded": excluded,
        "page": page,
        "query_string": query,
    }
    return render(request, "mosaic/service_examples.html", context)
