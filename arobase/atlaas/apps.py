from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtlaasConfig(AppConfig):
    name = "arobase.atlaas"
    verbose_name = _("Atlaas")

    def ready(self) -> None:
        from arobase.atlaas import signals

        signals.connect()
