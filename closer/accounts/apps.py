from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "closer.accounts"
    label = "accounts"
