"""From candidates to one answer: join the pieces of one expression ("EOD Friday", "a week
from Friday", "Monday or Tuesday"), apply the words in front of it ("before", "after", "by"),
decide what each date is about, and pick the promised one (convention 11 in CONVENTIONS.md;
bare numbers in comments, "(1)" or "8:", are conventions too).

Tie-breaking, in order:
1. A date is about what the nearest cue before it in its clause says ("we'll let you know
   by Friday" -> decision, "you'd start on Monday" -> distractor); with no cue before it, the
   first cue after it ("Friday works for the next round"). A clause with no cue and no
   subject of its own takes its sentence's cues ("The start date is flexible, but ideally
   early January"); an answer with none takes its question's ("When could you start? Early
   January."). With no cue anywhere, the date is neutral. A distractor is about the first
   date after it ("times for next week by Monday"), and a condition's cues ("once budgets are
   confirmed") are not the date's.
2. A distractor still counts when the decision points back at it ("interviews end Friday and
   we'll decide then"; "we'll decide at the committee meeting on the 10th").
3. Distractors, past dates, negated dates ("we won't decide this week"), earliest-only dates
   ("Friday at the earliest"), neutral states ("the contractor is here through March") and
   dates taken back ("normally a week, but with the reorg I can't say") never count.
4. When the plan changed ("we hoped for the 4th, now it looks like the 11th", "originally
   Monday"), the dates before the change drop out.
5. If any date is tied to the decision or contact, the answer is the LATEST of those: a
   message often gives an expected date and a latest one ("hopefully Friday, Tuesday at the
   latest"; "expect a decision by the 4th; if you haven't heard by the 7th, ping me"), and
   convention 1 asks for the end of the window. Otherwise the latest neutral date. Otherwise
   None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from closer.core.timeline import days as d
from closer.core.timeline import roles
from closer.core.timeline import words as w
from closer.core.timeline.anchors import anchor_durations
from closer.core.timeline.candidate import Candidate, merge
from closer.core.timeline.days import Context
from closer.core.timeline.leads import (
    AFTER_LEADS,
    BEFORE_LEADS,
    EARLIEST_LEADS,
    PAST_LEADS,
    lead_ok,
)

_EOD_GAP = re.compile(r"[\s,]*(?:on|of)?[\s,]*")
_WEEKDAY_DATE_GAP = re.compile(r"[\s,(]*")
_HOLIDAY_DAY_GAP = re.compile(r"\s*(?:,\s*|\(\s*)?(?:on\s+)?")
_WEEK_OF = re.compile(
    r"(?:^|(?<=[\s,(]))(?:(?:the\s+)?week\s+(?P<rel>of|beginning|starting|commencing|after"
    r"|following|before)|w/c)\s+(?:the\s+)?$"
)
# How far after a date a change of plan may come and still replace it.
_REVISION_REACH = 150
# "the week after next, probably the Wednesday", "next week - Tuesday-ish".
_WEEK_THEN_DAY_GAP = re.compile(
    r"\s*[,:-]?\s*(?:(?:probably|likely|maybe|perhaps|ideally|say|most\s+likely|on|i'?d\s+guess)"
    r"\s*,?\s*)?(?:the\s+)?"
)
# "the Monday before Christmas", "the Friday after the 14th".
_WEEKDAY_AROUND_GAP = re.compile(r"\s+(?P<rel>before|after)\s+")
_PATIENCE = re.compile(r"(?:hang|hold|sit)\s+tight|bear\s+with|patient|wait|give\s+(?:us|me)")
_SCHEDULE_GAP = re.compile(r"-|\b(?:to|through|thru)\b")
# "in the office Tuesday to Thursday": where the days are worked.
_WORK_PATTERN = re.compile(
    r"\b(?:office|home|hybrid|remote(?:ly)?|in\s+person|on-?site|wfh|days?\s+a\s+week|\d-day\s+week)\b"
)
# "home Monday and Friday": days of a pattern, not a window.
_AND_GAP = re.compile(r"\s*(?:,\s*)?(?:and|&)\s*")
_RANGE_GAP = re.compile(
    r"\s*[,;]?\s*(?:(?:-+|to|or|and|through|thru|until|till|/|&|into)\s*"
    r"|(?:or\s+)?(?:maybe|possibly|perhaps|probably|worst\s+case|if\s+not)\s*,?\s*"
    r"|(?:or\s+)?(?:but\s+)?(?:at\s+the\s+(?:very\s+)?latest|no\s+later\s+than|latest)\s*,?\s*)?"
    r",?\s*"
)


def _pairwise(
    cands: list[Candidate], join: Callable[[Candidate, Candidate | None], tuple[Candidate, bool]]
) -> list[Candidate]:
    """Walk the candidates left to right. `join` is given a candidate and the next one (None
    at the end) and answers both merged into one (True: the next is used up), or the
    candidate alone, perhaps changed (False)."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        found, both = join(cands[i], cands[i + 1] if i + 1 < len(cands) else None)
        out.append(found)
        i += 2 if both else 1
    return out


