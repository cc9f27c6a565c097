from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "arobase.territories"
    verbose_name = "Territoires"
