"""Rules for days and periods said relative to today: today/tomorrow/EOD (convention 4 in
CONVENTIONS.md), weeks of a month (2), months (7), years and quarters (10); weekdays and weeks
are in `weeks`. Bare numbers in comments are conventions too.
"""

from __future__ import annotations

import re
from datetime import date

from closer.core.timeline import days as d
from closer.core.timeline import words as w
from closer.core.timeline.candidate import Candidate, Rule, span
from closer.core.timeline.days import Context

# --- Days: today, tomorrow, EOD (4) ------------------------------------------------------------

_EOD = (
    r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+|work(?:ing)?\s+)?day|eod|e\.o\.d\.?|cob"
    r"|c\.o\.b\.?|eob|close\s+of\s+(?:business|play)|end\s+of\s+business|day'?s\s+end"
)
_DAY_WORDS = re.compile(
    rf"(?<![\w'])(?:(?P<eod>{_EOD})|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening)"
    r"|later\s+today)|(?P<dat>the\s+day\s+after\s+tomorrow)|(?P<tomorrow>tomorrow|tmrw|tmr|tomorow)"
    r"|(?P<nbd>(?:the\s+)?(?:next|following)\s+(?:business|working|work)\s+day))(?![\w'])"
)


def _day_words(m: re.Match[str], ctx: Context) -> Candidate:
    said = ctx.said
    if m["eod"]:
        # "before EOD" is still today: an end of day is a boundary.
        return span(m, said, kind="day", eod=True, keeps_end_before=True)
    if m["today"]:
        return span(m, said, kind="day")
    if m["tomorrow"]:
        return span(m, d.shift(said, 1), kind="day")
    if m["dat"]:
        return span(m, d.shift(said, 2), kind="day")
    # "Your onsite is 12/10. We debrief the next business day": after that day, when one was
    # said before (`anchors`); after today otherwise.
    return span(
        m,
        ctx.add_business_days(said, 1),
        kind="weekday",
        count_from=lambda anchor: ctx.add_business_days(anchor, 1),
    )


# --- Week of a month, week of a date (2) -------------------------------------------------------

_NTH_WEEK_RE = re.compile(
    r"(?<![\w'])(?:the\s+)?(?P<n>first|1st|second|2nd|third|3rd|fourth|4th|last|final)"
    r"\s+(?:full\s+)?week\s+(?:of|in)\s+(?:the\s+)?"
    rf"(?P<target>this\s+month|next\s+month|month|new\s+year|(?P<month>{w.MONTH})"
    r"(?:,?\s+(?P<y>\d{4}))?)(?![\w'])"
)
NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def month_of(
    target: str, month_text: str | None, year_text: str | None, said: date
) -> tuple[int, int]:
    """(year, month) for a month word: this/next month or a name's next occurrence."""
    if target in ("this month", "month"):
        return said.year, said.month
    if target == "next month":
        return (said.year + 1, 1) if said.month == 12 else (said.year, said.month + 1)
    if target == "new year":
        return said.year + 1, 1
    month = w.month_index(month_text or "")
    if year_text:
        return int(year_text), month
    return (said.year if month >= said.month else said.year + 1), month


def _nth_week(m: re.Match[str], ctx: Context) -> Candidate | None:
    target = w.squash(m["target"]) if not m["month"] else "named"
    year, month = month_of(target, m["month"], m["y"], ctx.said)
    first = d.safe_date(year, month, 1)
    if first is None:
        return None
    if m["n"] in ("last", "final"):
        end = d.month_end(year, month)
        if end is None:
            return None
        thursday = d.shift(end, -((end.weekday() - 3) % 7))
    else:
        # 2: the Mon-Sun week holding the month's first Thursday is its first week.
        thursday = d.shift(first, (3 - first.weekday()) % 7 + 7 * (NTH[m["n"]] - 1))
    by = d.shift(thursday, 1)
    if by is not None and by < ctx.said:
        by = None
    return span(m, by, kind="period", before=d.shift(by, -7))


# --- Months (7) --------------------------------------------------------------------------------

