"""Read what an interviewer said about timing and turn it into the date to wait until.

    read("end of next week", said_at)  ->  Deadline(by=<next week's Friday>, ...)
    read("we'll be in touch", said_at) ->  None

The rules follow the numbered conventions in CONVENTIONS.md, next to this file; comments in
the package cite them by number ("convention 6", or just "(6)"). `None` means the words commit
to no date: the reader never guesses one.

Reading goes in three steps: find every timing expression (high recall), resolve each to a
date (including those counted from another event), then choose the promised one by the cues
that govern each date. The package is split by job:
- `mail`, `spelling`: before reading, blank a pasted email's quoted replies and signature,
  and put right misspellings of the vocabulary ("wensday", "nxt wk");
- `words`: normalising, numbers, weekday and month names, and the cue words that say what a
  date is about ("we'll let you know" vs "you'd start"), negate it or take it back;
- `days`: date arithmetic, business days (counted by `closer.core.calendar`), US holidays (the
  `holidays` package, loaded lazily);
- `candidate`, `calendar_dates`, `periods`, `weeks`, `relative`, `durations`, `rules`: one
  regex per kind of expression, each turning a match into a candidate date, run only around
  the words a timing expression holds;
- `anchors`: dates counted from another day ("within two days of that", "a week from
  Friday");
- `choose`, `leads`, `roles`: joining pieces ("EOD Friday", "Monday or Tuesday"), reading
  "before"/"after", deciding what each date is about from the cues nearest it in its clause,
  and picking the promised date among several (`choose`'s docstring has the tie-breaking).

Where the conventions are silent, the reader decides; those decisions are listed at the end of
CONVENTIONS.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# Not `typing.TYPE_CHECKING`: importing `typing` alone costs a few milliseconds at start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from closer.core.calendar import BusinessCalendar

__all__ = ["Deadline", "read"]

# Longer text is cut: a timing phrase sits in the first paragraphs of an email, and reading a
# pasted novel must stay fast.
MAX_CHARS = 20_000


@dataclass(frozen=True)
class Deadline:
    """What the words allow: `by` is the latest date (the END of any window), `earliest` the
    start of the window when the words give one ("7-10 business days", "Monday or Tuesday"),
    and `phrase` the span of the input that was read."""

    by: date
    earliest: date | None
    phrase: str


def read(
    text: str, said_at: datetime, *, holidays: BusinessCalendar | None = None
) -> Deadline | None:
    """The date `text`, said at `said_at`, commits to; None when it commits to none.

    `said_at` may be naive or aware: its own wall-clock date is the day it was said and the
    time of day is ignored. With `holidays`, business days skip that calendar's days off;
    without it, only Saturdays and Sundays (and holidays the words name). Never raises on any
    text.
    """
    said = said_at.date() if isinstance(said_at, datetime) else said_at
    if not isinstance(said, date):
        raise TypeError(f"said_at must be a datetime, not {type(said_at).__name__}")
    if not isinstance(text, str) or not text.strip():
        return None
    # The rules load (and compile their regexes, ~25 ms) on the first reading rather than at
    # import: the CLI imports this module for every command, and most never read a phrase.
    from closer.core.timeline.choose import pick
    from closer.core.timeline.days import Context
    from closer.core.timeline.mail import blank_quoted
    from closer.core.timeline.rules import find_candidates, named_holidays, windows
    from closer.core.timeline.spelling import correct
    from closer.core.timeline.words import normalise

    original = text[:MAX_CHARS]
    # Spans found in the corrected text are mapped back through `origins`, so the phrase
    # shown is what the person typed ("nxt wk"), not its correction.
    normal, origins = correct(blank_quoted(normalise(original)))
    try:
        where = windows(normal)
        ctx = Context(said=said, calendar=holidays, named_holidays=named_holidays(normal, where))
        found = pick(normal, ctx, find_candidates(normal, ctx, where))
    except (ValueError, OverflowError, KeyError, IndexError, TypeError):
        # A rule meeting text it did not foresee must not break the form that asked: the
        # words are then "not understood", the same as words without a date.
        return None
    if found is None or found.by is None:
        return None
    earliest = found.earliest if found.earliest is not None and found.earliest < found.by else None
    start, end = (
        (found.start, found.end) if origins is None else (origins[found.start], origins[found.end])
    )
    phrase = original[start:end].strip(" \t\n,;:.-(")
    return Deadline(by=found.by, earliest=earliest, phrase=phrase)
