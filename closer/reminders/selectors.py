"""Reads for reminders: what a digest or a nudge would say for a user right now, and the
set-based reads behind one scheduling pass over every user."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet

from closer.accounts.models import UserSettings
from closer.accounts.services import settings_for
from closer.core.records import ActionKind
from closer.pipeline.models import Action
from closer.pipeline.selectors import actions_open
from closer.reminders.models import Reminder, ReminderPrefs


def prefs_for(user: User) -> ReminderPrefs:
    found, _ = ReminderPrefs.objects.get_or_create(user=user)
    return found


def reminder_address(user: User) -> str:
    """Where reminders go: the account's email, else the address the user's notes come from."""
    return (getattr(user, "email", "") or settings_for(user).from_email or "").strip()


def day_bounds(local_now: datetime) -> tuple[datetime, datetime]:
    """The start of the user's local day and of the next one."""
    start = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    # Aware arithmetic in one zone is wall-clock arithmetic: this is the next midnight even
    # on a 23- or 25-hour DST day.
    return start, start + timedelta(days=1)


def digest_actions(user: User, local_now: datetime) -> list[Action]:
    """Open actions that are overdue or due today (in the user's zone), earliest first."""
    _, end = day_bounds(local_now)
    return list(actions_open(user).filter(due_at__lt=end))


def nudge_actions(user: User, local_now: datetime) -> list[Action]:
    """Thank-you notes due today that are still open."""
    start, end = day_bounds(local_now)
    return list(
        actions_open(user).filter(kind=ActionKind.THANK_YOU, due_at__gte=start, due_at__lt=end)
    )


def reminders_recent(user: User) -> QuerySet[Reminder]:
    return Reminder.objects.filter(user=user).order_by("-day", "kind")[:10]


Defaults = TypeVar("Defaults", UserSettings, ReminderPrefs)


@dataclass(frozen=True)
class Recipient:
    user_id: int
    zone: ZoneInfo
    digest_on: bool
    digest_hour: int
    nudge_on: bool


def reminder_recipients() -> list[Recipient]:
    """Every active user with an address for reminders, with their zone and choices: one query
    for plain values (building 10,000 users with their settings as objects costs more than
    the query). Users still missing their settings, or (with an address) their reminder
    choices, get them made with the defaults, as settings_for and prefs_for would, in one
    INSERT for all of them."""
    rows = list(
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("pk")
        .values_list(
            "pk",
            "email",
            "closer_settings__time_zone",
            "closer_settings__from_email",
            "reminder_prefs__digest_on",
            "reminder_prefs__digest_hour",
            "reminder_prefs__nudge_on",
        )
    )
    usual = _made(UserSettings, [row[0] for row in rows if row[2] is None])
    with_address = []
    for pk, email, time_zone, from_email, digest_on, digest_hour, nudge_on in rows:
        if time_zone is None:
            time_zone, from_email = usual.time_zone, usual.from_email
        if (email or from_email or "").strip():  # as reminder_address decides
            # A tuple, not a starred list, so each choice keeps its own type.
            with_address.append((pk, time_zone, (digest_on, digest_hour, nudge_on)))
    chosen = _made(ReminderPrefs, [pk for pk, _, prefs in with_address if prefs[0] is None])
    zones: dict[str, ZoneInfo] = {}
    found = []
    for pk, time_zone, prefs in with_address:
        if prefs[0] is None:
            prefs = (chosen.digest_on, chosen.digest_hour, chosen.nudge_on)
        if time_zone not in zones:
            zones[time_zone] = UserSettings(time_zone=time_zone).zone
        found.append(Recipient(pk, zones[time_zone], *prefs))
    return found


def _made(model: type[Defaults], user_ids: list[int]) -> Defaults:
    """Default rows for these users (another worker may have just made some: those stay), and
    an unsaved instance showing the defaults they hold."""
    if user_ids:
        model.objects.bulk_create([model(user_id=pk) for pk in user_ids], ignore_conflicts=True)
    return model()


def reminders_made_on(days: Iterable[date]) -> set[tuple[int, str, date]]:
    """(user id, kind, day) of every reminder row already made for any of these days. No
    index leads with the day, so on PostgreSQL this reads the table (about 50 ms for a million
    rows); still far cheaper than inserting every user's rows again to let ON CONFLICT drop
    them."""
    return set(Reminder.objects.filter(day__in=set(days)).values_list("user_id", "kind", "day"))


def thank_yous_open_between(start: datetime, end: datetime) -> dict[int, list[datetime]]:
    """Due times of every open thank-you due in [start, end), by owner: the candidates for a
    nudge, read for every user at once rather than one query per user. The action indexes
    lead with the owner or the interview, so this is one scan of the action table."""
    rows = (
        Action.objects.filter(
            status=Action.Status.OPEN,
            kind=ActionKind.THANK_YOU,
            due_at__gte=start,
            due_at__lt=end,
        )
        .order_by()  # any order: the caller only asks whether one falls in a user's day
        .values_list("owner_id", "due_at")
    )
    due: dict[int, list[datetime]] = defaultdict(list)
    for owner_id, due_at in rows:
        due[owner_id].append(due_at)
    return due
