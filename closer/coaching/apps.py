from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "closer.coaching"
    label = "coaching"
