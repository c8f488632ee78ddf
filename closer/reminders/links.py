"""Absolute links for places outside the browser (calendar events, emails)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

UNSUBSCRIBE_SALT = "closer.reminders.unsubscribe"


def absolute(path: str) -> str:
    return settings.CLOSER_BASE_URL.rstrip("/") + path


def unsubscribe_token(user_id: int, kind: str) -> str:
    """A signed (not stored) token naming the user and the reminder kind. It can do one thing,
    turn that reminder off, so it does not expire: an old email's link must keep working."""
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return data["u"], str(data.get("k", ""))


def unsubscribe_url(user_id: int, kind: str) -> str:
    return absolute(reverse("reminders:unsubscribe", args=[unsubscribe_token(user_id, kind)]))
