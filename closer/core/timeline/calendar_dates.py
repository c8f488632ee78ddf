"""Rules for calendar dates (convention 8 in CONVENTIONS.md) and US holidays (convention 9).

Bare numbers in comments, "(8)" or "9:", are conventions too.
"""

from __future__ import annotations

import re
from datetime import date

from closer.core.timeline import days as d
from closer.core.timeline import words as w
from closer.core.timeline.candidate import Candidate, Rule, day_before, span
from closer.core.timeline.days import Context
from closer.core.timeline.periods import month_of

# --- Calendar dates (8) ------------------------------------------------------------------------

_DAY_NUM = rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<dw>{w.ORDINAL_WORD}))"
_MONTH_DAY_RE = re.compile(
    rf"(?<![\w'])(?P<month>{w.MONTH})\s*,?\s*(?:the\s+)?{_DAY_NUM}(?![\d:/]|\s*(?:am|pm|%))"
    r"(?:\s*(?:-|to|through|thru|or|and|&)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d:/]))?"
    r"(?:(?:,\s*|\s+)(?P<y>\d{4})(?!\d))?(?![\w'])"
)
_DAY_MONTH_RE = re.compile(
    r"(?<![\w'/.-])(?:the\s+)?(?:(?P<d>\d{1,2})(?P<suf>st|nd|rd|th)?"
    rf"|(?P<dw>{w.ORDINAL_WORD}))"
    r"(?:\s*(?:-|to|through|thru|or|and|&)\s*(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
    rf"\s+(?P<of>of\s+)?(?P<month>{w.MONTH})(?:,?\s+(?P<y>\d{{4}})(?!\d))?(?![\w'])"
)
_NUMERIC_DATE_RE = re.compile(
    r"(?<![\w/.:-])(?:(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?"
    # With dashes or dots only with a full year: "7-10" is a range, "12-04-2026" a date.
    r"|(?P<m2>\d{1,2})(?P<sep>[-.])(?P<d2>\d{1,2})(?P=sep)(?P<y2>\d{4}))"
    r"(?![\w/]|[.:-]\d|\s+of\b|\s*%)"
)
_ISO_DATE_RE = re.compile(r"(?<![\w/.-])(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?![\w-])")


def _date_candidate(
    m: re.Match[str], ctx: Context, year: int | None, month: int, day: int, day2: int | None
) -> Candidate | None:
    if year is None:
        by, recent = d.next_month_day(ctx.said, month, day)
    else:
        by, recent = d.safe_date(year, month, day), False
    if by is None:
        return span(m, None)
    earliest = None
    if day2 is not None:
        if day2 <= day:
            return span(m, None)
        earliest, by = by, d.safe_date(by.year, by.month, day2)
        if by is None:
            return span(m, None)
    return span(m, by, earliest=earliest, before=day_before(earliest or by), recent_past=recent)


def _month_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    day = int(m["d"]) if m["d"] else w.ordinal_value(m["dw"])
    if day is None:
        return None
    year = int(m["y"]) if m["y"] else None
    return _date_candidate(m, ctx, year, w.month_index(m["month"]), day, _int(m["d2"]))


# "by 31 May.", "on 3 March": the month after a day is a date when a lead or the sentence's end
# says so.
_DATE_END = re.compile(r"\s*(?:[.,;!?)]|$)")
_DATE_LEAD = re.compile(r"(?<![\w'])(?:by|on|until|till|before|after|from|of|commencing)\s+$")


def _day_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    month_word = m["month"].rstrip(".")
    # "the top 5 may need another round": "may" after a bare number is the verb.
    if (
        month_word in w.AMBIGUOUS_MONTHS
        and not (m["suf"] or m["of"] or m["dw"] or m["y"])
        and not _DATE_END.match(m.string, m.end())
        and not _DATE_LEAD.search(m.string, max(0, m.start() - 12), m.start())
    ):
        return None
    day = int(m["d"]) if m["d"] else w.ordinal_value(m["dw"])
    if day is None or (m["dw"] and not m["of"]):
        return None
    first, second = day, _int(m["d2"])
    year = int(m["y"]) if m["y"] else None
    return _date_candidate(m, ctx, year, w.month_index(month_word), first, second)


