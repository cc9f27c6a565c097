from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from arobase.www.api import api

urlpatterns = [
    path("", include("arobase.www.core.urls")),
    path("territoires/", include("arobase.www.territories.urls")),
    path("territoires/", include("arobase.www.peers.urls")),
    path("territoires/", include("arobase.www.bilan.urls")),
    path("actions/", include("arobase.www.actions.urls")),
    path("referentiel/", include("arobase.www.referential.urls")),
    path("mosaique/", include("arobase.www.mosaic.urls")),
    path("label/", include("arobase.www.label.urls")),
    path("atlaas/", include("arobase.www.atlaas.urls")),
    path("barometre/", include("arobase.www.barometre.urls")),
    path("espace-elus/", include("arobase.www.forum.urls")),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
    path("compte/notifications/", include("arobase.www.notifications.urls")),
    path("elunum/", include("arobase.www.elunum.urls")),
    path("compte/", include("arobase.www.accounts.urls")),
    path("compte/", include("allauth.urls")),
    path("histoire/", include("arobase.www.timeline.urls")),
    path("", include("arobase.www.network.urls")),
    path("flux/", include("arobase.www.feeds.urls")),
    path("api/v1/", api.urls),
    path("gestion/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
