"""How a queued email goes out exactly as often as its kind allows.

A row is claimed before Closer talks to the mail server, by an UPDATE that moves it from
`queued` to `sending` and that only one process can win:

- a batch (the worker): SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, so two workers take
  disjoint rows without waiting for each other; on SQLite the IMMEDIATE transaction's write
  lock serialises claims instead;
- one row (a person pressed Send): a conditional UPDATE whose row count says who won.

What happens to a row a crash leaves in `sending` is its kind's CrashPolicy: whether the
server got the email is unknown, so either a person decides, or another worker sends it again
after a lease, with the same Message-ID.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from django.core.mail import EmailMessage
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Field, Q, QuerySet

from closer.mail.models import Deliverable, Status
from closer.mail.policy import MAX_ATTEMPTS, describe_error, is_permanent, retry_delay
from closer.mail.smtp import FateUnknown

D = TypeVar("D", bound=Deliverable)


class Outcome(StrEnum):
    """What one attempt at one email did, in the same words for every kind of email."""

    SENT = "sent"
    # Not sent; it waits in the queue and is tried again later.
    RETRY = "retry"
    # Not sent, and never will be on its own: a person must change something.
    FAILED = "failed"
    # Not sent, on purpose: nothing to say, turned off, or no longer wanted.
    SKIPPED = "skipped"
    # Not this caller's: someone else holds it, or it is not due.
    TAKEN = "taken"
    # Handed to the server, which then went silent or hung up: it may have gone. The row
    # stays `sending`, and the kind's CrashPolicy decides (a person, or a later resend).
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Delivery:
    id: int
    outcome: Outcome
    message: str = ""

    @property
    def sent(self) -> bool:
        return self.outcome is Outcome.SENT


@dataclass(frozen=True)
class CrashPolicy:
    """What becomes of a row a crash left in `sending`, when nobody knows whether it went.

    `resend_after` None: never sent again on its own; the person is shown that it may have
    gone and decides. A timedelta: once that long has passed, another worker takes the row
    over and sends it again (same Message-ID). A kind that accepts a second copy may also
    claim without waiting for the claim to reach the disk (see `claim_batch`)."""

    resend_after: timedelta | None

    def claimable(self, now: datetime) -> Q:
        if self.resend_after is None:
            return _due(now)
        return _due(now) | Q(status=Status.SENDING, claimed_at__lt=now - self.resend_after)


def _due(now: datetime) -> Q:
    return Q(status=Status.QUEUED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def claim_batch(
    model: type[D], *, policy: CrashPolicy, now: datetime, limit: int, order: Sequence[str]
) -> list[int]:
    """Claim up to `limit` due rows of `model` in `order`: their ids, now `sending` with
    claimed_at=now. SKIP LOCKED passes over rows another worker is claiming at this moment;
    once it commits they are no longer claimable."""
    with transaction.atomic():
        pick = (
            model._default_manager.select_for_update(skip_locked=True)
            .filter(policy.claimable(now))
            .order_by(*order)
            .values_list("pk", flat=True)[:limit]
        )
        if connection.vendor != "postgresql":
            ids = list(pick)
            model._default_manager.filter(pk__in=ids).update(
                status=Status.SENDING, claimed_at=now, **_stamp(model, now)
            )
            return ids
        return _claim_in_one_statement(model, pick, policy, now, order)


def _claim_in_one_statement(
    model: type[D], pick: Any, policy: CrashPolicy, now: datetime, order: Sequence[str]
) -> list[int]:
    """UPDATE ... WHERE id IN (the SELECT) RETURNING: one round trip instead of two, which is
    most of a claim's cost (bench/worker.py). A kind that resends after a crash anyway also
    commits without waiting for the WAL flush: a server crash in the next fraction of a
    second could only undo the claim, which sends that email twice at worst, the failure its
    policy already accepts."""
    select, params = pick.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = [_column(model, name) for name in order]
    stamp = ", updated_at = %s" if _stamp(model, now) else ""
    values: list[Any] = [Status.SENDING.value, now] + ([now] if stamp else [])
    with connection.cursor() as cursor:
        if policy.resend_after is not None:
            cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            f"UPDATE {quote(model._meta.db_table)} SET status = %s, claimed_at = %s{stamp} "
            f"WHERE id IN ({select}) RETURNING id, {', '.join(map(quote, columns))}",
            [*values, *params],
        )
        rows = cursor.fetchall()
    # RETURNING keeps no order: sort as the SELECT did (ascending, NULLs last).
    rows.sort(key=lambda row: [(value is None, value) for value in row[1:]])
    return [row[0] for row in rows]


def _column(model: type[Deliverable], name: str) -> str:
    """The database column of one of `order`'s names: "pk" or a field of the row."""
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    # Rows are sorted on their own columns only, never on a reverse relation, and a concrete
    # field always has a column.
    assert isinstance(field, Field) and field.column is not None
    return field.column


