"""What a rule finds: a `Candidate` date with its span and what the words around it would
make of it, and the `Rule` that finds it.

A handler returns a `Candidate`, or a void one (`by` is None) when the words are a timing
expression that commits to nothing or lies in the past: the void still claims its span, so a
shorter rule cannot read part of it ("last Friday" must not become "Friday").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from closer.core.timeline import days as d
from closer.core.timeline.days import Context


@dataclass
class Candidate:
    start: int  # where the phrase starts, with its lead words ("by Friday")
    end: int
    by: date | None
    earliest: date | None = None
    # What "before <these words>" means, when it is not simply the day before `by`.
    before: date | None = None
    # What "after <these words>" means; None: "after" leaves no commitment (only holidays and
    # durations have one).
    after: date | None = None
    kind: str = "date"  # date, weekday, duration, period, holiday, day
    # Bare weekdays are re-anchored inside ranges ("Monday or Tuesday").
    weekday: int | None = None
    week_monday: date | None = None
    # "EOD"/"COB" give way to a day next to them ("EOD Friday").
    eod: bool = False
    # A lone month name or year needs "in"/"by"/... or a clause of its own to count.
    needs_lead: bool = False
    # ...and only a real lead, not a clause of its own ("may", "the holiday").
    strict_lead: bool = False
    # "in the new year" means after New Year's Day.
    in_means_after: bool = False
    # For durations: the end counted from another day ("a week from Friday").
    count_from: Callable[[date], date | None] | None = None
    # ...and only then means a date: "within two days of that", "the end of that week".
    needs_anchor: bool = False
    # A month-day that already passed this year within the last month: the past, not next year.
    recent_past: bool = False
    leads: tuple[str, ...] = ()
    priority: int = 0
    # "before the end of X" keeps X's end: the end of a period is a boundary, not a day.
    keeps_end_before: bool = False

    # Where the date itself starts ("Friday" in "by Friday"); -1 until the leads are read.
    core: int = -1

    def void(self) -> Candidate:
        return self.but(by=None)

    def but(self, **changes: object) -> Candidate:
        """A copy with `changes` (much cheaper than dataclasses.replace, which re-runs
        __init__, or copy.copy; this runs for every candidate of every phrase)."""
        new = object.__new__(Candidate)
        new.__dict__ = {**self.__dict__, **changes}
        return new


def stretches(spans: Iterable[tuple[int, int]], reach: int, length: int) -> list[tuple[int, int]]:
    """`spans` (in order of their starts) each widened by `reach` within `0..length`, with
    the ones that then touch merged: where a rule or a cue may find its words."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        low, high = max(0, start - reach), min(length, end + reach)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def merge(a: Candidate, b: Candidate, **changes: object) -> Candidate:
    """One candidate spanning a and b, b's meaning unless `changes` say otherwise."""
    return b.but(start=min(a.start, b.start), end=max(a.end, b.end), **changes)


Handler = Callable[[re.Match[str], Context], Candidate | None]


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    priority: int = 0
    # The rule only runs when the text holds one of these words, or a match of this small
    # pattern: far cheaper than the rule's own scan, and most rules find nothing in most text.
    needs: tuple[str, ...] | re.Pattern[str] = ()


def span(m: re.Match[str], by: date | None, **kwargs: object) -> Candidate:
    return Candidate(m.start(), m.end(), by, **kwargs)  # type: ignore[arg-type]


def day_before(by: date | None) -> date | None:
    return d.shift(by, -1)