_MONTH_TARGET = (
    r"(?P<t>this\s+month|the\s+current\s+month|the\s+month\s+after\s+next|next\s+month"
    r"|the\s+following\s+month|the\s+month|month"
    rf"|(?P<name>{w.MONTH})(?:\s+(?:of\s+)?(?P<rel>this\s+year|next\s+year))?"
    r"(?:,?\s+(?P<y>\d{4}))?)"
)
_MONTH_RE = re.compile(
    r"(?<![\w'])(?P<post>month[\s-]end|month'?s\s+end|eom|e\.o\.m\.?)(?![\w'])"
    rf"|(?<![\w'])(?:{w.MOD})?{_MONTH_TARGET}(?![\w'])"
)


# "the January cohort", "our March offsite": the month names a thing.
_MONTH_NOUN = re.compile(
    r"\s+(?:cohort|intake|class|batch|starters?|start\s+date|release|issue|edition|newsletter"
    r"|payroll|board|offsite|conference|hires|hiring\s+(?:class|round)|graduates|grads)\b"
)


def _month(m: re.Match[str], ctx: Context) -> Candidate | None:
    said = ctx.said
    if m["name"] and not m["mod"] and _MONTH_NOUN.match(m.string, m.end()):
        return span(m, None, kind="period")
    if m["post"]:
        end = d.month_end(said.year, said.month)
        return span(m, end, kind="period", keeps_end_before=True)
    mod = w.mod_kind(m["mod"])
    target = w.squash(m["t"])
    name = m["name"]
    needs_lead = strict = False
    if name:
        name_word = name.rstrip(".")
        month = w.month_index(name_word)
        if m["y"]:
            year = int(m["y"])
        elif m["rel"]:
            year = said.year + (1 if "next" in m["rel"] else 0)
        else:
            year = said.year if month >= said.month else said.year + 1
        if mod is None:
            # A lone month name ("January") counts after "in"/"by"/... or as a whole answer;
            # "may", "march" and short forms ("dec") need a real lead such as "in".
            needs_lead = True
            strict = name_word in w.AMBIGUOUS_MONTHS or name_word not in w.MONTH_NAMES
    elif target in ("this month", "the current month"):
        year, month = said.year, said.month
    elif target in ("next month", "the following month"):
        year, month = month_of("next month", None, None, said)
    elif target == "the month after next":
        year, month = said.year, said.month + 2
    else:  # "the month" / "month" only with a part: "end of the month", "mid-month"
        if mod is None:
            return None
        year, month = said.year, said.month
        if mod != "late" and said.day > (10 if mod == "early" else 15):
            # "by mid-month" said on the 25th is next month's, like "by the 15th" (8).
            year, month = month_of("next month", None, None, said)
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    end = d.month_end(year, month)
    first = d.safe_date(year, month, 1)
    if end is None or first is None:
        return span(m, None, kind="period")
    # 7: early -> the 10th, mid -> the 15th, late / end / plain -> the last day.
    by = {"early": first.replace(day=10), "mid": first.replace(day=15)}.get(mod or "", end)
    if by < said:
        return span(m, None, kind="period")
    before = d.shift(first, -1) if mod is None else (by if mod == "late" else by - d.ONE_DAY)
    return span(
        m,
        by,
        kind="period",
        before=before,
        needs_lead=needs_lead,
        strict_lead=strict,
        keeps_end_before=mod == "late",
    )


# --- Years and quarters (10) -------------------------------------------------------------------

_YEAR_RE = re.compile(
    r"(?<![\w'])(?P<post>year[\s-]end|year'?s\s+end|eoy|e\.o\.y\.?)(?![\w'])"
    rf"|(?<![\w'])(?:{w.MOD})?(?P<t>this\s+year|the\s+current\s+year|next\s+year"
    r"|the\s+following\s+year|the\s+new\s+year|the\s+year|year|(?P<y>\d{4}))(?![\w'])"
)


