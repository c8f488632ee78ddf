"""Undoing "I sent it myself": the note is the draft it was again (or no note, if there was
none), the action is open again, and what Closer itself sent is never taken back."""

from __future__ import annotations

import pytest

from closer.outbox.models import Note
from closer.outbox.services import NoteFields, note_mark_sent, note_save
from closer.pipeline.models import Action
from closer.pipeline.services import UndoError, change_undo

pytestmark = pytest.mark.django_db

SENT = NoteFields(to="Dana Lee <dana@acme.example>", subject="Thank you", body="Hi Dana, thanks.")


def test_undo_takes_away_a_note_that_was_only_ever_sent_by_hand(thank_you, frozen_now):
    marked = note_mark_sent(action=thank_you, fields=SENT, now=frozen_now)
    assert marked.change is not None and marked.change.summary.startswith("Sent by you:")
    assert Action.objects.get(pk=thank_you.pk).status == Action.Status.DONE

    change_undo(change=marked.change, now=frozen_now)
    assert not Note.objects.filter(action=thank_you).exists()
    reopened = Action.objects.get(pk=thank_you.pk)
    assert (reopened.status, reopened.completed_at) == (Action.Status.OPEN, None)


def test_undo_puts_back_the_draft_as_it_was_before(thank_you, frozen_now):
    draft = NoteFields(to="Dana Lee <dana@acme.example>", subject="Draft", body="Half written")
    note_save(action=thank_you, fields=draft, now=frozen_now)
    marked = note_mark_sent(action=thank_you, fields=SENT, now=frozen_now)
    assert marked.change is not None

    change_undo(change=marked.change, now=frozen_now)
    note = Note.objects.get(action=thank_you)
    assert (note.status, note.subject, note.body, note.sent_at) == (
        Note.Status.DRAFT,
        "Draft",
        "Half written",
        None,
    )
    assert note.channel != Note.Channel.MANUAL
    assert Action.objects.get(pk=thank_you.pk).status == Action.Status.OPEN


def test_a_note_closer_sent_since_is_not_taken_back(thank_you, frozen_now):
    marked = note_mark_sent(action=thank_you, fields=SENT, now=frozen_now)
    assert marked.change is not None
    # As if the note had gone by email after all (the outbox's own sending).
    Note.objects.filter(action=thank_you).update(channel=Note.Channel.SMTP)
    with pytest.raises(UndoError, match="changed since"):
        change_undo(change=marked.change, now=frozen_now)
    assert Note.objects.get(action=thank_you).status == Note.Status.SENT
    assert Action.objects.get(pk=thank_you.pk).status == Action.Status.DONE


def test_marking_a_sent_note_again_offers_nothing_to_undo(thank_you, frozen_now):
    note_mark_sent(action=thank_you, fields=SENT, now=frozen_now)
    again = note_mark_sent(action=thank_you, fields=SENT, now=frozen_now)
    assert again.change is None