def _numeric_date(m: re.Match[str], ctx: Context) -> Candidate | None:
    # 8: numbers are US month/day.
    year = None
    written_year = m["y"] or m["y2"]
    if written_year:
        year = int(written_year) + (2000 if len(written_year) == 2 else 0)
    month, day = int(m["m"] or m["m2"]), int(m["d"] or m["d2"])
    if not 1 <= month <= 12:
        return span(m, None)
    return _date_candidate(m, ctx, year, month, day, None)


def _iso_date(m: re.Match[str], ctx: Context) -> Candidate | None:
    return _date_candidate(m, ctx, int(m["y"]), int(m["m"]), int(m["d"]), None)


def _int(text: str | None) -> int | None:
    return int(text) if text else None


# "the 15th" (8): only with "the" or a lead such as "by", and never "the 2nd round".
_ORDINAL_RE = re.compile(
    r"(?<![\w'])(?:(?P<the>the)\s+)?(?:(?P<d>\d{1,2})(?:st|nd|rd|th)|(?P<dw>"
    rf"{w.ORDINAL_WORD}))(?![\w'])"
    r"(?:\s*(?:-|to|through|thru|or|and)\s*(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th))?"
    r"(?:\s+of\s+(?P<rel>this|next|the|the\s+following)\s+month)?"
    # Not an ordinal of something else: "the 2nd round", "the 3rd candidate".
    r"(?![\w'-]|\s+(?:rounds?|interview\w*|candidates?|persons?|people|time|times|place|floor"
    r"|step|stage|call|meeting|offer|option|choice|attempt|ones?|year|week|day|month|quarter"
    r"|hour|half|party|grade|edition|version|position|role|person|team|page|item|point)(?![\w']))"
)


def _ordinal(m: re.Match[str], ctx: Context) -> Candidate | None:
    said = ctx.said
    if m["dw"] and not m["the"]:
        return None  # "first thing", "second round": words, not days
    day = int(m["d"]) if m["d"] else w.ordinal_value(m["dw"])
    if day is None or not 1 <= day <= 31:
        return span(m, None)
    rel = w.squash(m["rel"] or "")
    if rel in ("next", "the following"):
        year, month = month_of("next month", None, None, said)
        by = d.safe_date(year, month, day)
    elif rel == "this":
        by = d.safe_date(said.year, said.month, day)
    else:  # "the 15th", "the first of the month": the next one
        by = d.next_day_of_month(said, day)
    earliest = None
    if m["d2"] and by is not None:
        day2 = int(m["d2"])
        end = d.safe_date(by.year, by.month, day2) if day2 > day else None
        if end is None:
            return span(m, None)
        earliest, by = by, end
    # Without "the", or as a word ("the first"), it needs a lead: "by the first", "by 15th".
    needs_lead = not m["the"] or (bool(m["dw"]) and not rel)
    return span(m, by, earliest=earliest, before=day_before(earliest or by), needs_lead=needs_lead)


# --- Holidays (9) ------------------------------------------------------------------------------