def claim_one(model: type[D], pk: int, *, now: datetime) -> bool:
    """True for the one caller that moved this due row from queued to sending."""
    claimed = model._default_manager.filter(_due(now), pk=pk).update(
        status=Status.SENDING, claimed_at=now, **_stamp(model, now)
    )
    return claimed == 1


def release(model: type[D], ids: Sequence[int], *, claimed_at: datetime) -> int:
    """Hand claimed rows that were never sent back to the queue, so they go out on the next
    pass; only rows still held by this claim."""
    return model._default_manager.filter(
        pk__in=ids, status=Status.SENDING, claimed_at=claimed_at
    ).update(status=Status.QUEUED, claimed_at=None)


def attempt(
    row: D,
    message: EmailMessage,
    *,
    now: datetime,
    after_sent: Callable[[], object] | None = None,
) -> Delivery:
    """Hand `message` to the mail server for a row this caller holds in `sending`. Sent: the
    row says so, and `after_sent` runs in the same transaction. Refused before the message
    went: back in the queue with the reason and a later attempt, or failed for good. Lost
    after it went: its fate is unknown and it stays `sending`. Never raises for mail trouble;
    a database lost after the message went is survived (see `unrecorded`)."""
    try:
        accepted = message.send(fail_silently=False)
    except FateUnknown as exc:
        error = f"{UNKNOWN_FATE} ({exc})"
        _held(row).update(error=error, attempts=F("attempts") + 1, **_stamp(type(row), now))
        return Delivery(row.pk, Outcome.UNKNOWN, error)
    except Exception as exc:  # anything the mail server or the network throws at us
        return give_up_or_retry(row, describe_error(exc), now=now, permanent=is_permanent(exc))
    if not accepted:
        return give_up_or_retry(row, "There was no address to send it to.", now=now, permanent=True)
    sent = _Sent(type(row), row.pk, now, after_sent)
    try:
        sent.record()
    except DatabaseError:
        # The server has the message; only our note of it failed. Kept in memory, it is
        # written once the database is back (the worker calls record_unrecorded first), so
        # the row is not left looking as if it might never have gone.
        unrecorded.append(sent)
        raise
    return Delivery(row.pk, Outcome.SENT, f"Sent to {', '.join(message.to)}.")


UNKNOWN_FATE = "The mail server stopped answering after the message was handed over"


@dataclass(frozen=True)
class _Sent:
    """A message the server accepted, to be written down as sent."""

    model: type[Deliverable]
    pk: int
    at: datetime
    after_sent: Callable[[], object] | None

    def record(self) -> None:
        with transaction.atomic():
            self.model._default_manager.filter(pk=self.pk, status=Status.SENDING).update(
                status=Status.SENT,
                sent_at=self.at,
                error="",
                attempts=F("attempts") + 1,
                **_stamp(self.model, self.at),
            )
            if self.after_sent is not None:
                self.after_sent()


# Messages sent while the database went away, waiting to be written down as sent. In memory:
# if this process dies too, the rows stay `sending` and are shown as "may have been sent".
unrecorded: list[_Sent] = []


def record_unrecorded() -> int:
    """Write down the sends the database missed; raises while it is still away."""
    done = 0
    while unrecorded:
        unrecorded[0].record()
        unrecorded.pop(0)
        done += 1
    return done


def give_up_or_retry(row: D, error: str, *, now: datetime, permanent: bool) -> Delivery:
    """A failed attempt: failed for good when it will not go away by waiting or the attempts
    are used up, else back in the queue after the back-off."""
    attempts = row.attempts + 1
    if permanent or attempts >= MAX_ATTEMPTS:
        _held(row).update(
            status=Status.FAILED,
            error=error,
            attempts=attempts,
            next_attempt_at=None,
            **_stamp(type(row), now),
        )
        return Delivery(row.pk, Outcome.FAILED, error)
    _held(row).update(
        status=Status.QUEUED,
        error=error,
        attempts=attempts,
        next_attempt_at=now + retry_delay(attempts),
        **_stamp(type(row), now),
    )
    return Delivery(row.pk, Outcome.RETRY, error)


def set_aside(row: D, status: Status, why: str, *, now: datetime) -> Delivery:
    """Not sent, on purpose: the row leaves the queue (`status`) and says why."""
    _held(row).update(status=status, error=why, **_stamp(type(row), now))
    return Delivery(row.pk, Outcome.SKIPPED, why)


def _held(row: Deliverable) -> QuerySet[Deliverable]:
    # Every change after a claim is conditional on the claim still holding, so a row another
    # process took over (or a person resolved) is never overwritten.
    return type(row)._default_manager.filter(pk=row.pk, status=Status.SENDING)


def _stamp(model: type[Deliverable], now: datetime) -> dict[str, datetime]:
    # An UPDATE skips auto_now; kinds that show "last changed" keep it true by hand.
    return {"updated_at": now} if any(f.name == "updated_at" for f in model._meta.fields) else {}
