"""What the interviewer said about timing, read in the user's own calendar.

The web form (live, as the user types) and `closer log` both go through here, so the same
words always give the same date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import User

from closer.accounts.services import settings_for
from closer.core.calendar import BusinessCalendar, format_day
from closer.core.timeline import Deadline, read

NOTHING_UNDERSTOOD = "no date understood"


def timing_read(*, owner: User, words: str, said_at: datetime) -> Deadline | None:
    """The date `words` commit to, counting business days on the owner's work week and
    holidays; None when they commit to no date (never a guess)."""
    if not words.strip():
        return None
    plan_settings = settings_for(owner).plan_settings()
    return read(
        words,
        said_at.astimezone(plan_settings.tz),
        holidays=BusinessCalendar.from_settings(plan_settings),
    )


def timing_date(*, owner: User, words: str, said_at: datetime) -> date | None:
    deadline = timing_read(owner=owner, words=words, said_at=said_at)
    return deadline.by if deadline else None


@dataclass(frozen=True)
class Reading:
    """How typed words were understood, for showing next to them."""

    text: str
    understood: bool


def describe(words: str, deadline: Deadline | None) -> Reading:
    """'→ Fri 4 Dec 2026, from “end of next week”', or that no date was understood: the
    words read are shown so the user can see why that date."""
    if not words.strip():
        return Reading("", understood=False)
    if deadline is None:
        return Reading(NOTHING_UNDERSTOOD, understood=False)
    return Reading(f"→ {format_day(deadline.by, with_year=True)}, from “{deadline.phrase}”", True)
