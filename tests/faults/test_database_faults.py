"""A database that goes away under the worker: it waits and carries on, and a message that
went out while the database was away is written down as sent once it is back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from helpers import at

from closer.mail import delivery
from closer.mail.delivery import Outcome
from closer.mail.worker import Pass, Worker
from closer.outbox import services
from closer.outbox.models import Note
from closer.outbox.selectors import note_view
from closer.worker import worker

NOW = at("2026-11-25 15:30")


def _queue_note(action):
    view = note_view(action, now=NOW)
    fields = services.NoteFields(to=view.to, cc=view.cc, subject=view.subject, body=view.body)
    return services.note_queue(action=action, fields=fields, now=NOW)


def test_a_note_sent_while_the_database_went_away_is_marked_sent_when_it_is_back(
    smtp, sender, thank_you, monkeypatch
):
    note = _queue_note(thank_you)
    record = delivery._Sent.record
    calls = []

    def lost_once(self):
        calls.append(self.pk)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        record(self)

    monkeypatch.setattr(delivery._Sent, "record", lost_once)
    runner = worker(lambda: NOW, notes_only=True)
    with pytest.raises(OperationalError):
        runner.run_once()
    assert len(smtp.received) == 1
    assert Note.objects.get(pk=note.pk).status == Note.Status.SENDING

    done = runner.run_once()  # the database is back
    note.refresh_from_db()
    thank_you.refresh_from_db()
    assert (note.status, thank_you.status) == (Note.Status.SENT, "done")
    assert done.deliveries["note"] == []  # nothing sent again
    assert len(smtp.received) == 1
    assert delivery.unrecorded == []


class _Flaky:
    """A queue whose database fails `failures` times, then has one row to deliver."""

    name = "flaky"
    batch = 10
    per_pass = None
    hold = timedelta(minutes=5)

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.queued = [7, 8]
        self.released: list[list[int]] = []
        self.delivered: list[int] = []

    def schedule(self, *, now):
        if self.failures:
            self.failures -= 1
            raise OperationalError("database is locked")

    def claim(self, *, now, limit):
        batch, self.queued = self.queued[:limit], self.queued[limit:]
        return batch

    def deliver(self, pk, *, now, claimed_at):
        if pk == 8 and not self.released:
            raise OperationalError("server closed the connection unexpectedly")
        self.delivered.append(pk)
        return delivery.Delivery(pk, Outcome.SENT)

    def release(self, ids, *, claimed_at):
        self.released.append(list(ids))
        self.queued = list(ids) + self.queued
        return len(ids)


def test_the_worker_waits_out_a_lost_database_and_carries_on(db, monkeypatch):
    from closer.mail import worker as module

    slept: list[float] = []
    monkeypatch.setattr(module.Worker, "_sleep", lambda self, seconds: slept.append(seconds))
    queue = _Flaky(failures=3)
    runner = Worker([queue], now=lambda: NOW)
    passes: list[Pass] = []

    def on_pass(done: Pass) -> None:
        passes.append(done)
        if 8 in queue.delivered:
            runner.stop()

    runner.run_forever(pause=30, on_pass=on_pass)
    # Three failed schedules, longer waits each time; then the batch: row 7 went, the
    # database dropped at row 8, which was handed back and delivered on the next pass.
    assert slept[:4] == [1.0, 2.0, 4.0, 8.0]
    assert queue.released == [[8]]
    assert queue.delivered == [7, 8]
