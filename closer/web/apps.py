from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "closer.web"
    label = "web"
