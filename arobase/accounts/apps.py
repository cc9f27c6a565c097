from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "arobase.accounts"
    verbose_name = "Comptes"

    def ready(self):
        from arobase.accounts import signals  # noqa: F401 (connects the receivers)


class ArobaseAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site (`admin_site.ArobaseAdminSite`), whose login is the site's login."""

    default = False
    default_site = "arobase.accounts.admin_site.ArobaseAdminSite"
