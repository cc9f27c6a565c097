from django.urls import path
from django.views.generic import TemplateView

from arobase.core.models import PageKey
from arobase.www.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("mentions-legales/", TemplateView.as_view(template_name="core/legal.html"), name="legal"),
    path("accessibilite/", TemplateView.as_view(template_name="core/accessibility.html"), name="accessibility"),
    path("donnees-personnelles/", TemplateView.as_view(template_name="core/privacy.html"), name="privacy"),
    path("aide/", views.editable_page, {"key": PageKey.HELP}, name="help"),
    path("faq/", views.editable_page, {"key": PageKey.FAQ}, name="faq"),
    path("reglement/", views.editable_page, {"key": PageKey.REGULATION}, name="regulation"),
    path("contact/", views.contact, name="contact"),
    path("api/", views.api_guide, name="api"),
]
