from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElunumConfig(AppConfig):
    name = "arobase.elunum"
    verbose_name = _("Elunum")
