"""Small helpers shared by tests (import with `from helpers import ...`)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

NEW_YORK = ZoneInfo("America/New_York")


def make_user(username: str, tz: str = "America/New_York"):
    from django.contrib.auth import get_user_model

    from closer.accounts.services import settings_for

    user = get_user_model().objects.create_user(username=username)
    found = settings_for(user)
    found.time_zone = tz
    found.save()
    return user


def at(text: str) -> datetime:
    """A New York wall-clock time, e.g. at("2026-11-25 14:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=NEW_YORK)
