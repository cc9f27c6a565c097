from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MosaicConfig(AppConfig):
    name = "arobase.mosaic"
    verbose_name = _("Mosaïque")
