"""Reads for reminders: what a digest or a nudge would say for a user right now."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from closer.accounts.services import settings_for
from closer.core.records import ActionKind
from closer.pipeline.models import Action
from closer.pipeline.selectors import actions_open
from closer.reminders.models import Reminder, ReminderPrefs


def prefs_for(user: AbstractBaseUser) -> ReminderPrefs:
    found, _ = ReminderPrefs.objects.get_or_create(user=user)
    return found


def reminder_address(user: AbstractBaseUser) -> str:
    """Where reminders go: the account's email, else the address the user's notes come from."""
    return (getattr(user, "email", "") or settings_for(user).from_email or "").strip()


def _day_bounds(local_now: datetime) -> tuple[datetime, datetime]:
    start = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    # Aware arithmetic in one zone is wall-clock arithmetic: this is the next midnight even
    # on a 23- or 25-hour DST day.
    return start, start + timedelta(days=1)


def digest_actions(user: AbstractBaseUser, local_now: datetime) -> list[Action]:
    """Open actions that are overdue or due today (in the user's zone), earliest first."""
    _, end = _day_bounds(local_now)
    return list(actions_open(user).filter(due_at__lt=end))


def nudge_actions(user: AbstractBaseUser, local_now: datetime) -> list[Action]:
    """Thank-you notes due today that are still open."""
    start, end = _day_bounds(local_now)
    return list(
        actions_open(user).filter(kind=ActionKind.THANK_YOU, due_at__gte=start, due_at__lt=end)
    )


def reminders_recent(user: AbstractBaseUser) -> QuerySet[Reminder]:
    return Reminder.objects.filter(user=user).order_by("-day", "kind")[:10]
