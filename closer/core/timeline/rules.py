"""The rules: each regex finds one kind of timing expression and turns it into a candidate
date, following the numbered conventions in CONVENTIONS.md (numbers in comments refer to them).
The rules live by kind in `calendar_dates`, `periods`, `weeks`, `relative` and `durations`;
this module runs them all.

A long text is not scanned whole by every rule: every timing expression holds one of a few
words (a weekday, a month, a number, "week", "tomorrow", a holiday ...), so the rules run only
in the stretches around those words. A pasted page of prose then costs little more than its
timing phrases. A text that is nothing but dates (a schedule, a calendar export) is read up to
its first `MAX_DATE_WORDS` of them: a message's promise is not the 200th date in it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice

from closer.core.timeline import calendar_dates, durations, periods, relative, weeks
from closer.core.timeline.calendar_dates import HOLIDAY_WORDS, holidays_in
from closer.core.timeline.candidate import Candidate, stretches
from closer.core.timeline.days import Context

__all__ = ["RULES", "Windows", "find_candidates", "named_holidays", "windows"]

RULES = (
    *calendar_dates.RULES,
    *periods.RULES,
    *weeks.RULES,
    *relative.RULES,
    *durations.RULES,
)

# A word every timing expression holds at least one of (after spelling is put right).
_DATE_WORD = re.compile(
    r"\d|\b(?:(?:mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?s?\b|wednesday"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b"
    r"|to(?:day|morrow|night)|tmrw?|tmw|\w*week|\w*wk|mid|eo[dwmqy]|e\.o\.|cob|c\.o\.b|eob|eoq"
    r"|day|month|year|quarter|q[1-4]\b|fortnight|hours?|hrs?|morning|afternoon|evening|noon"
    r"|business|first|second|third|fourth|fifth|[a-z]+(?:teenth|tieth)|twenty|thirty"
    r"|holiday|break|christmas|xmas|thanksgiving|easter|halloween|labou?r|memorial|juneteenth"
    r"|independence|mlk|martin|president|washington|columbus|indigenous|veteran|new\s+year"
    r"|(?:after|before)\s+(?:that|then|this|it)\b)"
)
# How far around such a word an expression may reach.
_MARGIN = 70
MAX_DATE_WORDS = 200
# Up to this length a text is read whole: finding its stretches would cost more than it saves.
_WHOLE = 1500

Windows = list[tuple[int, int]]


def windows(text: str) -> Windows:
    """The stretches of `text` around its date words, merged, in order."""
    if len(text) <= _WHOLE:  # a phrase or a short email: one stretch, if it holds a date word
        return [(0, len(text))] if _DATE_WORD.search(text) else []
    words = islice(_DATE_WORD.finditer(text), MAX_DATE_WORDS)
    return stretches((m.span() for m in words), _MARGIN, len(text))


def named_holidays(text: str, where: Windows) -> frozenset[str]:
    """The holidays the words name, taken out of business-day counts (convention 6)."""
    found: set[str] = set()
    for start, end in where:
        if any(map(text[start:end].__contains__, HOLIDAY_WORDS)):
            found |= holidays_in(text, start, end)
    return frozenset(found)


def find_candidates(text: str, ctx: Context, where: Windows) -> list[Candidate]:
    """Every timing expression in `text` (normalised) within `where`, longest first where
    they overlap."""
    found: list[Candidate] = []
    for start, end in where:
        part = text[start:end]
        for rule in RULES:
            needs = rule.needs
            if isinstance(needs, re.Pattern):
                if not needs.search(text, start, end):
                    continue
            elif not any(map(part.__contains__, needs)):
                continue
            for m in rule.regex.finditer(text, start, end):
                candidate = rule.handler(m, ctx)
                if candidate is not None:
                    candidate.priority = rule.priority
                    found.append(candidate)
    found.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    kept: list[Candidate] = []
    # The spans taken so far never overlap, so only the one starting last before a new
    # candidate's end can overlap it.
    starts: list[int] = []
    ends: list[int] = []
    for candidate in found:
        i = bisect_left(starts, candidate.end)
        if i and ends[i - 1] > candidate.start:
            continue
        kept.append(candidate)
        starts.insert(i, candidate.start)
        ends.insert(i, candidate.end)
    kept.sort(key=lambda c: c.start)
    return kept
