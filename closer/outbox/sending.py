"""Sending a queued note by SMTP, exactly once.

A note is claimed before Closer talks to the mail server, with one conditional UPDATE:

    UPDATE note SET status='sending', claimed_at=now
     WHERE id=? AND status='queued' AND (next_attempt_at IS NULL OR next_attempt_at <= now)

and only the process whose UPDATE changed one row goes on to send. Two processes, two
threads or a double click therefore send one email, on SQLite and PostgreSQL alike. If the
process dies after the claim, the row stays `sending`: whether the server got the message is
unknown, so it is never resent by itself; the person decides (see the note page).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMessage
from django.db import transaction
from django.db.models import F, Q

from closer.accounts.models import UserSettings
from closer.accounts.services import settings_for
from closer.outbox.models import Note
from closer.outbox.selectors import notes_due
from closer.pipeline.models import Action
from closer.pipeline.services import action_complete

Status = Note.Status

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=2)


@dataclass(frozen=True)
class Delivery:
    """What one attempt did: sent, queued (will retry), failed, held (not sent, back to
    draft) or skipped (someone else had it, or it was not due)."""

    note_id: int
    outcome: str
    message: str = ""

    @property
    def sent(self) -> bool:
        return self.outcome == "sent"


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8… minutes after the 1st, 2nd, 3rd… failure, never more than two hours."""
    return min(FIRST_RETRY * 2 ** max(0, attempts - 1), LONGEST_WAIT)


def email_configured() -> bool:
    """Whether this instance has somewhere to send mail (an SMTP host, or another backend)."""
    return not (settings.EMAIL_BACKEND.endswith("smtp.EmailBackend") and not settings.EMAIL_HOST)


def sending_problem(owner) -> str | None:
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
    return f"{_quoted(name)} <{address}>" if name else address


def new_message_id(owner) -> str:
    """Generated once per note and stored, so a retry or a resend carries the same one and
    the recipient's mail app can tell it is the same message."""
    domain = parseaddr(sender(settings_for(owner)))[1].rpartition("@")[2] or "closer.invalid"
    return make_msgid(domain=domain)


