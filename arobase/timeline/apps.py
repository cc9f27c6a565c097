from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "arobase.timeline"
    verbose_name = _("Histoire de l'Internet citoyen")
