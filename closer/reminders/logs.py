"""Keeps secret URLs (calendar feed tokens, unsubscribe links) out of every log line."""

from __future__ import annotations

import logging
import re

SECRET_PATH = re.compile(r"(/calendar/feed/|/reminders/unsubscribe/)[^/\s\"'?]+")


def redact(text: str) -> str:
    return SECRET_PATH.sub(r"\1[hidden]", text)


class RedactSecretPaths(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            # Freeze the redacted text: formatting the original arguments again would
            # bring the token back.
            record.msg, record.args = cleaned, ()
        # django.request attaches the request; a handler that prints it must not see the path.
        if hasattr(record, "request"):
            record.request = None
        return True
