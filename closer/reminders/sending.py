"""Reminder emails: deciding which are due, claiming them, sending each one once.

Scheduling inserts one `pending` row per (user, kind, local day) with ON CONFLICT DO NOTHING,
so any number of workers may notice the same reminder and the unique constraint keeps one.
It reads every user at once (their zones and choices, the rows already made today, the open
thank-yous) rather than querying user by user: a career centre has thousands of users and the
worker schedules on every pass.

The worker claims due rows a batch at a time (status pending -> sending) in one short
transaction: SELECT ... FOR UPDATE SKIP LOCKED, so two workers on PostgreSQL take disjoint
rows without waiting for each other, then one UPDATE. On SQLite the IMMEDIATE transaction's
write lock serialises claims instead. Rows of a batch the worker stops before sending go back
to `pending`.

A worker killed during the SMTP conversation leaves its row in `sending`, and with it the rest
of its batch. Unlike a note to an interviewer, a reminder goes to the user themselves, and a
missed reminder is the worse failure, so once CLAIM_LEASE has passed another worker takes them
over and sends them again, with the same Message-ID so a mail app that did get the first copy
can fold the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse

from closer.accounts.services import settings_for
from closer.outbox.sending import (
    MAX_ATTEMPTS,
    describe_error,
    email_configured,
    is_permanent,
    retry_delay,
)
from closer.pipeline.labels import KIND_LABELS
from closer.pipeline.models import Action
from closer.reminders.links import absolute, unsubscribe_url
from closer.reminders.models import Reminder
from closer.reminders.selectors import (
    day_bounds,
    digest_actions,
    nudge_actions,
    prefs_for,
    reminder_address,
    reminder_recipients,
    reminders_made_on,
    thank_yous_open_between,
)

Kind = Reminder.Kind
Status = Reminder.Status

# Late afternoon, local time: a thank-you still open then gets a nudge.
NUDGE_AT = time(16, 0)
# Longer than any SMTP conversation (EMAIL_TIMEOUT is 20 s by default).
CLAIM_LEASE = timedelta(minutes=10)


@dataclass(frozen=True)
class Outcome:
    reminder_id: int
    outcome: str  # sent, skipped, queued (will retry), failed, taken (another worker has it)
    message: str = ""


def reminders_schedule(*, now: datetime) -> int:
    """Create the pending rows for every reminder that has come due; returns how many are new.
    Safe to run in several workers at once."""
    if not email_configured():
        return 0
    recipients = [(r, now.astimezone(r.zone)) for r in reminder_recipients()]
    made = reminders_made_on({local.date() for _, local in recipients})
    rows = []
    nudge_maybe = []
    for r, local in recipients:
        digest_due = r.digest_on and local.hour >= r.digest_hour
        if digest_due and (r.user_id, Kind.DIGEST, local.date()) not in made:
            rows.append(_new(r.user_id, Kind.DIGEST, local))
        nudge_time = r.nudge_on and local.time() >= NUDGE_AT
        if nudge_time and (r.user_id, Kind.NUDGE, local.date()) not in made:
            nudge_maybe.append((r.user_id, local))
    rows += [_new(user_id, Kind.NUDGE, local) for user_id, local in _thank_you_due(nudge_maybe)]
    if not rows:
        return 0
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    # Message-IDs are fresh, so the rows that carry them are the ones this call inserted
    # (where another worker got there first, ON CONFLICT inserted nothing).
    return Reminder.objects.filter(message_id__in=[r.message_id for r in rows]).count()


def _thank_you_due(candidates: list[tuple[int, datetime]]) -> list[tuple[int, datetime]]:
    """The (user id, local time) candidates with a thank-you still open and due on their local
    day, as nudge_actions would find: the nudge row is made only once there is something to
    nudge about, so a thank-you logged at 17:00 still gets its nudge that evening."""
    if not candidates:
        return []
    days = [day_bounds(local) for _, local in candidates]
    due = thank_yous_open_between(min(s for s, _ in days), max(e for _, e in days))
    return [
        (user_id, local)
        for (user_id, local), (start, end) in zip(candidates, days, strict=True)
        if any(start <= at < end for at in due.get(user_id, ()))
    ]


def _new(user_id: int, kind: str, local: datetime) -> Reminder:
    return Reminder(
        user_id=user_id,
        kind=kind,
        day=local.date(),
        message_id=make_msgid(domain="closer.invalid"),
    )


def _claimable(now: datetime) -> Q:
    ready = Q(status=Status.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    return ready | abandoned


@transaction.atomic
def reminders_claim(now: datetime, limit: int) -> list[int]:
    """Claim up to `limit` due reminders, oldest day first, for the caller: their ids, now in
    `sending` with claimed_at=now. SKIP LOCKED passes over rows another worker is claiming at
    this moment; once it commits they are no longer claimable.

    The partial index reminder_claimable serves this query: it holds only the pending and
    sending rows, in claim order, so the sent and skipped history is never read.

    On PostgreSQL the claim is one statement (UPDATE ... WHERE id IN (that SELECT) RETURNING)
    and commits without waiting for its WAL flush: a server crash in the next fraction of a
    second could only undo the claim, which sends a reminder twice at worst (with the same
    Message-ID), the failure this module already prefers to a missed one. Round trips and
    that wait are most of a claim's cost (bench/worker.py)."""
    pick = (
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(_claimable(now))
        .order_by("day", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if connection.vendor != "postgresql":
        ids = list(pick)
        Reminder.objects.filter(pk__in=ids).update(status=Status.SENDING, claimed_at=now)
        return ids
    select, params = pick.query.sql_with_params()
    table = connection.ops.quote_name(Reminder._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            f"UPDATE {table} SET status = %s, claimed_at = %s WHERE id IN ({select}) "
            "RETURNING day, id",
            [Status.SENDING.value, now, *params],
        )
        return [pk for _, pk in sorted(cursor.fetchall())]  # in claim order, as SELECTed


def reminders_release(ids: list[int], *, claimed_at: datetime) -> int:
    """Hand claimed rows that were never sent back to `pending`, so they go out on the next
    pass instead of waiting for CLAIM_LEASE; only rows still held by this claim."""
    return Reminder.objects.filter(pk__in=ids, status=Status.SENDING, claimed_at=claimed_at).update(
        status=Status.PENDING, claimed_at=None
    )


def reminder_deliver(reminder_id: int, *, now: datetime, claimed_at: datetime) -> Outcome:
    """Send one reminder the caller claimed at `claimed_at` (reminders_claim), only if that
    claim still holds it: a row another worker took over after the lease is left alone."""
    reminder = (
        Reminder.objects.select_related("user")
        .filter(pk=reminder_id, status=Status.SENDING, claimed_at=claimed_at)
        .first()
    )
    if reminder is None:
        return Outcome(reminder_id, "taken")
    return _send(reminder, now=now)


def _send(reminder: Reminder, *, now: datetime) -> Outcome:
    """A reminder this caller holds in `sending`: skipped, sent, or put back for a retry."""
    user = reminder.user
    prefs = prefs_for(user)
    local = now.astimezone(settings_for(user).zone)
    if local.date() != reminder.day:
        return _finish(reminder, Status.SKIPPED, "Its day passed before it could be sent.")
    if not (prefs.digest_on if reminder.kind == Kind.DIGEST else prefs.nudge_on):
        return _finish(reminder, Status.SKIPPED, "Turned off before it was sent.")
    actions = (digest_actions if reminder.kind == Kind.DIGEST else nudge_actions)(user, local)
    if not actions:
        return _finish(reminder, Status.SKIPPED, "Nothing was due, so no email was sent.")
    address = reminder_address(user)
    if not address:
        return _finish(reminder, Status.SKIPPED, "There is no address to send it to.")
    try:
        build_email(reminder, actions, local=local, to=address).send(fail_silently=False)
    except Exception as exc:  # whatever the server or network throws; never lose the row
        return _failed(reminder, exc, now=now)
    Reminder.objects.filter(pk=reminder.pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=now, error="", attempts=F("attempts") + 1
    )
    return Outcome(reminder.pk, "sent", f"Sent to {address}.")


def _finish(reminder: Reminder, status: str, why: str) -> Outcome:
    Reminder.objects.filter(pk=reminder.pk, status=Status.SENDING).update(status=status, error=why)
    return Outcome(reminder.pk, str(status), why)


def _failed(reminder: Reminder, exc: Exception, *, now: datetime) -> Outcome:
    error = describe_error(exc)
    attempts = reminder.attempts + 1
    if is_permanent(exc) or attempts >= MAX_ATTEMPTS:
        Reminder.objects.filter(pk=reminder.pk, status=Status.SENDING).update(
            status=Status.FAILED, error=error, attempts=attempts
        )
        return Outcome(reminder.pk, "failed", error)
    Reminder.objects.filter(pk=reminder.pk, status=Status.SENDING).update(
        status=Status.PENDING,
        error=error,
        attempts=attempts,
        next_attempt_at=now + retry_delay(attempts),
    )
    return Outcome(reminder.pk, "queued", error)


def build_email(
    reminder: Reminder, actions: list[Action], *, local: datetime, to: str
) -> EmailMultiAlternatives:
    """The email, from the template triple reminders/emails/<kind>-{subject,body}.{txt,html}."""
    unsubscribe = unsubscribe_url(reminder.user_id, reminder.kind)
    context = {
        "kind": reminder.kind,
        "local": local,
        "count": len(actions),
        "items": [_item(action, local) for action in actions],
        "today_url": absolute(reverse("pipeline:today")),
        "settings_url": absolute(reverse("reminders:calendar")),
        "unsubscribe_url": unsubscribe,
    }
    name = f"reminders/emails/{reminder.kind}"
    subject = " ".join(render_to_string(f"{name}-subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{name}-body.txt", context),
        from_email=settings.CLOSER_REMINDER_FROM,
        to=[to],
        headers={
            "Message-ID": reminder.message_id,
            # RFC 8058: mail apps show an unsubscribe button that POSTs to this URL.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"{name}-body.html", context), "text/html")
    return message


def _item(action: Action, local: datetime) -> dict[str, object]:
    opportunity = action.interview.opportunity
    due = action.due_at.astimezone(local.tzinfo)
    return {
        "label": KIND_LABELS.get(action.kind, action.kind),
        "company": opportunity.company.name,
        "role": opportunity.role,
        "contact": action.contact.name if action.contact else "",
        "due": due,
        "overdue": action.due_at < local,
        "reason": action.reason,
        "url": absolute(reverse("pipeline:opportunity_detail", args=[opportunity.pk])),
    }
