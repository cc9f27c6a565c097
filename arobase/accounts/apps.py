from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "arobase.accounts"
    verbose_name = "Comptes"
