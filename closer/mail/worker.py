"""The one background loop behind `closer worker`: it drives every queue of email it is
given (`closer.worker` gives it the notes and the reminders).

Each pass asks each queue to schedule what has come due, then claims its due rows a batch at
a time and delivers them one by one. A stop request (SIGTERM, Ctrl-C) is honoured between
rows, never in the middle of one; claimed rows it leaves unsent go back to the queue. So does
a batch held longer than the queue allows, so that a slow mail server never lets a claim
outlive the lease after which another worker would take it over.

A database that goes away (a restart, a failover, a busy SQLite file) does not stop the loop:
it waits, longer each time up to a minute, and carries on once the database answers. It then
first writes down any message that went out while the database was away, then hands back the
rest of the batch it was holding.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from django.db import Error as DatabaseTrouble
from django.db import close_old_connections, connections

from closer import clock
from closer.mail.delivery import Delivery, Outcome, record_unrecorded

log = logging.getLogger(__name__)

# Waits after the database went away: 1, 2, 4 ... seconds, never more than a minute.
FIRST_WAIT, LONGEST_WAIT = 1.0, 60.0


class Queue(Protocol):
    """One kind of email the worker sends."""

    name: str
    # Rows per claim. A kind that is never resent after a crash claims one at a time, so a
    # killed worker leaves at most one row whose fate is unknown.
    batch: int
    # At most this many rows per pass (None: until nothing is due), so one busy queue cannot
    # starve the others.
    per_pass: int | None
    # A batch held longer than this is handed back and claimed afresh.
    hold: timedelta

    def schedule(self, *, now: datetime) -> object: ...

    def claim(self, *, now: datetime, limit: int) -> list[int]: ...

    def deliver(self, pk: int, *, now: datetime, claimed_at: datetime) -> Delivery: ...

    def release(self, ids: list[int], *, claimed_at: datetime) -> int: ...


@dataclass
class Pass:
    """What one pass did, per queue name."""

    deliveries: dict[str, list[Delivery]] = field(default_factory=dict)
    stopped: bool = False

    @property
    def worked(self) -> bool:
        return any(
            d.outcome is not Outcome.TAKEN for found in self.deliveries.values() for d in found
        )


# Housekeeping (forgetting what Undo no longer needs) runs at most this often.
CHORE_INTERVAL = timedelta(hours=1)

Chore = Callable[[datetime], object]


class Worker:
    def __init__(
        self,
        queues: Sequence[Queue],
        now: Callable[[], datetime] = clock.now,
        chores: Sequence[Chore] = (),
    ) -> None:
        self.queues = tuple(queues)
        self.now = now
        self.chores = tuple(chores)
        self.chores_done_at: datetime | None = None
        self.stopping = False
        # The batch in hand when the database went away: handed back once it is back.
        self.holding: tuple[Queue, list[int], datetime] | None = None

    def stop(self, *_: object) -> None:
        """Signal handler: finish the row in hand, then stop."""
        self.stopping = True

    def run_once(self) -> Pass:
        result = Pass(deliveries={queue.name: [] for queue in self.queues})
        self._recover()
        self._chores()
        for queue in self.queues:
            queue.schedule(now=self.now())
        for queue in self.queues:
            self._drain(queue, result.deliveries[queue.name])
            if self.stopping:
                result.stopped = True
                break
        return result

    def _drain(self, queue: Queue, done: list[Delivery]) -> None:
        """Claim and deliver batches until nothing is due, the pass has had its share, or a
        stop is requested."""
        while not self.stopping and (queue.per_pass is None or len(done) < queue.per_pass):
            claimed_at = self.now()
            batch = queue.claim(now=claimed_at, limit=queue.batch)
            if not batch:
                return
            for index, pk in enumerate(batch):
                if self.stopping or self.now() - claimed_at > queue.hold:
                    queue.release(batch[index:], claimed_at=claimed_at)
                    break
                self.holding = (queue, batch[index:], claimed_at)
                done.append(queue.deliver(pk, now=self.now(), claimed_at=claimed_at))
            self.holding = None

    def _chores(self) -> None:
        now = self.now()
        if self.chores_done_at is not None and now - self.chores_done_at < CHORE_INTERVAL:
            return
        for chore in self.chores:
            chore(now)
        self.chores_done_at = now

    def _recover(self) -> None:
        """After the database came back: write down what was sent meanwhile, then hand back
        the rest of the batch in hand (rows written down as sent are no longer held)."""
        record_unrecorded()
        if self.holding is not None:
            queue, ids, claimed_at = self.holding
            queue.release(ids, claimed_at=claimed_at)
            self.holding = None

    def run_forever(self, *, pause: float, on_pass: Callable[[Pass], None]) -> None:
        wait = FIRST_WAIT
        while not self.stopping:
            try:
                # Connections that broke while idle are dropped here and made afresh.
                close_old_connections()
                done = self.run_once()
            except DatabaseTrouble as exc:
                log.warning("The database is not answering (%s); trying again in %g s.", exc, wait)
                connections.close_all()
                self._sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
                continue
            wait = FIRST_WAIT
            on_pass(done)
            if not done.worked:
                self._sleep(pause)  # else there may be more: look again at once

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))
