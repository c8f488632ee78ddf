"""Writes for reminders: the user's choices and the no-login unsubscribe."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from closer.reminders.links import read_unsubscribe_token
from closer.reminders.models import Reminder, ReminderPrefs


def prefs_save(*, prefs: ReminderPrefs, digest_on: bool, digest_hour: int, nudge_on: bool) -> None:
    prefs.digest_on, prefs.digest_hour, prefs.nudge_on = digest_on, digest_hour, nudge_on
    prefs.save(update_fields=["digest_on", "digest_hour", "nudge_on"])


def unsubscribe(*, token: str) -> str | None:
    """Turn off the reminder the token names; returns its kind, or None for a bad token.
    Doing it twice is harmless, which is what makes a one-click link safe."""
    found = read_unsubscribe_token(token)
    if found is None:
        return None
    user_id, kind = found
    if kind not in Reminder.Kind.values:
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    prefs, _ = ReminderPrefs.objects.get_or_create(user=user)
    field = "digest_on" if kind == Reminder.Kind.DIGEST else "nudge_on"
    setattr(prefs, field, False)
    prefs.save(update_fields=[field])
    return kind
