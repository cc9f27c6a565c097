from django.urls import path
from django.views.generic import TemplateView

from arobase.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("mentions-legales/", TemplateView.as_view(template_name="core/legal.html"), name="legal"),
    path("accessibilite/", TemplateView.as_view(template_name="core/accessibility.html"), name="accessibility"),
    path(
        "donnees-personnelles/", TemplateView.as_view(template_name="core/privacy.html"), name="privacy"
    ),
]
