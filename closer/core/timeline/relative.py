"""Rules for days said relative to another day in the same message: "we'll decide the day
after", "the week after", "by the Friday of that week", "that Friday", and the nth weekday of a
month ("the second Friday in October").

The first kinds name no day of their own: their candidate has no date until `choose` finds
the day they point back to (`needs_anchor`), and commits to nothing when there is none.
Where the conventions (CONVENTIONS.md) are silent, these follow the "judgement" entries there.
"""

from __future__ import annotations

import re
from datetime import date

from closer.core.timeline import days as d
from closer.core.timeline import words as w
from closer.core.timeline.candidate import Candidate, Rule, span
from closer.core.timeline.days import Context
from closer.core.timeline.periods import NTH, month_of

# "the day after", "the following day", "that same day": from the day said before. "the day
# after tomorrow" is a longer rule's.
_DAY_AFTER_RE = re.compile(
    r"(?<![\w'])(?:(?P<after>the\s+(?:day|morning)\s+after(?:\s+that)?|the\s+(?:next|following)"
    r"\s+(?:day|morning)|a\s+day\s+later)|(?P<same>(?:that|the)\s+(?:same\s+)?day|that\s+"
    r"(?:afternoon|evening)|the\s+same\s+afternoon)|(?P<before>the\s+day\s+before(?:\s+(?:it|that|then))?"
    r"(?=\s*[.,;!?]|\s+(?:so|and|but)\b|$)))(?![\w'])(?!\s+(?:tomorrow|after|before|of))"
)
# "decisions the week after": the week after the one of the day said before.
_WEEK_AFTER_RE = re.compile(
    r"(?<![\w'])the\s+week\s+after(?:\s+that)?(?=\s*(?:[.,;!?)]|$)|\s+(?:and|or|but|so|then"
    r"|at\s+the\s+latest)\b)"
)
# Words after "the Monday after" that are days of their own, read by `choose`.
_NOT_AN_EVENT = r"(?:thanksgiving|christmas|xmas|easter|new\s+year|labou?r|memorial|the\s+holidays)"
# "by the Friday of that week", "that Friday", "the Friday after that", "the Monday after",
# "the Monday after panel 2".
_WEEKDAY_OF_THAT_RE = re.compile(
    rf"(?<![\w'])(?:(?:the\s+)?(?P<wd>{w.WEEKDAY})\s+(?:of\s+)?(?:that|the\s+same)\s+week"
    rf"|that\s+(?P<wd2>{w.WEEKDAY})|(?:the\s+)?(?P<wd3>{w.WEEKDAY})\s+after(?:\s+(?:that|it|this|then)"
    r"|(?=\s*[.,;!?]|$)|\s+(?:the\s+)?(?!next\b|this\b)(?!" + _NOT_AN_EVENT + r")[a-z]+(?:\s+\d)?"
    r"(?=\s*[.,;!?]|$)))(?![\w'])"
)


# "We're closed Monday for Presidents' Day; you'll hear from us after that": "after" the day
# said before, which promises a day only when that day is a holiday (9); "before then" is the
# day before it.
_AFTER_THAT_RE = re.compile(r"(?<![\w'])(?P<rel>after|before)\s+(?:that|then|this|it)(?![\w'])")


def _after_that(m: re.Match[str], ctx: Context) -> Candidate:
    if m["rel"] == "before":
        # "I'm off from the 21st, so you'll have an answer before then": the day before (8).
        return span(
            m, None, kind="day", count_from=lambda anchor: d.shift(anchor, -1), needs_anchor=True
        )
    return span(m, None, kind="after", count_from=lambda anchor: None, needs_anchor=True)


def _day_after(m: re.Match[str], ctx: Context) -> Candidate:
    days = 1 if m["after"] else -1 if m["before"] else 0
    return span(
        m, None, kind="day", count_from=lambda anchor: d.shift(anchor, days), needs_anchor=True
    )


