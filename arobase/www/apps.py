from django.apps import AppConfig


class WwwConfig(AppConfig):
    """The pages on top of the domain apps: views, forms, URLs, API routers and template tags (no models)."""

    name = "arobase.www"
    label = "www"
    verbose_name = "Pages"
