from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "closer.outbox"
    label = "outbox"

    def ready(self) -> None:
        from closer.outbox.history import notes_sent
        from closer.outbox.rewrite import notes_rewrite, undo_marked_sent
        from closer.pipeline.history import history_source
        from closer.pipeline.services import drafts_rewriter, undoer

        history_source(notes_sent)
        drafts_rewriter(notes_rewrite)
        undoer("note_marked_sent")(undo_marked_sent)
