"""The background loop behind `closer worker`: reminder emails and queued notes.

Each pass schedules the reminders that have come due, then takes the due rows one at a time,
claiming each before it is sent (see reminders.sending and outbox.sending). A stop request
(SIGTERM, Ctrl-C) is honoured between rows, never in the middle of one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from closer import clock
from closer.outbox.selectors import notes_due
from closer.outbox.sending import Delivery, note_deliver
from closer.reminders.sending import Outcome, reminder_deliver, reminders_due, reminders_schedule

NOTES_PER_PASS = 100


@dataclass
class Pass:
    reminders: list[Outcome] = field(default_factory=list)
    notes: list[Delivery] = field(default_factory=list)
    stopped: bool = False

    @property
    def worked(self) -> bool:
        return any(r.outcome != "taken" for r in self.reminders) or any(
            n.outcome != "skipped" for n in self.notes
        )


class Worker:
    def __init__(self, now: Callable[[], datetime] = clock.now) -> None:
        self.now = now
        self.stopping = False

    def stop(self, *_: object) -> None:
        """Signal handler: finish the row in hand, then stop."""
        self.stopping = True

    def run_once(self) -> Pass:
        result = Pass()
        reminders_schedule(now=self.now())
        for reminder_id in reminders_due(self.now()):
            if self.stopping:
                result.stopped = True
                return result
            result.reminders.append(reminder_deliver(reminder_id, now=self.now()))
        # Row by row rather than outbox.sending.send_queued, so a stop lands between notes.
        note_ids = list(notes_due(self.now()).values_list("pk", flat=True)[:NOTES_PER_PASS])
        for note_id in note_ids:
            if self.stopping:
                result.stopped = True
                return result
            result.notes.append(note_deliver(note_id, now=self.now()))
        return result

    def run_forever(self, *, pause: float, on_pass: Callable[[Pass], None]) -> None:
        while not self.stopping:
            done = self.run_once()
            on_pass(done)
            if done.worked:
                continue  # there may be more; look again at once
            deadline = time.monotonic() + pause
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(0.2, pause))
