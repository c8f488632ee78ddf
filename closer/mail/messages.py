"""Making an email from its templates, and sending one once the write that asked for it is
safely in the database.

An email is a template triple in some app's templates folder:

    <name>-subject.txt   one line (white space is folded)
    <name>-body.txt      the plain text (never HTML-escaped)
    <name>-body.html     the same in HTML
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string

from closer.mail.policy import describe_error

log = logging.getLogger(__name__)


def make_email(
    template: str,
    context: Mapping[str, Any],
    *,
    to: Sequence[str],
    from_email: str | None = None,
    headers: Mapping[str, str] | None = None,
    reply_to: Sequence[str] | None = None,
) -> EmailMultiAlternatives:
    """The email `template` names, filled in with `context`."""
    values = dict(context)
    subject = " ".join(_plain(f"{template}-subject.txt", values).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=_plain(f"{template}-body.txt", values),
        from_email=from_email,
        to=list(to),
        reply_to=list(reply_to) if reply_to else None,
        headers=dict(headers or {}),
    )
    message.attach_alternative(render_to_string(f"{template}-body.html", values), "text/html")
    return message


def _plain(name: str, values: dict[str, Any]) -> str:
    # Plain text is not HTML: "O'Brien & Co" must arrive as typed, not as &#x27; and &amp;.
    found = get_template(name)
    # The backend's wrapper holds the engine's own Template as `.template`, which the
    # django-stubs type for the wrapper does not declare.
    return str(found.template.render(Context(values, autoescape=False)))  # type: ignore[attr-defined]


@dataclass
class Sending:
    """An email handed over to go once its transaction commits. Outside a transaction it goes
    at once, so a view learns at the end of the service call whether it went."""

    sent: bool = False
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error)


def send_on_commit(message: EmailMessage) -> Sending:
    """Send `message` after the current transaction commits (at once outside one), so an
    email never announces a write that was rolled back. Never raises for mail trouble: the
    returned Sending says what happened."""
    sending = Sending()

    def go() -> None:
        try:
            sending.sent = bool(message.send(fail_silently=False))
        except Exception as exc:  # whatever the server or network throws
            sending.error = describe_error(exc)
            log.warning("An email could not be sent: %s", sending.error)

    transaction.on_commit(go)
    return sending
