from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "closer.people"
    label = "people"
