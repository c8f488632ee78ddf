"""The worker `closer worker` runs: the one loop of the mail layer (closer.mail.worker) over
every queue of email Closer sends. Reminders come first: they are due at a fixed hour, and a
morning's burst of notes must not hold them back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from closer import clock
from closer.mail.worker import Queue, Worker
from closer.outbox.sending import NoteQueue
from closer.reminders.sending import ReminderQueue


def worker(now: Callable[[], datetime] = clock.now, *, notes_only: bool = False) -> Worker:
    """The worker over both queues; `notes_only` for `closer send-queued`."""
    queues: list[Queue] = [NoteQueue()] if notes_only else [ReminderQueue(), NoteQueue()]
    return Worker(queues, now=now)
