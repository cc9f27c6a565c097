from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render

from arobase.referential.models import ReferentialEdition
from arobase.referential.selectors import diff_editions


@staff_member_required
def compare_editions(request):
    """Staff page: a readable diff between two editions of the referential (by default the last two)."""
    editions = list(ReferentialEdition.objects.order_by("-year"))
    by_year = {str(edition.year): edition for edition in editions}
    old = by_year.get(request.GET.get("de", ""))
    new = by_year.get(request.GET.get("a", ""))
    if old is None and new is None and len(editions) >= 2:
        new, old = editions[0], editions[1]
    diff = diff_editions(old, new) if old and new and old != new else None
    return render(
        request,
        "referential/compare.html",
        {"editions": editions, "old": old, "new": new, "diff": diff, "same": bool(old and old == new)},
    )
