"""The rules: each regex finds one kind of timing expression and turns it into a candidate
date, following the numbered conventions in CONVENTIONS.md (numbers in comments refer to them).
The rules live by kind in `periods`, `calendar_dates` and `durations`; this module runs them all.
"""

from __future__ import annotations

from closer.core.timeline import calendar_dates, durations, periods
from closer.core.timeline.calendar_dates import named_holidays
from closer.core.timeline.candidate import Candidate
from closer.core.timeline.days import Context

__all__ = ["RULES", "find_candidates", "named_holidays"]

RULES = (*calendar_dates.RULES, *periods.RULES, *durations.RULES)


def find_candidates(text: str, ctx: Context) -> list[Candidate]:
    """Every timing expression in `text` (normalised), longest first where they overlap."""
    found: list[Candidate] = []
    for rule in RULES:
        if not any(word in text for word in rule.needs):
            continue
        for m in rule.regex.finditer(text):
            candidate = rule.handler(m, ctx)
            if candidate is not None:
                candidate.priority = rule.priority
                found.append(candidate)
    found.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in found:
        if all(candidate.end <= s or candidate.start >= e for s, e in taken):
            kept.append(candidate)
            taken.append((candidate.start, candidate.end))
    kept.sort(key=lambda c: c.start)
    return kept
