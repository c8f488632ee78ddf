"""Rules for durations: days and hours (convention 4 in CONVENTIONS.md), weeks and months (5),
business days (6). Bare numbers in comments are conventions too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date

from closer.core.timeline import days as d
from closer.core.timeline import words as w
from closer.core.timeline.candidate import Candidate, Rule, span
from closer.core.timeline.days import Context

# --- Durations (4, 5, 6) -----------------------------------------------------------------------

_UNIT = (
    r"(?P<unit>(?:business|working|work|biz)[\s-]*days?|workdays?|calendar\s+days?|days?"
    r"|hours?|hrs?|weeks?|wks?|fortnights?|months?)"
)
_DURATION_RE = re.compile(
    rf"(?<![\w'])(?P<n1>{w.NUM})(?:\s*(?:-|to|or)\s*(?P<n2>{w.NUM}))?(?P<gap>[\s-]+|(?<=\d))"
    rf"(?:more\s+|additional\s+|extra\s+|full\s+|whole\s+)?{_UNIT}(?![\w])"
    r"(?P<tail>\s+or\s+(?:two|three|four|so|less|thereabouts)(?![\w'])|\s+and\s+a\s+half"
    r"|\s+or\s+(?:more|longer)|,?\s+(?:maybe|possibly|perhaps|or\s+maybe|or\s+possibly)\s+"
    r"(?P<n3>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)(?![\w']))?(?P<when>\s+(?:from|of)\s+(?:now|today(?:'s\s+[a-z]+)?)"
    r"|'?s?'?\s+time(?![\w'])"
    r"|\s+out(?![\w']))?"
)
# A duration that is not a wait: "the last 2 weeks", "5 days a week", "3 weeks ago".
_NOT_A_WAIT_BEFORE = re.compile(
    r"(?:every|each|per|once|twice|last|past|previous|first|initial|final|these|those|took"
    r"|spent|lasted|all|whole|entire|days?|hours?|times?|the\s+last|the\s+past)\s+$"
)
_NOT_A_WAIT_AFTER = re.compile(
    r"^[\s-]*(?:ago|of|an?\s+(?:week|month|year|day)|per|each|every|long|old|later|earlier|prior"
    r"|in\s+advance|in|into|notice|'?s?'?\s+notice|off|leave|vacation|pto|at\s+a\s+time"
    r"|straight|in\s+a\s+row|since|back)(?![\w'])"
)
_ADJECTIVE_OK = re.compile(
    r"^\s*(?:turn-?around|timeline|time\s*frame|window|wait|process|response|decision|range"
    r"|period|lead\s+time|sla)\b"
)


def _duration(m: re.Match[str], ctx: Context) -> Candidate | None:
    text = m.string
    low = w.number_value(m["n1"])
    high = w.number_value(m["n2"]) if m["n2"] else None
    written_high = high
    tail = w.squash(m["tail"] or "")
    if tail in ("or two", "or three", "or four") and high is None:
        high = w.number_value(tail.split()[1])
    if m["n3"] and high is None:  # "2 weeks, maybe 3": the window's end (1)
        high = w.number_value(m["n3"])
    if (
        low is None
        or low <= 0
        or (high is not None and high <= low)
        or tail.endswith(("more", "longer"))
    ):
        return span(m, None, kind="duration")
    unit = w.squash(m["unit"]).replace("-", " ")
    before_text = text[max(0, m.start() - 30) : m.start()]
    after_text = text[m.end() : m.end() + 30]
    if _NOT_A_WAIT_BEFORE.search(before_text):
        return span(m, None, kind="duration")
    if not m["when"] and _NOT_A_WAIT_AFTER.match(after_text):
        return _counted_from_event(m, ctx, unit, high or low, half=tail == "and a half")
    # "a 6-week contract" is a length, not a wait; "a 2-week turnaround" is a wait.
    singular = not unit.endswith("s")
    # "a week or two" is singular by its own words; "a 2-week turnaround" is the adjective.
    adjective = ("-" in m["gap"] or (singular and (written_high or low) > 1)) and not m["when"]
    if adjective and re.match(r"^\s*[a-z]", after_text) and not _ADJECTIVE_OK.match(after_text):
        return span(m, None, kind="duration")
    half = tail == "and a half"
    count = _counter(unit, ctx, half)
    if count is None:
        return None
    top = high or low
    by = count(ctx.said, top)
    earliest = count(ctx.said, low) if high else None
    # "an hour", "a day" alone are too loose ("take a day to think"); they need "in"/"within".
    needs_lead = ("hour" in unit or unit.startswith("hr")) or (
        unit == "day" and low == 1 and high is None and not half
    )
    return span(
        m,
        by,
        earliest=earliest,
        kind="duration",
        after=by,
        needs_lead=needs_lead,
        count_from=lambda anchor: count(anchor, top),
    )


def _counted_from_event(
    m: re.Match[str], ctx: Context, unit: str, top: int, *, half: bool
) -> Candidate:
    """ "within two days of that", "a week of her return on 1/11", "two days later": a wait
    counted from another day, if the words give one (`anchors`); else no wait at all ("2 weeks
    of notice")."""
    count = _counter(unit, ctx, half)
    after_text = m.string[m.end() : m.end() + 30]
    if count is None or not after_text.startswith((" of ", " later")):
        return span(m, None, kind="duration")
    return span(
        m, None, kind="duration", count_from=lambda anchor: count(anchor, top), needs_anchor=True
    )


def _counter(unit: str, ctx: Context, half: bool) -> Callable[[date, int], date | None] | None:
    """How to count `n` of `unit` from a day."""
    if unit.startswith(("business", "working", "work", "biz")):
        if half:
            return None
        return ctx.add_business_days  # 6: skipping weekends and holidays, from the day after
    if unit.startswith(("hour", "hr")):
        # 4: "within 48 hours" -> +2 days: hours / 24, rounded up.
        return lambda day, n: d.shift(day, math.ceil(n * (1.5 if half else 1) / 24))
    if unit.startswith(("day", "calendar")):
        return lambda day, n: d.shift(day, math.ceil(n * (1.5 if half else 1)))
    if unit.startswith(("week", "wk")):
        # 5: "N weeks" -> +7N; "a week and a half" -> +11 (rounded up: the latest it allows).
        return lambda day, n: d.shift(day, math.ceil(7 * n * (1.5 if half else 1)))
    if unit.startswith("fortnight"):
        return lambda day, n: d.shift(day, 14 * n)
    if unit.startswith("month"):
        # 5: "within a month" -> the same day next month, clamped to the month's end.
        if half:
            return lambda day, n: d.shift(d.add_months(day, n), 15)
        return d.add_months
    return None


# A week from now / a week today: +7.
_SAME_TIME_RE = re.compile(
    r"(?<![\w'])(?:(?:this|same)\s+time\s+next\s+week|this\s+day\s+next\s+week|a\s+week\s+today)"
    r"(?![\w'])"
)


def _same_time(m: re.Match[str], ctx: Context) -> Candidate | None:
    return span(m, d.shift(ctx.said, 7), kind="duration")


# --- The rules of this module ------------------------------------------------------------------

_UNITS = ("day", "hour", "hr", "week", "wk", "fortnight", "month")

# `needs` gates a rule on cheap substring tests.
RULES = (
    Rule("same_time", _SAME_TIME_RE, _same_time, 3, ("next week", "week today")),
    Rule("duration", _DURATION_RE, _duration, 1, _UNITS),
)