def _absorb_eod(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "EOD Friday", "COB tomorrow", "Friday EOD": the day wins, the span covers both."""

    def join(c: Candidate, nxt: Candidate | None) -> tuple[Candidate, bool]:
        if nxt is None or c.eod == nxt.eod or not _EOD_GAP.fullmatch(text, c.end, nxt.start):
            return c, False
        eod, day = (c, nxt) if c.eod else (nxt, c)
        if day.kind not in ("day", "weekday", "date", "holiday"):
            return c, False
        return merge(eod, day), True

    return _pairwise(cands, join)


def _weekday_with_date(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "Friday, December 4" / "Fri 12/4" / "Dec 4 (Friday)": one date, the explicit one."""

    def join(c: Candidate, nxt: Candidate | None) -> tuple[Candidate, bool]:
        if nxt is None or not _WEEKDAY_DATE_GAP.fullmatch(text, c.end, nxt.start):
            return c, False
        if {c.kind, nxt.kind} != {"weekday", "date"} or (c.weekday is None and nxt.weekday is None):
            return c, False
        day = c if c.kind == "date" else nxt
        merged = merge(c, nxt, by=day.by, earliest=day.earliest, before=day.before)
        merged = merged.but(kind="date", weekday=None, needs_lead=False)
        if merged.end < len(text) and text[merged.end] == ")":
            merged = merged.but(end=merged.end + 1)
        return merged, True

    return _pairwise(cands, join)


def _holiday_on_day(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "before the holiday on Friday", "Christmas, Friday the 25th": the day says when the
    holiday is; the holiday's meaning stays ("before" it, "after" it)."""

    def join(c: Candidate, nxt: Candidate | None) -> tuple[Candidate, bool]:
        if (
            nxt is not None
            and c.kind == "holiday"
            and nxt.kind in ("weekday", "date")
            and _HOLIDAY_DAY_GAP.fullmatch(text, c.end, nxt.start)
        ):
            return merge(nxt, c), True
        return c, False

    return _pairwise(cands, join)


def _week_of(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "the week of December 7" -> that week's Friday (2); "the week after Thanksgiving"."""
    out = []
    for c in cands:
        if c.by is not None and c.kind in ("date", "holiday", "weekday"):
            m = _WEEK_OF.search(text, max(0, c.start - 40), c.start)
            if m:
                friday = d.friday_of_week(c.by)
                shift = {"after": 7, "following": 7, "before": -7}.get(m["rel"], 0)
                by = d.shift(friday, shift)
                c = c.but(
                    start=m.start(),
                    by=by,
                    earliest=None,
                    kind="period",
                    before=d.shift(by, -7),
                    after=None,
                    needs_lead=False,
                )
        out.append(c)
    return out


def _weekday_in_week(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "The week after next, probably the Wednesday": that weekday of that week."""

    def join(c: Candidate, nxt: Candidate | None) -> tuple[Candidate, bool]:
        if (
            c.kind != "period"
            or c.week_monday is None
            or nxt is None
            or nxt.weekday is None
            or not _WEEK_THEN_DAY_GAP.fullmatch(text, c.end, nxt.start)
        ):
            return c, False
        by = d.shift(c.week_monday, nxt.weekday)
        return merge(c, nxt, by=by, kind="weekday", weekday=None, before=d.shift(by, -1)), True

    return _pairwise(cands, join)


def _weekday_around(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "the Monday before Christmas", "the Friday after the 14th": the nearest such weekday
    strictly before or after that day."""

    def join(c: Candidate, nxt: Candidate | None) -> tuple[Candidate, bool]:
        if c.kind != "weekday" or c.weekday is None or nxt is None or nxt.by is None:
            return c, False
        gap = _WEEKDAY_AROUND_GAP.fullmatch(text, c.end, nxt.start)
        if gap is None or nxt.kind not in ("date", "holiday"):
            return c, False
        if gap["rel"] == "before":
            by = d.shift(nxt.by, -((nxt.by.weekday() - c.weekday - 1) % 7 + 1))
        else:
            by = d.shift(nxt.by, (c.weekday - nxt.by.weekday() - 1) % 7 + 1)
        merged = merge(c, nxt, by=by, earliest=None, kind="date", weekday=None, before=None)
        return merged.but(
            after=None, needs_lead=False, strict_lead=False, in_means_after=False
        ), True

    return _pairwise(cands, join)


def _apply_leads(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Read the words just before each date ("by", "before", "after", "no later than")."""
    out = []
    floor = 0
    for c in cands:
        start = c.start
        leads: list[str] = []
        for _ in range(4):
            m = w.LEAD.search(text, max(floor, start - 30), start)
            if m is None or m.start() < floor:
                break
            leads.append(w.squash(m["lead"]))
            start = m.start()
        floor = c.end
        c = c.but(start=start, core=c.start, leads=tuple(leads))
        lead_set = set(leads)
        if c.by is None and not (lead_set & AFTER_LEADS and c.after is not None):
            out.append(c)
            continue
        if lead_set & (EARLIEST_LEADS | PAST_LEADS) or (
            c.kind == "holiday" and lead_set & {"over", "at", "during"}
        ):
            # "over Christmas", "at Christmas", "over the Easter break": during it, no day
            # promised.
            c = c.void()
        elif (
            "for" in lead_set
            and c.kind == "duration"
            and not _PATIENCE.search(text, max(0, start - 40), start)
        ):
            # "keep your resume on file for 6 months" is how long, not how long to wait;
            # "hang tight for a week or two" is a wait.
            c = c.void()
        elif lead_set & AFTER_LEADS or ("in" in lead_set and c.in_means_after):
            # 9: "after <holiday>" is the first business day after it; "after a week" is the
            # week. "after Monday" leaves the day open, so it promises nothing.
            if c.kind == "duration":
                pass
            elif c.after is not None:
                c = c.but(by=c.after, earliest=None)
            else:
                c = c.void()
        elif lead_set & BEFORE_LEADS and c.kind != "duration" and not c.keeps_end_before:
            # 8: "before X" is the day before X.
            c = c.but(by=c.before if c.before is not None else d.shift(c.by, -1))
            c = c.but(earliest=None)
        out.append(c)
    return out


def _own_lead(text: str, c: Candidate) -> bool:
    """Whether `c` has lead words of its own ("by Monday"), not just a range's "or"/"to"."""
    return c.start < c.core and not _RANGE_GAP.fullmatch(text, c.start, c.core)


def _merge_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "Monday or Tuesday", "a week to ten days", "Friday, Tuesday at the latest": one window
    whose end is the answer (1) and whose start is `earliest`."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.by is not None
            and c.by is not None
            and not prev.eod
            and not c.eod
            and (not prev.needs_lead or lead_ok(prev))
            # "in January or February" lends its "in" to February; nothing else borrows.
            and (not c.needs_lead or c.kind == "period" or lead_ok(c))
            and _RANGE_GAP.fullmatch(text, prev.end, c.start)
            # "times for next week by Monday": a lead of its own starts another date.
            and not _own_lead(text, c)
        ):
            first, second = prev, c
            if (
                second.weekday is not None
                and first.by is not None
                and first.kind in ("weekday", "date", "day")
            ):
                # "Monday or Tuesday" said on a Monday: the Tuesday after that Monday.
                second = second.but(by=d.weekday_on_or_after(first.by, second.weekday))
            elif first.weekday is not None and second.week_monday is not None:
                # "Thursday or Friday next week": both in next week.
                first = first.but(by=d.shift(second.week_monday, first.weekday))
            if first.by is None or second.by is None:
                out.append(c)
                continue
            gap = text[prev.end : c.start]
            at_work = _WORK_PATTERN.search(text, max(0, prev.start - 60), c.end + 40)
            if second.weekday is not None and (
                ((first.weekday == 0 or at_work) and _SCHEDULE_GAP.search(gap))
                or (_AND_GAP.fullmatch(gap) and "between" not in first.leads)
            ):
                # "Monday to Friday", "Monday to Thursday": a working week, never a promise.
                out[-1] = merge(first, second, by=None)
                continue
            has_lead = lead_ok(first) or lead_ok(second)
            merged = merge(
                first,
                second,
                by=max(first.by, second.by),
                earliest=min(first.earliest or first.by, second.earliest or second.by),
                leads=first.leads + second.leads,
                needs_lead=(first.needs_lead and second.needs_lead) and not has_lead,
                weekday=None,
                core=first.core,
                recent_past=first.recent_past and second.recent_past,
            )
            out[-1] = merged
            continue
        out.append(c)
    return out


def _unrevised(text: str, kept: list[tuple[Candidate, str]]) -> list[tuple[Candidate, str]]:
    """The dates a changed plan did not replace: "we hoped for the 4th, now it looks like the
    11th" keeps the 11th, though the latest of several promises wins otherwise."""
    if len(kept) < 2:
        return kept
    last_start = kept[-1][0].start
    out = []
    for c, role in kept:
        change = w.REVISION.search(text, c.end, min(last_start, c.end + _REVISION_REACH))
        was_plan = w.PAST_PLAN.search(text, max(0, c.start - 40), c.start)
        if (change is None and was_plan is None) or c is kept[-1][0]:
            out.append((c, role))
    return out


def pick(text: str, ctx: Context, cands: list[Candidate]) -> Candidate | None:
    """The promised date among `cands` (found in `text`, normalised), or None."""
    cands = _absorb_eod(text, cands)
    cands = _weekday_with_date(text, cands)
    cands = _holiday_on_day(text, cands)
    cands = _week_of(text, cands)
    cands = anchor_durations(text, cands)
    cands = _weekday_around(text, cands)
    cands = _weekday_in_week(text, cands)
    cands = _apply_leads(text, cands)
    cands = _merge_ranges(text, cands)
    live = [c for c in cands if c.by is not None and c.by >= ctx.said and not c.recent_past]
    if not live:
        return None
    where = roles.near(live, len(text))
    breaks = roles.breaks(text, cands, where)
    cues = roles.cues(text, cands, where)
    starts = sorted(max(c.core, c.start) for c in cands)
    kept: list[tuple[Candidate, str]] = []
    for c in live:
        if roles.withdrawn(c, text, breaks[1], cues):
            continue
        role = roles.role(c, text, cues, breaks, starts)
        if role != "drop":
            kept.append((c, role))
    best: dict[str, tuple[date, Candidate]] = {}
    for c, role in _unrevised(text, kept):
        if c.by is not None and (role not in best or c.by >= best[role][0]):
            best[role] = (c.by, c)
    chosen = best.get("decision")
    if chosen is None and not w.LETTER.match(text):
        # In a letter, a date nothing speaks of is a slot, an event or a footer, not the
        # promise: a message that promises says so ("we'll be back to you by ...").
        chosen = best.get("neutral")
    found = chosen[1] if chosen else None
    if found is not None:
        latest = w.LATEST_AFTER.match(text, found.end)
        if latest:
            # The phrase read includes "at the latest": it is part of what was promised.
            found = found.but(end=latest.end())
    return found
