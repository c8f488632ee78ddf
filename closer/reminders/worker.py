"""The background loop behind `closer worker`: reminder emails and queued notes.

Each pass schedules the reminders that have come due, then claims the due reminders a batch at
a time and sends them one by one, then takes the due notes one at a time, claiming each before
it is sent (see reminders.sending and outbox.sending). A stop request (SIGTERM, Ctrl-C) is
honoured between rows, never in the middle of one; the claimed reminders it leaves unsent go
back to pending.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from closer import clock
from closer.outbox.selectors import notes_due
from closer.outbox.sending import Delivery, note_deliver
from closer.reminders.sending import (
    CLAIM_LEASE,
    Outcome,
    reminder_deliver,
    reminders_claim,
    reminders_release,
    reminders_schedule,
)

NOTES_PER_PASS = 100
# One claim per this many reminders keeps claiming cheap (a thousand due reminders cost ten
# short transactions, not a thousand: see bench/worker.py), while several workers still share
# a morning's burst. A killed worker strands at most this many until CLAIM_LEASE; a stopped
# one none.
REMINDERS_PER_CLAIM = 100
# A batch older than this is handed back and claimed afresh, so that slow SMTP never lets a
# claim outlive CLAIM_LEASE (another worker would then send the same reminder again); half the
# lease is left for the email in hand.
BATCH_HOLD = CLAIM_LEASE / 2


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
        self._send_reminders(result)
        if self.stopping:
            result.stopped = True
            return result
        # Row by row rather than outbox.sending.send_queued, so a stop lands between notes.
        note_ids = list(notes_due(self.now()).values_list("pk", flat=True)[:NOTES_PER_PASS])
        for note_id in note_ids:
            if self.stopping:
                result.stopped = True
                return result
            result.notes.append(note_deliver(note_id, now=self.now()))
        return result

    def _send_reminders(self, result: Pass) -> None:
        """Claim and send batches until nothing is due or a stop is requested."""
        while not self.stopping:
            claimed_at = self.now()
            batch = reminders_claim(claimed_at, REMINDERS_PER_CLAIM)
            if not batch:
                return
            for index, reminder_id in enumerate(batch):
                if self.stopping or self.now() - claimed_at > BATCH_HOLD:
                    reminders_release(batch[index:], claimed_at=claimed_at)
                    break
                outcome = reminder_deliver(reminder_id, now=self.now(), claimed_at=claimed_at)
                result.reminders.append(outcome)

    def run_forever(self, *, pause: float, on_pass: Callable[[Pass], None]) -> None:
        while not self.stopping:
            done = self.run_once()
            on_pass(done)
            if done.worked:
                continue  # there may be more; look again at once
            deadline = time.monotonic() + pause
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(0.2, pause))
