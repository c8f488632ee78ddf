"""The one background loop behind `closer worker`: it drives every queue of email it is
given (`closer.worker` gives it the notes and the reminders).

Each pass asks each queue to schedule what has come due, then claims its due rows a batch at
a time and delivers them one by one. A stop request (SIGTERM, Ctrl-C) is honoured between
rows, never in the middle of one; claimed rows it leaves unsent go back to the queue. So does
a batch held longer than the queue allows, so that a slow mail server never lets a claim
outlive the lease after which another worker would take it over.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from closer import clock
from closer.mail.delivery import Delivery, Outcome


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


class Worker:
    def __init__(self, queues: Sequence[Queue], now: Callable[[], datetime] = clock.now) -> None:
        self.queues = tuple(queues)
        self.now = now
        self.stopping = False

    def stop(self, *_: object) -> None:
        """Signal handler: finish the row in hand, then stop."""
        self.stopping = True

    def run_once(self) -> Pass:
        result = Pass(deliveries={queue.name: [] for queue in self.queues})
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
                done.append(queue.deliver(pk, now=self.now(), claimed_at=claimed_at))

    def run_forever(self, *, pause: float, on_pass: Callable[[Pass], None]) -> None:
        while not self.stopping:
            done = self.run_once()
            on_pass(done)
            if done.worked:
                continue  # there may be more; look again at once
            deadline = time.monotonic() + pause
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(0.2, pause))
