from django.apps import AppConfig


class BarometreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "arobase.barometre"
    verbose_name = "Baromètre"
