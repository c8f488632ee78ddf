from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "closer.pipeline"
    label = "pipeline"
