from django.shortcuts import get_object_or_404, render

from arobase.territories.models import Territory


def search(request):
    return render(request, "territories/search.html", {})


def detail(request, kind: str, code: str):
    territory = get_object_or_404(Territory, kind=kind, code=code)
    return render(request, "territories/detail.html", {"territory": territory})
