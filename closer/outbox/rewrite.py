"""Corrections reaching the notes not yet sent, and Undo for "I sent it myself".

Both are registered with the pipeline from OutboxConfig.ready: the pipeline's edits and its
Undo know nothing of notes, which sit above them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from closer.core.text import replace_words
from closer.outbox.models import Note
from closer.outbox.selectors import format_address
from closer.pipeline.models import Change
from closer.pipeline.services import Rewrite, UndoError, undo_as

Status = Note.Status
UNSENT = (Status.DRAFT, Status.QUEUED, Status.FAILED)
# The fields of a note that "I sent it myself" overwrites, and Undo puts back.
_WRITTEN = ("to", "cc", "subject", "body", "tone", "status", "channel", "sent_at", "error")


def notes_rewrite(owner: User, opportunities: Collection[int], rewrite: Rewrite) -> int:
    """Apply a correction to the unsent notes of these opportunities; how many changed.
    Locked first, so the worker cannot claim a queued note halfway through its rewrite."""
    notes = (
        Note.objects.select_for_update(of=("self",))
        .filter(owner=owner, action__opportunity__in=opportunities, status__in=UNSENT)
        .select_related("action__contact")
    )
    changed = 0
    for note in notes:
        before = (note.to, note.subject, note.body)
        note.subject = replace_words(note.subject, rewrite.words)
        note.body = replace_words(note.body, rewrite.words)
        note.to = replace_words(note.to, rewrite.addresses, ignore_case=True)
        note.to = replace_words(note.to, rewrite.words)
        contact = note.action.contact
        if not note.to.strip() and contact is not None and contact.pk in rewrite.fill_to:
            note.to = format_address(contact.name, contact.email)
        if (note.to, note.subject, note.body) != before:
            note.save(update_fields=["to", "subject", "body", "updated_at"])
            changed += 1
    return changed


def note_state(note: Note | None) -> dict[str, Any] | None:
    """What Undo needs to put a note back as it was (None: there was no note)."""
    if note is None:
        return None
    state: dict[str, Any] = {name: getattr(note, name) for name in _WRITTEN}
    state["sent_at"] = note.sent_at.isoformat() if note.sent_at else None
    state["pk"] = note.pk
    return state


@transaction.atomic
def undo_marked_sent(change: Change, now: datetime) -> None:
    """The note goes back to the draft it was (or away, if there was none), then the action
    reopens as any Done would."""
    assert change.undo is not None
    note = Note.objects.select_for_update().filter(action_id=change.undo["action"]).first()
    if note is None or note.status != Status.SENT or note.channel != Note.Channel.MANUAL:
        raise UndoError("That note has changed since; open it to see where it stands.")
    before = change.undo.get("note")
    if before is None:
        note.delete()
    else:
        for name in _WRITTEN:
            setattr(note, name, before[name])
        note.sent_at = datetime.fromisoformat(before["sent_at"]) if before["sent_at"] else None
        note.save(update_fields=[*_WRITTEN, "updated_at"])
    undo_as("action", change, now)
