"""Writes: saving, queueing and sending notes, marking them sent, and people's templates.

Each service is one transaction, except `note_send`, which commits the queued note first and
only then talks to the mail server (see outbox.sending), so a slow server never holds a lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from closer.core import notes as core
from closer.core.records import ActionKind
from closer.mail.delivery import Delivery
from closer.outbox.models import Note, NoteTemplate
from closer.outbox.rewrite import note_state
from closer.outbox.sending import NoteError, new_message_id, note_deliver, sending_problem
from closer.pipeline.models import Action, Change
from closer.pipeline.services import action_complete

Status = Note.Status


@dataclass(frozen=True)
class NoteFields:
    to: str
    subject: str
    body: str
    cc: str = ""
    tone: str = core.Tone.WARM


@transaction.atomic
def note_save(*, action: Action, fields: NoteFields, now: datetime) -> Note:
    """Keep the person's words as a draft; a queued note goes back to draft (no more tries)."""
    note = _locked(action)
    if note is not None and not note.editable:
        raise NoteError(_not_editable(note))
    return _write(action, note, fields, status=Status.DRAFT, now=now)


@transaction.atomic
def note_queue(*, action: Action, fields: NoteFields, now: datetime) -> Note:
    note = _locked(action)
    if note is not None and not note.editable:
        raise NoteError(_not_editable(note))
    if action.status != Action.Status.OPEN:
        raise NoteError(f"This action is {action.status}; there is nothing left to send.")
    problem = sending_problem(action.owner)
    if problem:
        raise NoteError(problem)
    if not core.addresses(fields.to):
        raise NoteError("Add the address to send it to.")
    return _write(action, note, fields, status=Status.QUEUED, now=now)


def note_send(*, action: Action, fields: NoteFields, now: datetime) -> Delivery:
    """Queue the note and send it at once. A second click while it is being sent, or after,
    sends nothing more."""
    note = note_queue(action=action, fields=fields, now=now)
    return note_deliver(note.pk, now=now)


def note_resend(*, note: Note, now: datetime) -> Delivery:
    """Send a note that a crash left in `sending`, after the person checked it did not go.
    It keeps its Message-ID, so if it did go after all, mail apps see one message."""
    requeued = Note.objects.filter(pk=note.pk, status=Status.SENDING).update(
        status=Status.QUEUED, next_attempt_at=None, error="", updated_at=now
    )
    if not requeued:
        raise NoteError("This note is not waiting for a decision any more; reload the page.")
    return note_deliver(note.pk, now=now)


def note_retry(*, note: Note, now: datetime) -> Delivery:
    """Try a queued or failed note again now, without waiting for the next attempt."""
    problem = sending_problem(note.owner)
    if problem:
        raise NoteError(problem)
    due = Note.objects.filter(pk=note.pk, status__in=[Status.QUEUED, Status.FAILED]).update(
        status=Status.QUEUED, next_attempt_at=None, updated_at=now
    )
    if not due:
        raise NoteError("This note is not waiting to be sent; reload the page.")
    return note_deliver(note.pk, now=now)


@dataclass(frozen=True)
class MarkedSent:
    note: Note
    # What Undo reverses; None when nothing changed or Closer itself had sent it.
    change: Change | None


@transaction.atomic
def note_mark_sent(*, action: Action, fields: NoteFields | None, now: datetime) -> MarkedSent:
    """Record "I sent it myself", or "it did go" for a note a crash left in `sending`: the
    note is kept as sent and the action is done."""
    note = _locked(action)
    if note is not None and note.status == Status.SENT:
        return MarkedSent(note, None)
    if note is not None and note.status == Status.SENDING:
        # Closer did send it: it went when the row was claimed, and cannot be called back.
        note.status, note.sent_at, note.error = Status.SENT, note.claimed_at or now, ""
        note.save(update_fields=["status", "sent_at", "error", "updated_at"])
        if action.status == Action.Status.OPEN:
            action_complete(action=action, now=now, undoable=False)
        return MarkedSent(note, None)
    if fields is None:
        raise NoteError("Say what you sent, so the outbox can keep it.")
    before = note_state(note)
    note = _write(action, note, fields, status=Status.SENT, now=now)
    note.channel, note.sent_at = Note.Channel.MANUAL, now
    note.save(update_fields=["channel", "sent_at", "updated_at"])
    if action.status != Action.Status.OPEN:
        return MarkedSent(note, None)
    change = action_complete(action=action, now=now)
    assert change.undo is not None
    change.kind, change.undo = "note_marked_sent", {**change.undo, "note": before}
    change.summary = change.summary.replace("Done:", "Sent by you:", 1)
    change.save(update_fields=["kind", "undo", "summary"])
    return MarkedSent(note, change)


def note_discard(*, action: Action) -> bool:
    """Drop the saved words and start again from Closer's draft (also stops retrying).
    False when the note is being sent or was sent: those are kept."""
    editable = [Status.DRAFT, Status.QUEUED, Status.FAILED]
    deleted, _ = Note.objects.filter(action=action, status__in=editable).delete()
    return bool(deleted)


@transaction.atomic
def template_save(*, owner: User, kind: str, tone: str, subject: str, body: str) -> NoteTemplate:
    """Raises TemplateError (and changes nothing) when the template cannot be used."""
    core.check_template(ActionKind(kind), subject, body)
    template, _ = NoteTemplate.objects.update_or_create(
        owner=owner,
        kind=kind,
        tone=tone,
        defaults={"subject": subject.strip(), "body": body.strip()},
    )
    return template


def template_reset(*, owner: User, kind: str, tone: str) -> None:
    NoteTemplate.objects.filter(owner=owner, kind=kind, tone=tone).delete()


def _locked(action: Action) -> Note | None:
    return Note.objects.select_for_update().filter(action=action).first()


def _write(
    action: Action, note: Note | None, fields: NoteFields, *, status: str, now: datetime
) -> Note:
    values = {
        "to": fields.to.strip(),
        "cc": fields.cc.strip(),
        "subject": " ".join(fields.subject.split()),
        "body": fields.body.strip(),
        "tone": fields.tone,
        "status": status,
        "error": "",
        "attempts": 0,
        "next_attempt_at": None,
    }
    if note is None:
        try:
            # A savepoint: on PostgreSQL a second request racing to create the same note
            # fails here, and then updates the row the first one made.
            with transaction.atomic():
                return Note.objects.create(
                    owner=action.owner,
                    action=action,
                    message_id=new_message_id(action.owner),
                    **values,
                )
        except IntegrityError:
            note = _locked(action)
            if note is None:
                raise
            if not note.editable:
                raise NoteError(_not_editable(note)) from None
    for name, value in values.items():
        setattr(note, name, value)
    note.save(update_fields=[*values, "updated_at"])
    return note


def _not_editable(note: Note) -> str:
    if note.status == Status.SENDING:
        return "This note may already have been sent; check your Sent folder first."
    return "This note was already sent."