def _week_after(m: re.Match[str], ctx: Context) -> Candidate:
    return span(
        m,
        None,
        kind="period",
        count_from=lambda anchor: d.shift(d.friday_of_week(anchor), 7),
        needs_anchor=True,
    )


def _weekday_of_that(m: re.Match[str], ctx: Context) -> Candidate:
    wd = w.weekday_index(m["wd"] or m["wd2"] or m["wd3"])

    def count(anchor: date) -> date | None:
        if m["wd"]:  # "the Friday of that week"
            return d.shift(d.monday_of(anchor), wd)
        if m["wd3"]:  # "the Friday after that": strictly after
            return d.next_weekday_after(anchor, wd)
        return d.weekday_on_or_after(anchor, wd)  # "that Friday": the one it falls in

    return span(m, None, kind="weekday", count_from=count, needs_anchor=True)


# "the second Friday in October", "the last Friday of the month", "the first Monday of next
# month".
_NTH_WEEKDAY_RE = re.compile(
    r"(?<![\w'])(?:the\s+)?(?P<n>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+"
    rf"(?P<wd>{w.WEEKDAY})\s+(?:of|in)\s+(?:the\s+)?"
    rf"(?P<target>this\s+month|next\s+month|month|(?P<month>{w.MONTH})(?:,?\s+(?P<y>\d{{4}}))?)"
    r"(?![\w'])"
)


def _nth_weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    target = w.squash(m["target"]) if not m["month"] else "named"
    wd = w.weekday_index(m["wd"])
    by = None
    year, month = month_of(target, m["month"], m["y"], ctx.said)
    for _ in range(2):  # "the last Friday of the month" once it passed: next month's
        by = _nth_in_month(year, month, wd, m["n"])
        if by is None or by >= ctx.said or target != "month":
            break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if by is None or by < ctx.said:
        return span(m, None, kind="date")
    return span(m, by, kind="date", before=d.shift(by, -1))


def _nth_in_month(year: int, month: int, wd: int, n: str) -> date | None:
    if n in ("last", "final"):
        end = d.month_end(year, month)
        return d.shift(end, -((end.weekday() - wd) % 7)) if end else None
    first = d.safe_date(year, month, 1)
    if first is None:
        return None
    return d.shift(first, (wd - first.weekday()) % 7 + 7 * (NTH[n] - 1))


# "two Fridays from now": the second coming Friday.
_NTH_COMING_RE = re.compile(
    rf"(?<![\w'])(?P<n>two|three|2|3)\s+(?P<wd>{w.WEEKDAY})s\s+(?:from\s+(?:now|today)|away|out|time)"
    r"(?![\w'])"
)


def _nth_coming(m: re.Match[str], ctx: Context) -> Candidate | None:
    n = {"two": 2, "three": 3}.get(m["n"], 0) or int(m["n"])
    first = d.next_weekday_after(ctx.said, w.weekday_index(m["wd"]))
    return span(m, d.shift(first, 7 * (n - 1)), kind="weekday")


RULES = (
    Rule("after_that", _AFTER_THAT_RE, _after_that, 0, ("after th", "after it", "before th")),
    Rule("nth_coming", _NTH_COMING_RE, _nth_coming, 3, ("days from", "days away", "days out")),
    Rule(
        "nth_weekday",
        _NTH_WEEKDAY_RE,
        _nth_weekday,
        5,
        ("first", "1st", "second", "2nd", "third", "3rd", "fourth", "4th", "last", "final"),
    ),
    Rule("day_after", _DAY_AFTER_RE, _day_after, 1, (" day", "morning", "afternoon", "evening")),
    Rule("week_after", _WEEK_AFTER_RE, _week_after, 1, ("week after",)),
    Rule("weekday_of_that", _WEEKDAY_OF_THAT_RE, _weekday_of_that, 3, ("that", "same", "after")),
)
