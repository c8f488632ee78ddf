"""Sending a note by SMTP, exactly once.

A note goes to someone else (an interviewer, a referral), so a second copy is worse than a
late one: its crash policy is NEVER_RESENT. If the process dies after the claim, the row stays
`sending` and is never picked up again, because nobody can know whether the server got it;
the person decides on the note page (Resend or "it did go"). The claiming, the retry policy
and the words for each result are the mail layer's (closer.mail).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage

from closer.accounts.models import UserSettings
from closer.accounts.services import settings_for
from closer.mail.delivery import (
    CrashPolicy,
    Delivery,
    Outcome,
    attempt,
    claim_batch,
    claim_one,
    give_up_or_retry,
    release,
    set_aside,
)
from closer.mail.models import Status
from closer.mail.policy import email_configured
from closer.outbox.models import Note
from closer.pipeline.models import Action
from closer.pipeline.services import action_complete

NEVER_RESENT = CrashPolicy(resend_after=None)


class NoteError(Exception):
    """A note that cannot do what was asked; the message says why, for the person."""


def sending_problem(owner: User) -> str | None:
    """Why Closer cannot send email for this person right now; None when it can."""
    if not email_configured():
        return (
            "Sending from Closer needs a mail server: set EMAIL_HOST (and EMAIL_PORT, "
            "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS) and start Closer again. "
            "Until then, copy the note or open it in your email app."
        )
    if not sender(settings_for(owner)):
        return "To send from Closer, add the address your notes come from in Settings."
    return None


def sender(prefs: UserSettings) -> str:
    """The From header: the person's own address, else DEFAULT_FROM_EMAIL, with their name."""
    address = prefs.from_email.strip() or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if not address:
        return ""
    name = prefs.from_name.strip()
    return f"{quoted(name)} <{address}>" if name else address


def new_message_id(owner: User) -> str:
    """Generated once per note and stored, so a retry or a resend carries the same one and
    the recipient's mail app can tell it is the same message."""
    domain = parseaddr(sender(settings_for(owner)))[1].rpartition("@")[2] or "closer.invalid"
    return make_msgid(domain=domain)


def build_message(
    owner: User,
    *,
    to: str,
    cc: str,
    subject: str,
    body: str,
    message_id: str,
    date: datetime,
    unsent: bool = False,
) -> EmailMessage:
    """The email for a note, dated `date` in the person's zone (as their own mail app would).
    `unsent` marks a downloaded .eml as a draft, so mail apps that honour X-Unsent open it
    ready to send instead of as a received message."""
    prefs = settings_for(owner)
    headers = {"Message-ID": message_id, "Date": format_datetime(date.astimezone(prefs.zone))}
    if unsent:
        headers["X-Unsent"] = "1"
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=sender(prefs) or None,
        to=_split(to),
        cc=_split(cc),
        reply_to=[prefs.reply_to] if prefs.reply_to else None,
        headers=headers,
    )


def note_deliver(note_id: int, *, now: datetime) -> Delivery:
    """Claim this one note and, if this caller got it, send it (a person pressed Send)."""
    if not claim_one(Note, note_id, now=now):
        return Delivery(note_id, Outcome.TAKEN, "It is already being sent, or it is not due yet.")
    return _send(note_id, now=now)


class NoteQueue:
    """Queued notes, for the worker: claimed one at a time (see NEVER_RESENT)."""

    name = "note"
    batch = 1
    per_pass: int | None = 100
    hold = timedelta(minutes=5)

    def schedule(self, *, now: datetime) -> None:
        """Notes are queued by the person, never by the clock."""

    def claim(self, *, now: datetime, limit: int) -> list[int]:
        return claim_batch(
            Note, policy=NEVER_RESENT, now=now, limit=limit, order=("next_attempt_at", "pk")
        )

    def deliver(self, pk: int, *, now: datetime, claimed_at: datetime) -> Delivery:
        return _send(pk, now=now)

    def release(self, ids: list[int], *, claimed_at: datetime) -> int:
        return release(Note, ids, claimed_at=claimed_at)


def _send(note_id: int, *, now: datetime) -> Delivery:
    """A note this caller holds in `sending`: sent (and its action done), held back as a
    draft, or put back for a retry."""
    note = Note.objects.select_related("action", "owner").get(pk=note_id)
    action = note.action
    if action.status != Action.Status.OPEN:
        # An answer cancelled the action, or the person ticked it off: nothing must go out.
        reason = f"Not sent: the action was {action.status} before the note went out."
        return set_aside(note, Status.DRAFT, reason, now=now)
    problem = sending_problem(note.owner)
    if problem:
        return give_up_or_retry(note, problem, now=now, permanent=False)
    message = build_message(
        note.owner,
        to=note.to,
        cc=note.cc,
        subject=note.subject,
        body=note.body,
        message_id=note.message_id,
        date=now,
    )

    def complete_action() -> None:
        action.refresh_from_db()
        if action.status == Action.Status.OPEN:
            action_complete(action=action, now=now, undoable=False)

    return attempt(note, message, now=now, after_sent=complete_action)


def _split(text: str) -> list[str]:
    return [f"{quoted(n.strip())} <{a}>" if n.strip() else a for n, a in getaddresses([text]) if a]


def quoted(name: str) -> str:
    """A display name as a header needs it: in quotes when it holds a comma or the like."""
    if any(c in name for c in ',;:<>@"()[]\\.'):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name
