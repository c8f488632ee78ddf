"""Django's SMTP backend, told apart in the one way that matters for sending once: whether the
message itself had gone to the server when something failed.

Before the message is handed over (connecting, logging in, MAIL FROM, RCPT TO, the DATA
command), a failure means the server does not have it: waiting and trying again is safe.
Once the message has gone, a server that then goes silent or hangs up may well have
delivered it; sending it again would make two copies. That failure is FateUnknown, and the
kind of email decides what happens next (mail.delivery.CrashPolicy).
"""

from __future__ import annotations

import logging
import smtplib
from typing import TYPE_CHECKING, Any

from django.core.mail.backends import smtp
from django.core.mail.message import EmailMessage

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)


class FateUnknown(Exception):
    """The message went to the mail server, which then stopped answering or hung up before
    saying whether it took it."""


def _is_the_message(data: object) -> bool:
    # The DATA payload is the only thing smtplib sends as bytes ending in CRLF . CRLF.
    return isinstance(data, bytes) and data.endswith(b"\r\n.\r\n")


class _SMTP(smtplib.SMTP):
    """An SMTP connection that remembers whether the message itself has been sent."""

    message_sent = False

    def send(self, s: ReadableBuffer | str) -> None:
        self.message_sent = self.message_sent or _is_the_message(s)
        super().send(s)


class _SMTPOverSSL(smtplib.SMTP_SSL):
    message_sent = False

    def send(self, s: ReadableBuffer | str) -> None:
        self.message_sent = self.message_sent or _is_the_message(s)
        super().send(s)


class EmailBackend(smtp.EmailBackend):
    """Closer's SMTP backend (settings.EMAIL_BACKEND): raises FateUnknown for a failure after
    the message was handed over, and never fails over the goodbye once it was."""

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return _SMTPOverSSL if self.use_ssl else _SMTP

    # Django's backend sends each message in _send and says goodbye in _close_connection;
    # django-stubs leaves both private methods out, so mypy cannot see them.
    def _send(self, email_message: EmailMessage) -> bool:
        connection: Any = self.connection
        connection.message_sent = False
        try:
            return bool(super()._send(email_message))  # type: ignore[misc]
        except Exception as exc:
            if connection.message_sent:
                raise FateUnknown(str(exc) or type(exc).__name__) from exc
            raise

    def _close_connection(self, connection: Any) -> None:
        # By now each message was accepted or refused; a QUIT that times out or is answered
        # badly changes neither, and must not turn a sent message into a failed one.
        try:
            super()._close_connection(connection)  # type: ignore[misc]
        except Exception as exc:
            log.info("The mail server did not say goodbye cleanly: %s", exc)
            connection.close()