def _year(m: re.Match[str], ctx: Context) -> Candidate | None:
    said = ctx.said
    if m["post"]:
        return span(m, date(said.year, 12, 31), kind="period", keeps_end_before=True)
    mod = w.mod_kind(m["mod"])
    target = w.squash(m["t"])
    needs_lead = False
    if m["y"]:
        year = int(m["y"])
        needs_lead = mod is None
    elif target in ("this year", "the current year"):
        year = said.year
    elif target in ("next year", "the following year"):
        year = said.year + 1
    elif target == "the new year":
        if mod is None:
            return None  # a holiday: see the holiday rule
        year = said.year + 1
    else:  # "the year" / "year" only with a part: "end of the year"
        if mod is None:
            return None
        year = said.year
    # 10: "early next year" -> Jan 31; "end of the year" -> Dec 31. Mid-year: June 30.
    by = {"early": d.safe_date(year, 1, 31), "mid": d.safe_date(year, 6, 30)}.get(
        mod or "", d.safe_date(year, 12, 31)
    )
    if by is None or by < said:
        return span(m, None, kind="period")
    before = d.safe_date(year - 1, 12, 31) if mod is None else (by if mod == "late" else None)
    return span(
        m,
        by,
        kind="period",
        before=before,
        needs_lead=needs_lead,
        keeps_end_before=mod == "late",
    )


_QUARTER_RE = re.compile(
    r"(?<![\w'])(?P<post>quarter[\s-]end|quarter'?s\s+end|eoq|e\.o\.q\.?)(?![\w'])"
    rf"|(?<![\w'])(?:{w.MOD})?(?P<t>q(?P<q>[1-4])|(?P<q2>[1-4])q"
    r"|(?P<qn>first|second|third|fourth|1st|2nd|3rd|4th|final)\s+quarter|this\s+quarter"
    r"|the\s+current\s+quarter|next\s+quarter|the\s+(?:next|following)\s+quarter|the\s+quarter"
    r"|quarter)(?:\s+(?:of\s+)?(?P<rel>this\s+year|next\s+year|the\s+year)|,?\s+(?P<y>\d{4})"
    r"|\s*'(?P<y2>\d{2}))?(?![\w'])"
)
_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTER_WORDS.update({"fourth": 4, "4th": 4, "final": 4})


def _quarter(m: re.Match[str], ctx: Context) -> Candidate | None:
    said = ctx.said
    current = (said.month - 1) // 3 + 1
    if m["post"]:
        return span(m, d.quarter_end(said.year, current), kind="period", keeps_end_before=True)
    mod = w.mod_kind(m["mod"])
    target = w.squash(m["t"])
    quarter = int(m["q"] or m["q2"] or 0) or _QUARTER_WORDS.get(m["qn"] or "", 0)
    year = said.year
    if quarter:
        if m["y"] or m["y2"]:
            year = int(m["y"]) if m["y"] else 2000 + int(m["y2"])
        elif m["rel"] and "next" in m["rel"]:
            year += 1
        elif (d.quarter_end(year, quarter) or said) < said:
            # 10: "Q1" is the next Q1 that has not ended yet.
            year += 1
    elif target in ("this quarter", "the current quarter"):
        quarter = current
    elif "quarter" in target and target not in ("the quarter", "quarter"):
        quarter = current % 4 + 1
        year += 1 if current == 4 else 0
    else:
        if mod is None:
            return None
        quarter = current
    last_month = quarter * 3
    end = d.quarter_end(year, quarter)
    if mod == "early":
        by = d.month_end(year, last_month - 2)
    elif mod == "mid":
        by = d.safe_date(year, last_month - 1, 15)
    else:
        by = end
    if by is None or by < said:
        return span(m, None, kind="period")
    first = d.safe_date(year, last_month - 2, 1)
    before = d.shift(first, -1) if mod is None else (by if mod == "late" else by - d.ONE_DAY)
    return span(m, by, kind="period", before=before, keeps_end_before=mod == "late")


# --- The rules of this module ------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_WORDS_NEED = ("to", "tmr", "day", "eod", "e.o.d", "cob", "c.o.b", "eob", "close", "business")

# Higher priority wins between two candidates of the same span; `needs` gates a rule on cheap
# substring tests.
RULES = (
    Rule("nth_week", _NTH_WEEK_RE, _nth_week, 4, ("week of", "week in")),
    Rule("day_words", _DAY_WORDS, _day_words, 1, (*_DAY_WORDS_NEED, "this")),
    Rule("month", _MONTH_RE, _month, 1, (*_MONTHS, "month", "eom", "e.o.m")),
    Rule("year", _YEAR_RE, _year, 0, re.compile(r"year|eoy|e\.o\.y|\d{4}")),
    Rule("quarter", _QUARTER_RE, _quarter, 1, ("q", "eoq", "e.o.q")),
)