def build_message(
    owner,
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


def note_claim(note_id: int, *, now: datetime) -> bool:
    """True for the one caller that moved this note from queued to sending."""
    claimed = (
        Note.objects.filter(pk=note_id, status=Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=Status.SENDING, claimed_at=now, updated_at=now)
    )
    return claimed == 1


def note_deliver(note_id: int, *, now: datetime) -> Delivery:
    """Claim the note and, if this caller got it, send it. Never raises for SMTP trouble:
    the note goes back to the queue with the reason, or fails for good."""
    if not note_claim(note_id, now=now):
        return Delivery(note_id, "skipped", "It is already being sent, or it is not due yet.")
    note = Note.objects.select_related("action", "owner").get(pk=note_id)
    action = note.action
    if action.status != Action.Status.OPEN:
        # An answer cancelled the action, or the person ticked it off: nothing must go out.
        reason = f"Not sent: the action was {action.status} before the note went out."
        _release(note, status=Status.DRAFT, error=reason, now=now)
        return Delivery(note_id, "held", reason)
    problem = sending_problem(note.owner)
    if problem:
        return _failed(note, problem, now=now, permanent=False)
    try:
        message = build_message(
            note.owner,
            to=note.to,
            cc=note.cc,
            subject=note.subject,
            body=note.body,
            message_id=note.message_id,
            date=now,
        )
        if not message.send(fail_silently=False):
            return _failed(note, "There was no address to send it to.", now=now, permanent=True)
    except Exception as exc:  # anything the mail server or the network throws at us
        return _failed(note, describe_error(exc), now=now, permanent=is_permanent(exc))
    with transaction.atomic():
        Note.objects.filter(pk=note.pk, status=Status.SENDING).update(
            status=Status.SENT,
            sent_at=now,
            error="",
            attempts=F("attempts") + 1,
            updated_at=now,
        )
        action.refresh_from_db()
        if action.status == Action.Status.OPEN:
            action_complete(action=action, now=now)
    return Delivery(note_id, "sent", f"Sent to {note.to}.")


def send_queued(*, now: datetime, limit: int = 100) -> list[Delivery]:
    """One pass over every queued note that is due (the worker calls this in a loop)."""
    ids = list(notes_due(now).values_list("pk", flat=True)[:limit])
    return [note_deliver(note_id, now=now) for note_id in ids]


def _failed(note: Note, error: str, *, now: datetime, permanent: bool) -> Delivery:
    attempts = note.attempts + 1
    if permanent or attempts >= MAX_ATTEMPTS:
        _release(note, status=Status.FAILED, error=error, now=now, attempts=attempts)
        return Delivery(note.pk, "failed", error)
    retry_at = now + retry_delay(attempts)
    _release(note, status=Status.QUEUED, error=error, now=now, attempts=attempts, retry_at=retry_at)
    return Delivery(note.pk, "queued", error)


def _release(
    note: Note,
    *,
    status: str,
    error: str,
    now: datetime,
    attempts: int | None = None,
    retry_at: datetime | None = None,
) -> None:
    Note.objects.filter(pk=note.pk, status=Status.SENDING).update(
        status=status,
        error=error,
        attempts=note.attempts if attempts is None else attempts,
        next_attempt_at=retry_at,
        updated_at=now,
    )


def is_permanent(exc: Exception) -> bool:
    """Errors that will not go away by waiting: the person must change something."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPAuthenticationError | BadHeaderError | ValueError):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


def describe_error(exc: Exception) -> str:
    """One sentence on what went wrong, with the server's own words and never a password."""
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{parseaddr(a)[1] or a} ({c} {_said(m)})" for a, (c, m) in exc.recipients.items()
        )
        text = f"The mail server refused the address {refused}."
    elif isinstance(exc, smtplib.SMTPSenderRefused):
        text = f"The mail server refused the sender {exc.sender} ({exc.smtp_code} {_said(exc)})."
    elif isinstance(exc, smtplib.SMTPAuthenticationError):
        text = (
            f"The mail server {server} did not accept the user name and password "
            f"({exc.smtp_code} {_said(exc)}). Check EMAIL_HOST_USER and EMAIL_HOST_PASSWORD."
        )
    elif isinstance(exc, smtplib.SMTPResponseException):
        text = f"The mail server {server} said {exc.smtp_code} {_said(exc)}."
    elif isinstance(exc, smtplib.SMTPServerDisconnected):
        text = f"The mail server {server} closed the connection."
    elif isinstance(exc, smtplib.SMTPException):
        text = f"The mail server {server} could not take the note: {exc}."
    elif isinstance(exc, TimeoutError | socket.timeout):
        text = f"The mail server {server} did not answer within {settings.EMAIL_TIMEOUT} s."
    elif isinstance(exc, ConnectionRefusedError):
        text = f"Could not reach the mail server {server}: the connection was refused."
    elif isinstance(exc, socket.gaierror):
        text = f"Could not find the mail server {settings.EMAIL_HOST}: {exc.strerror}."
    elif isinstance(exc, ssl.SSLError):
        text = f"The secure connection to {server} failed: {exc.reason or exc}."
    elif isinstance(exc, OSError):
        text = f"Could not reach the mail server {server}: {exc.strerror or exc}."
    elif isinstance(exc, BadHeaderError | ValueError):
        text = f"The note could not be made into an email: {exc}."
    else:
        text = f"Sending failed unexpectedly ({type(exc).__name__}: {exc})."
    return _scrub(" ".join(text.split()))


def _said(exc: smtplib.SMTPResponseException | bytes | str) -> str:
    raw = exc.smtp_error if isinstance(exc, smtplib.SMTPResponseException) else exc
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return text.strip().rstrip(".")


def _scrub(text: str) -> str:
    # A server may echo what it was sent; the password never reaches a stored error.
    secret = settings.EMAIL_HOST_PASSWORD
    return text.replace(secret, "••••") if secret else text


def _split(text: str) -> list[str]:
    return [f"{_quoted(n.strip())} <{a}>" if n.strip() else a for n, a in getaddresses([text]) if a]


def _quoted(name: str) -> str:
    if any(c in name for c in ',;:<>@"()[]\\.'):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name
