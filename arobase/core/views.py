from django.shortcuts import render

from arobase.core.caching import public_page


@public_page()
def home(request):
    return render(request, "core/home.html", {})
