"""One retry policy for every email: which failures are worth waiting out, how long to wait,
and what to tell the person, in words and never with a password."""

from __future__ import annotations

import smtplib
import socket
import ssl
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import BadHeaderError

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=2)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8… minutes after the 1st, 2nd, 3rd… failure, never more than two hours."""
    # An int to a power is typed Any (a negative power gives a float); this one is never negative.
    factor: int = 2 ** max(0, attempts - 1)
    return min(FIRST_RETRY * factor, LONGEST_WAIT)


def email_configured() -> bool:
    """Whether this instance has somewhere to send mail (an SMTP host, or another backend)."""
    return not (settings.EMAIL_BACKEND.endswith("smtp.EmailBackend") and not settings.EMAIL_HOST)


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
    return _scrub(" ".join(_describe(exc).split()))


def _describe(exc: Exception) -> str:
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{parseaddr(a)[1] or a} ({c} {_said(m)})" for a, (c, m) in exc.recipients.items()
        )
        return f"The mail server refused the address {refused}."
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"The mail server refused the sender {exc.sender} ({exc.smtp_code} {_said(exc)})."
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"The mail server {server} did not accept the user name and password "
            f"({exc.smtp_code} {_said(exc)}). Check EMAIL_HOST_USER and EMAIL_HOST_PASSWORD."
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"The mail server {server} said {exc.smtp_code} {_said(exc)}."
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"The mail server {server} closed the connection."
    if isinstance(exc, smtplib.SMTPException):
        return f"The mail server {server} could not take the email: {exc}."
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"The mail server {server} did not answer within {settings.EMAIL_TIMEOUT} s."
    if isinstance(exc, ConnectionRefusedError):
        return f"Could not reach the mail server {server}: the connection was refused."
    if isinstance(exc, socket.gaierror):
        return f"Could not find the mail server {settings.EMAIL_HOST}: {exc.strerror}."
    if isinstance(exc, ssl.SSLError):
        return f"The secure connection to {server} failed: {exc.reason or exc}."
    if isinstance(exc, OSError):
        return f"Could not reach the mail server {server}: {exc.strerror or exc}."
    if isinstance(exc, BadHeaderError | ValueError):
        return f"The email could not be made: {exc}."
    return f"Sending failed unexpectedly ({type(exc).__name__}: {exc})."


def _said(exc: smtplib.SMTPResponseException | bytes | str) -> str:
    raw = exc.smtp_error if isinstance(exc, smtplib.SMTPResponseException) else exc
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return text.strip().rstrip(".")


def _scrub(text: str) -> str:
    # A server may echo what it was sent; the password never reaches a stored error.
    secret = settings.EMAIL_HOST_PASSWORD
    return text.replace(secret, "••••") if secret else text