_HOLIDAY_RE = re.compile(
    r"(?<![\w'])(?:the\s+)?(?:(?P<thanksgiving>thanksgiving(?:\s+day)?)"
    r"|(?P<christmas_eve>christmas\s+eve|xmas\s+eve)"
    r"|(?P<season>holidays|holiday\s+(?:break|season|period|shutdown)|(?:christmas|xmas|winter"
    r"|end[\s-]of[\s-]year|year[\s-]end)\s+(?:break|holidays?|shutdown|vacation)|christmas\s+and"
    r"\s+new\s+year'?s?)"
    r"|(?P<christmas>christmas(?:\s+day)?|xmas)|(?P<nye>new\s+year'?s'?\s+eve)"
    r"|(?P<newyear>new\s+year'?s'?(?:\s+day)?|new\s+year)"
    r"|(?P<labor>labou?r\s+day)|(?P<memorial>memorial\s+day)"
    r"|(?P<independence>(?:4th|fourth)\s+of\s+july|july\s+(?:4th|4|fourth)(?![\d])"
    r"|independence\s+day|(?P<fourth>fourth)(?=\s*(?:[.,;!?]|$)))"
    r"|(?P<mlk>(?:mlk|martin\s+luther\s+king)(?:,?\s+jr\.?)?\s+day)"
    r"|(?P<presidents>presidents?'?\s+day|washington'?s\s+birthday)|(?P<juneteenth>juneteenth)"
    r"|(?P<columbus>columbus\s+day|indigenous\s+peoples?'?\s+day)|(?P<veterans>veterans'?\s+day)"
    r"|(?P<halloween>halloween)|(?P<easter>easter(?:\s+sunday)?)"
    r"|(?P<near>holiday|long\s+weekend|holiday\s+weekend))"
    r"(?P<week>\s+week(?!end))?(?:\s+(?:break|holiday|weekend))?(?![\w'])"
)
HOLIDAY_KEYS = (
    "thanksgiving",
    "christmas_eve",
    "christmas",
    "nye",
    "newyear",
    "labor",
    "memorial",
    "independence",
    "mlk",
    "presidents",
    "juneteenth",
    "columbus",
    "veterans",
    "halloween",
    "easter",
)


def holidays_in(text: str, start: int, end: int) -> set[str]:
    """The holidays named in `text[start:end]` (convention 6 takes them out of counts)."""
    found = set()
    for m in _HOLIDAY_RE.finditer(text, start, end):
        for key in HOLIDAY_KEYS:
            if m[key]:
                found.add(key)
        if m["season"] and "new" in m["season"]:
            found.add("newyear")
    return found


def _after_new_year(ctx: Context, year: int) -> date | None:
    """9: "after the holidays" / "after New Year's": the first business day of `year`."""
    new_year = d.holiday_in_year("newyear", year) or d.safe_date(year, 1, 1)
    if new_year is None:
        return None
    return ctx.first_business_day_after(new_year, d.observed_days("newyear", new_year))


def _occurrence(key: str, year: int, ctx: Context, week: bool) -> tuple[date | None, ...]:
    """(by, before, after) for one year's occurrence of a holiday or "the holidays"."""
    if key == "season":
        # 9: "before the holidays" -> Dec 23; "after the holidays" -> the new year's first
        # business day.
        eve = d.safe_date(year, 12, 23)
        return eve, eve, _after_new_year(ctx, year + 1)
    day = d.holiday_in_year(key, year)
    if day is None:
        return None, None, None
    skip = d.observed_days(key, day)
    last_day = day
    if key == "thanksgiving":
        last_day = day + d.ONE_DAY  # 9: Thanksgiving takes its Friday along
        skip.add(last_day)
    by: date | None = day
    before = d.shift(day, -1)
    if week:
        # "Thanksgiving week": that week's Friday.
        by = d.friday_of_week(day)
        before = d.shift(d.monday_of(day), -3)
        last_day = max(last_day, by) if by else last_day
    if key == "newyear":
        after = _after_new_year(ctx, year)
    else:
        after = ctx.first_business_day_after(last_day, skip)
    return by, before, after


# "the holidays" and "the holiday" are dates only right after one of these: "over the
# holidays" or "on holiday until" commit to nothing, and the word stays a cue for the clause.
_HOLIDAY_LEAD = re.compile(
    r"(?:before|after|by|until|till|following|prior\s+to|ahead\s+of|no\s+later\s+than|post-?"
    r"|between)\s*$"
)


# "once the holidays are over": after them.
_ONCE = re.compile(r"(?<![\w'])(?:once|when|as\s+soon\s+as)\s+$")
_OVER = re.compile(r"\s+(?:are|is)\s+(?:over|done|finished|behind\s+us)\b|\s+end\b")
# "before we break for the holidays", "before the office closes for Christmas": a "before"
# whose holiday comes at the end of a short clause.
_BEFORE_CLAUSE = re.compile(
    r"(?<![\w'])(?:before|ahead\s+of|prior\s+to)\s+(?:[\w']+\s+){1,5}?(?:for|over|at)\s+$"
)


