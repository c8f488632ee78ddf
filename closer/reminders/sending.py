"""Reminder emails: deciding which are due, claiming them, sending each one once.

Scheduling inserts one `queued` row per (user, kind, local day) with ON CONFLICT DO NOTHING,
so any number of workers may notice the same reminder and the unique constraint keeps one.
It reads every user at once (their zones and choices, the rows already made today, the open
thank-yous) rather than querying user by user: a career centre has thousands of users and the
worker schedules on every pass.

The worker claims due rows a batch at a time (closer.mail.delivery.claim_batch). A reminder
goes to the user themselves, and a missed reminder is the worse failure, so its crash policy
is RESENT_AFTER_LEASE: a row a killed worker left in `sending` (with the rest of its batch) is
taken over by another worker once CLAIM_LEASE has passed and sent again, with the same
Message-ID so a mail app that did get the first copy can fold the two.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from closer.accounts.services import settings_for
from closer.core.labels import ACTION_LABELS
from closer.core.records import ActionKind
from closer.mail.delivery import (
    CrashPolicy,
    Delivery,
    Outcome,
    attempt,
    claim_batch,
    release,
    set_aside,
)
from closer.mail.messages import make_email
from closer.mail.models import Status
from closer.mail.policy import email_configured
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

# Late afternoon, local time: a thank-you still open then gets a nudge.
NUDGE_AT = time(16, 0)
# Longer than any SMTP conversation (EMAIL_TIMEOUT is 20 s by default).
CLAIM_LEASE = timedelta(minutes=10)
RESENT_AFTER_LEASE = CrashPolicy(resend_after=CLAIM_LEASE)


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


def reminders_claim(now: datetime, limit: int) -> list[int]:
    """Claim up to `limit` due reminders, oldest day first: their ids, now in `sending` with
    claimed_at=now. The partial index reminder_claimable serves this query: it holds only the
    queued and sending rows, in claim order, so the sent and skipped history is never read."""
    return claim_batch(
        Reminder, policy=RESENT_AFTER_LEASE, now=now, limit=limit, order=("day", "pk")
    )


def reminders_release(ids: list[int], *, claimed_at: datetime) -> int:
    return release(Reminder, ids, claimed_at=claimed_at)


def reminder_deliver(reminder_id: int, *, now: datetime, claimed_at: datetime) -> Delivery:
    """Send one reminder the caller claimed at `claimed_at`, only if that claim still holds
    it: a row another worker took over after the lease is left alone."""
    reminder = (
        Reminder.objects.select_related("user")
        .filter(pk=reminder_id, status=Status.SENDING, claimed_at=claimed_at)
        .first()
    )
    if reminder is None:
        return Delivery(reminder_id, Outcome.TAKEN)
    return _send(reminder, now=now)


class ReminderQueue:
    """Reminder emails, for the worker."""

    name = "reminder"
    # One claim per this many reminders keeps claiming cheap (a thousand due reminders cost
    # ten short transactions, not a thousand: see bench/worker.py), while several workers
    # still share a morning's burst. A killed worker strands at most this many until
    # CLAIM_LEASE; a stopped one none.
    batch = 100
    per_pass: int | None = None
    # Half the lease, leaving the other half for the email in hand: a claim never outlives
    # CLAIM_LEASE, after which another worker would send the same reminder again.
    hold = CLAIM_LEASE / 2

    def schedule(self, *, now: datetime) -> int:
        return reminders_schedule(now=now)

    def claim(self, *, now: datetime, limit: int) -> list[int]:
        return reminders_claim(now, limit)

    def deliver(self, pk: int, *, now: datetime, claimed_at: datetime) -> Delivery:
        return reminder_deliver(pk, now=now, claimed_at=claimed_at)

    def release(self, ids: list[int], *, claimed_at: datetime) -> int:
        return reminders_release(ids, claimed_at=claimed_at)


def _send(reminder: Reminder, *, now: datetime) -> Delivery:
    """A reminder this caller holds in `sending`: skipped, sent, or put back for a retry."""
    user = reminder.user
    prefs = prefs_for(user)
    local = now.astimezone(settings_for(user).zone)
    if local.date() != reminder.day:
        why = "Its day passed before it could be sent."
        return set_aside(reminder, Status.SKIPPED, why, now=now)
    if not (prefs.digest_on if reminder.kind == Kind.DIGEST else prefs.nudge_on):
        return set_aside(reminder, Status.SKIPPED, "Turned off before it was sent.", now=now)
    actions = (digest_actions if reminder.kind == Kind.DIGEST else nudge_actions)(user, local)
    if not actions:
        why = "Nothing was due, so no email was sent."
        return set_aside(reminder, Status.SKIPPED, why, now=now)
    address = reminder_address(user)
    if not address:
        return set_aside(reminder, Status.SKIPPED, "There is no address to send it to.", now=now)
    return attempt(reminder, build_email(reminder, actions, local=local, to=address), now=now)


def build_email(
    reminder: Reminder, actions: list[Action], *, local: datetime, to: str
) -> EmailMultiAlternatives:
    """The email, from the template triple reminders/emails/<kind>-{subject,body}."""
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
    # Dates and times in the email read in the user's zone, as the rest of Closer does: the
    # worker serves many zones and works in UTC.
    with timezone.override(local.tzinfo):
        return make_email(
            f"reminders/emails/{reminder.kind}",
            context,
            to=[to],
            from_email=settings.CLOSER_REMINDER_FROM,
            headers={
                "Message-ID": reminder.message_id,
                # RFC 8058: mail apps show an unsubscribe button that POSTs to this URL.
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )


def _item(action: Action, local: datetime) -> dict[str, object]:
    opportunity = action.opportunity
    due = action.due_at.astimezone(local.tzinfo)
    return {
        "label": ACTION_LABELS[ActionKind(action.kind)],
        "company": opportunity.company.name,
        "role": opportunity.role,
        "contact": action.contact.name if action.contact else "",
        "due": due,
        "overdue": action.due_at < local,
        "reason": action.reason,
        "url": absolute(reverse("pipeline:opportunity_detail", args=[opportunity.pk])),
    }
