"""Checks on what people type, shared by the web forms and the command line so both refuse
the same things with the same words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from closer.core.calendar import format_day


@dataclass(frozen=True)
class Problem:
    """Something wrong with one field of a close: `field` is a CloseRecord field name."""

    field: str
    message: str


def close_problems(
    *,
    starts_at: datetime,
    now: datetime,
    expected: date | None = None,
    latest: date | None = None,
    next_round_at: datetime | None = None,
    offer_deadline: date | None = None,
) -> list[Problem]:
    """Dates that cannot be right for a close of an interview starting at `starts_at` (aware,
    in the user's zone). An empty list means the close can be saved."""
    day = starts_at.date()
    interview = f"the interview on {format_day(day)}"
    problems = []
    if starts_at > now:
        problems.append(
            Problem(
                "starts_at",
                f"The interview on {format_day(day)} has not started yet; log the close after it.",
            )
        )
    if expected is not None and expected < day:
        problems.append(
            Problem(
                "expected",
                f"{format_day(expected)} is before {interview}; they can't decide before it.",
            )
        )
    # A latest date before the expected one is what was said, not a typo: both are kept and
    # explained (timing_conflict), and the plan waits for the later one.
    if latest is not None and latest < day:
        problems.append(Problem("latest", f"{format_day(latest)} is before {interview}."))
    if next_round_at is not None and next_round_at < starts_at:
        problems.append(
            Problem(
                "next_round_at",
                f"{format_day(next_round_at.date())} "
                f"{next_round_at:%H:%M} is before this interview ({format_day(day)}, "
                f"{starts_at:%H:%M}).",
            )
        )
    if offer_deadline is not None and offer_deadline < day:
        problems.append(
            Problem("offer_deadline", f"{format_day(offer_deadline)} is before {interview}.")
        )
    return problems


def timing_conflict(expected: date | None, latest: date | None) -> str:
    """What to tell the user when the latest date they were given comes before the date the
    interviewer expects to decide by ("" when the two agree): Closer keeps both and follows
    up after the later one, as the planner does."""
    if expected is None or latest is None or latest >= expected:
        return ""
    return (
        f"They expect to decide by {format_day(expected)} but gave {format_day(latest)} as "
        f"the latest date. Both are kept, and the follow-up waits until after "
        f"{format_day(expected)}, the later of the two; correct either if you misheard."
    )


@dataclass(frozen=True)
class Timing:
    """What the interviewer said about timing, and the day the plan waits until."""

    day: date | None
    words: str


def timing(words: str, typed: date | None, read: Callable[[str], date | None]) -> Timing:
    """A date typed in beats the words, which are kept beside it; words that are only a date
    (2026-12-04) are that date; otherwise the reader decides, and words it cannot read give
    no date (never a guess)."""
    words = words.strip()
    if typed is not None:
        return Timing(typed, words)
    try:
        return Timing(date.fromisoformat(words), "")
    except ValueError:
        pass
    return Timing(read(words) if words else None, words)


def typed_day(stored: date | None, words: str, read: Callable[[str], date | None]) -> date | None:
    """The day a stored close shows as typed in when it is edited: none when the words give
    it anyway, so that changing the words moves the day."""
    return None if stored == (read(words) if words.strip() else None) else stored
