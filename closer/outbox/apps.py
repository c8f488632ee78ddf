from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "closer.outbox"
    label = "outbox"
