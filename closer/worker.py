"""The worker `closer worker` runs: the one loop of the mail layer (closer.mail.worker) over
every queue of email Closer sends. Reminders come first: they are due at a fixed hour, and a
morning's burst of notes must not hold them back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from closer import clock
from closer.mail.worker import Queue, Worker
from closer.outbox.sending import NoteQueue
from closer.pipeline.services import changes_prune
from closer.reminders.sending import ReminderQueue


def _forget_old_undo(now: datetime) -> None:
    changes_prune(now=now)


def worker(now: Callable[[], datetime] = clock.now, *, notes_only: bool = False) -> Worker:
    """The worker over both queues, and the housekeeping; `notes_only` for `closer
    send-queued`, which sends the notes waiting and nothing else."""
    if notes_only:
        return Worker([NoteQueue()], now=now)
    queues: list[Queue] = [ReminderQueue(), NoteQueue()]
    return Worker(queues, now=now, chores=[_forget_old_undo])
