from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "closer.outbox"
    label = "outbox"

    def ready(self) -> None:
        from closer.outbox.history import notes_sent
        from closer.pipeline.history import history_source

        history_source(notes_sent)
