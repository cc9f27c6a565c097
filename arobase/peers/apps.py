from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "arobase.peers"
    verbose_name = _("Comparaison entre collectivités")
