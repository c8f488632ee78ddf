"""What the outbox adds to an opportunity's history: each note it sent (pipeline.history)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from closer.outbox.models import Note
from closer.pipeline.history import HistoryEvent
from closer.pipeline.models import Action


def notes_sent(actions: Sequence[Action]) -> Iterator[HistoryEvent]:
    by_pk = {action.pk: action for action in actions}
    if not by_pk:
        return
    sent = Note.objects.filter(
        action_id__in=list(by_pk), status=Note.Status.SENT, sent_at__isnull=False
    ).only("action_id", "to", "subject", "sent_at")
    for note in sent:
        action = by_pk[note.action_id]
        to = action.contact.name if action.contact else note.to
        assert note.sent_at is not None  # the query above reads only notes with a sent_at
        yield HistoryEvent(note.sent_at, "note", f"Note sent to {to}", note.subject)