def _holiday(m: re.Match[str], ctx: Context) -> Candidate | None:
    said = ctx.said
    if m["fourth"] and not (said.month in (6, 7) and _HOLIDAY_LEAD.search(m.string, 0, m.start())):
        return None  # "after the Fourth" is July's only around July; "by the fourth" is a day
    once_over = _ONCE.search(m.string, max(0, m.start() - 20), m.start()) and _OVER.match(
        m.string, m.end()
    )
    before_clause = _BEFORE_CLAUSE.search(m.string, max(0, m.start() - 60), m.start())
    if (
        (m["season"] or m["near"])
        and not _HOLIDAY_LEAD.search(m.string, 0, m.start())
        and not before_clause
        and not once_over
    ):
        return None
    strict = False
    if m["season"]:
        if w.squash(m["season"]).startswith("christmas and"):
            # "between Christmas and New Year's": the days in between.
            christmas = d.next_holiday("christmas", said)
            return span(m, d.shift(christmas, 6), earliest=d.shift(christmas, 1), kind="holiday")
        key, strict = "season", True
    else:
        found = next((k for k in HOLIDAY_KEYS if m[k]), None)
        if found is None:  # "the holiday", "the long weekend": the federal holiday coming up
            near = d.nearest_federal_holiday(said, within_days=10)
            if near is None:
                return None
            found, strict = near[0], True
        key = found
    # A named holiday alone is a greeting as often as a date ("Happy Thanksgiving!"): it needs
    # "by", "before", "after", "on"... or a clause of its own.
    needs_lead = True
    # Each reading takes the first occurrence it can still mean: "after Thanksgiving" said
    # on the Friday after it is the coming Monday, "by Thanksgiving" then is next year's.
    readings: list[date | None] = [None, None, None]
    for year in (said.year - 1, said.year, said.year + 1):
        for i, value in enumerate(_occurrence(key, year, ctx, bool(m["week"]))):
            if readings[i] is None and value is not None and value >= said:
                readings[i] = value
    by, before, after = readings
    if before_clause and before is not None:
        return Candidate(before_clause.start(), m.end(), before, kind="holiday", before=before)
    if once_over and after is not None:
        # "once the holidays are over", "when Thanksgiving is behind us": after it (9).
        return Candidate(m.start(), once_over.end(), after, kind="holiday", after=after)
    return span(
        m,
        by,
        kind="holiday",
        before=before,
        after=after,
        needs_lead=needs_lead,
        strict_lead=strict,
        in_means_after=key == "newyear",
    )


# --- The rules of this module ------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ORDINAL_NEEDS = re.compile(
    r"\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|teenth|tieth"
)
HOLIDAY_WORDS = (
    *("thanksgiving", "christmas", "xmas", "new year", "labo", "memorial", "july"),
    *("independence", "mlk", "martin", "president", "washington", "juneteenth", "columbus"),
    *("indigenous", "veteran", "halloween", "easter", "holiday", "long weekend", "break"),
    *("fourth", "shutdown"),
)

# Higher priority wins between two candidates of the same span ("4th of July" is a holiday);
# `needs` gates a rule on cheap substring tests.
RULES = (
    Rule("holiday", _HOLIDAY_RE, _holiday, 5, HOLIDAY_WORDS),
    Rule("iso_date", _ISO_DATE_RE, _iso_date, 3, re.compile(r"\d{4}[-/]\d")),
    Rule("numeric_date", _NUMERIC_DATE_RE, _numeric_date, 2, re.compile(r"\d[/.-]\d")),
    Rule("month_day", _MONTH_DAY_RE, _month_day, 2, _MONTHS),
    Rule("day_month", _DAY_MONTH_RE, _day_month, 2, _MONTHS),
    Rule("ordinal", _ORDINAL_RE, _ordinal, 0, _ORDINAL_NEEDS),
)
