"""Reminder emails: deciding which are due, claiming each one, sending it once.

Scheduling inserts one `pending` row per (user, kind, local day) with ON CONFLICT DO NOTHING,
so any number of workers may notice the same reminder and the unique constraint keeps one.
Sending claims the row with one conditional UPDATE (status pending -> sending) and only the
worker whose UPDATE changed a row goes on; the others move to the next row.

A worker killed during the SMTP conversation leaves its row in `sending`. Unlike a note to an
interviewer, a reminder goes to the user themselves, and a missed reminder is the worse
failure, so once CLAIM_LEASE has passed another worker takes it over and sends it again,
with the same Message-ID so a mail app that did get the first copy can fold the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
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
from closer.reminders.selectors import digest_actions, nudge_actions, prefs_for, reminder_address

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
    rows = []
    for user in get_user_model().objects.filter(is_active=True):
        if not reminder_address(user):
            continue
        prefs = prefs_for(user)
        local = now.astimezone(settings_for(user).zone)
        if prefs.digest_on and local.hour >= prefs.digest_hour:
            rows.append(_new(user, Kind.DIGEST, local))
        # The nudge row is made only once there is something to nudge about: a thank-you
        # logged at 17:00 still gets its nudge that evening.
        if prefs.nudge_on and local.time() >= NUDGE_AT and nudge_actions(user, local):
            rows.append(_new(user, Kind.NUDGE, local))
    if not rows:
        return 0
    before = Reminder.objects.count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return Reminder.objects.count() - before


def _new(user, kind: str, local: datetime) -> Reminder:
    return Reminder(
        user=user, kind=kind, day=local.date(), message_id=make_msgid(domain="closer.invalid")
    )


def reminders_due(now: datetime) -> list[int]:
    """Ids of pending reminders whose time has come, and of claims a dead worker left."""
    return list(
        Reminder.objects.filter(_claimable(now)).order_by("day", "pk").values_list("pk", flat=True)
    )


def _claimable(now: datetime) -> Q:
    ready = Q(status=Status.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    return ready | abandoned


def reminder_claim(reminder_id: int, *, now: datetime) -> bool:
    """True for the one caller whose UPDATE moved the row to `sending`. On PostgreSQL a second
    worker's UPDATE waits for the first's row lock, then re-checks the WHERE and matches 0."""
    claimed = (
        Reminder.objects.filter(pk=reminder_id)
        .filter(_claimable(now))
        .update(status=Status.SENDING, claimed_at=now)
    )
    return claimed == 1


def reminder_deliver(reminder_id: int, *, now: datetime) -> Outcome:
    if not reminder_claim(reminder_id, now=now):
        return Outcome(reminder_id, "taken")
    reminder = Reminder.objects.select_related("user").get(pk=reminder_id)
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
