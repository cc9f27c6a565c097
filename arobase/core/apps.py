from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "arobase.core"
    verbose_name = "Socle"
