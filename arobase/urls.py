from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from arobase.api import api

urlpatterns = [
    path("", include("arobase.core.urls")),
    path("territoires/", include("arobase.territories.urls")),
    path("actions/", include("arobase.actions.urls")),
    path("referentiel/", include("arobase.referential.urls")),
    path("mosaique/", include("arobase.mosaic.urls")),
    path("label/", include("arobase.label.urls")),
    path("atlaas/", include("arobase.atlaas.urls")),
    path("elunum/", include("arobase.www.elunum.urls")),
    path("compte/", include("arobase.accounts.urls")),
    path("compte/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("gestion/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
