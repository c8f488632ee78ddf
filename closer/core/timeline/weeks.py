"""Rules for weekdays (convention 3 in CONVENTIONS.md) and weeks (2) said relative to today:
"Friday", "next Tuesday", "Friday week", "end of next week", "the week after next", "not this
week but the one after". Bare numbers in comments are conventions too.
"""

from __future__ import annotations

import re
from datetime import date

from closer.core.timeline import days as d
from closer.core.timeline import words as w
from closer.core.timeline.candidate import Candidate, Rule, day_before, span
from closer.core.timeline.days import Context

# --- Weekdays (3) ------------------------------------------------------------------------------

_WEEKDAY_RE = re.compile(
    r"(?<![\w'])(?:(?P<pre>this\s+coming|the\s+coming|coming|this|next|the\s+following|following"
    rf"|the\s+next)\s+)?(?P<wd>{w.WEEKDAY})(?![\w'])\.?"
    r"(?P<post>\s+(?:of\s+)?(?:this|next)\s+week|\s+(?:of\s+)?the\s+following\s+week"
    r"|\s+(?:of\s+)?the\s+week\s+after(?:\s+next)?|\s+after\s+next|\s+week(?![\w'-])"
    r"|\s+fortnight(?![\w'-]))?"
)
_NEXT_WEEK_WEEKDAY_RE = re.compile(
    rf"(?<![\w'])(?P<week>next|this)\s+week,?\s+(?:on\s+)?(?P<wd>{w.WEEKDAY})(?![\w'])\.?"
)


# "our Friday drinks", "a Sunday painter": a weekday after a possessive or "a" describes a
# thing, it is not a day.
_WEEKDAY_AS_ADJECTIVE = re.compile(
    r"(?<![\w'])(?:a|an|our|my|your|their|his|her|its|dr\.?|mr\.?|mrs\.?|ms\.?|prof\.?|black|cyber"
    r"|good|casual|freaky|ash|palm|holy|super|girl|man)\s+$"
)
# "Quick Friday update", "Monday stand-up notes", "the Sunday email": the weekday names a
# thing.
_WEEKDAY_NOUN = re.compile(
    r"(?:'s)?\s+(?:update|feedback|thoughts?|e-?mails?|messages?|note|notes|stand-?ups?|huddles?"
    r"|drinks|recap|summary|newsletter|digest|blues|vibes|check-?ins?|catch-?ups?|round-?up"
    r"|edition|special|motivation|crew|shift|standup|syncs?|all-hands|scaries|feeling|treat"
    r"|painter|itis|ritual|routine|reading|roundtable|musings|memo|bulletin|roast|brunch|breakfast"
    r"|football|game|match|market|papers?|service|school|club|crossword|quiz|deals?|sale)\b"
    r"|-(?!ish\b)[a-z]"
    r"|\.?(?:com|io|org|net)\b"
)


def _any_weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not m["post"] and w.squash(m["pre"] or "") in ("the following", "following"):
        return _following_weekday(m, ctx)
    return _weekday(m, ctx)


def _weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    said = ctx.said
    if (
        not m["pre"]
        and not m["post"]
        and (
            _WEEKDAY_AS_ADJECTIVE.search(m.string, max(0, m.start() - 8), m.start())
            or _WEEKDAY_NOUN.match(m.string, m.end())
        )
    ):
        return span(m, None, kind="weekday")
    wd = w.weekday_index(m["wd"])
    pre = w.squash(m["pre"] or "")
    post = w.squash(m["post"] or "").removeprefix("of ")
    monday = d.monday_of(said)
    if monday is None:
        return None
    week: date | None = None
    if post in ("the week after next", "after next"):
        # "Friday after next": the Friday after next Friday.
        week = d.shift(monday, 14)
    elif pre in ("next", "the following", "following") or post in (
        "next week",
        "the following week",
        "the week after",
    ):
        # 3: "next Friday" / "Friday next week" is that day of the NEXT Mon-Sun week.
        week = d.shift(monday, 7)
    elif post == "this week":
        week = monday
    if week is not None:
        by = d.shift(week, wd)
        return span(m, by, kind="weekday", week_monday=week, before=day_before(by))
    # 3: a bare weekday, "on/by/this Friday": the nearest one strictly after the day said.
    nearest = d.next_weekday_after(said, wd)
    if post in ("week", "fortnight"):
        # "Friday week", "Thursday fortnight": a week or two after the coming one.
        return span(m, d.shift(nearest, 7 if post == "week" else 14), kind="weekday")
    bare = pre in ("", "the next")
    return span(
        m, nearest, kind="weekday", weekday=wd if bare else None, before=day_before(nearest)
    )


def _following_weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    """ "decision by the following Tuesday": after the day said before it, when there is one
    (`choose` anchors it); next week's otherwise, like "next Tuesday" (3)."""
    found = _weekday(m, ctx)
    if found is None or found.by is None:
        return found
    wd = w.weekday_index(m["wd"])
    return found.but(count_from=lambda anchor: d.next_weekday_after(anchor, wd))


def _next_week_weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    monday = d.monday_of(ctx.said)
    week = d.shift(monday, 7 if m["week"] == "next" else 0)
    by = d.shift(week, w.weekday_index(m["wd"]))
    return span(m, by, kind="weekday", week_monday=week, before=day_before(by))


# --- Weeks (2) ---------------------------------------------------------------------------------

_WEEK_TARGET = (
    r"(?P<w>this\s+coming\s+w(?:ee)?k|this\s+w(?:ee)?k|next\s+w(?:ee)?k|the\s+following\s+week"
    r"|(?:the\s+)?week\s+after\s+next|(?:the\s+)?week\s+after\s+this|the\s+current\s+week"
    r"|following\s+week|that\s+(?:same\s+)?week|the\s+same\s+week|the\s+week|w(?:ee)?k)"
)
_WEEK_RE = re.compile(
    r"(?<![\w'])(?:(?P<midweek>mid[\s-]?week)(?:\s+(?P<mwnext>next\s+week|the\s+following\s+week))?"
    r"|(?P<eow>eow|e\.o\.w\.?|(?<!several\s)(?<!few\s)(?<!\d\s)week'?s\s+end(?!\s+to\s+end)"
    r"|within\s+the\s+week)"
    rf"|{w.MOD}{_WEEK_TARGET}|{_WEEK_TARGET.replace('?P<w>', '?P<w2>')})"
    r"(?![\w'])"
)
_WEEK_OR_NEXT_RE = re.compile(
    r"(?<![\w'])(?:(?:the\s+)?end\s+of\s+)?(?:this|the)\s+week\s+or\s+"
    r"(?:(?P<mod>early|beginning\s+of|start\s+of|mid|middle\s+of|end\s+of|the\s+end\s+of)\s+)?"
    r"next(?:\s+week)?(?![\w'])"
    r"|(?<![\w'])(?P<nw>next\s+week)\s+or\s+the\s+(?:week\s+)?(?:after|following)(?:\s+week)?"
    r"(?!\s+next)(?![\w'])"
)
_WEEKDAY_OFFSET = {"early": 1, "mid": 2, "late": 4, None: 4}


def _this_week_monday(said: date) -> date | None:
    # Said on a weekend, "this week" is the coming week: its Friday is the first one ahead,
    # and last Friday would be a date in the past.
    monday = d.monday_of(said)
    return d.shift(monday, 7) if said.weekday() >= 5 else monday


def _week(m: re.Match[str], ctx: Context) -> Candidate | None:
    said = ctx.said
    mod = w.mod_kind(m["mod"])
    target = w.squash(m["w"] or m["w2"] or "").replace("wk", "week")
    if target in ("week after next", "week after this", "following week"):
        # "the end of the week after next": the part took the "the".
        target = "the " + target
    roll = False  # "end of the week" said late in a week rolls on; "this week" explicitly doesn't
    if m["eow"]:
        target, mod, roll = "week", "late", True
    elif m["midweek"]:
        mod = "mid"
        target = "next week" if m["mwnext"] else "week"
        roll = not m["mwnext"]
    monday = d.monday_of(said)
    if monday is None:
        return None
    if target in ("that week", "that same week", "the same week"):
        # "by the end of that week": the week of a day said before it.
        offset = _WEEKDAY_OFFSET[mod]
        return span(
            m,
            None,
            kind="period",
            count_from=lambda anchor: d.shift(d.monday_of(anchor), offset),
            needs_anchor=True,
        )
    if target in ("next week", "the following week", "the week after this"):
        base = d.shift(monday, 7)
    elif target == "the week after next":
        base = d.shift(monday, 14)
    elif target in ("this week", "this coming week", "the current week"):
        base = _this_week_monday(said)
    else:  # "the week" / "week" only with a part: "end of the week", "midweek"
        if mod is None and not m["eow"]:
            return None
        base = _this_week_monday(said)
        roll = True
    by = d.shift(base, _WEEKDAY_OFFSET[mod])
    if by is not None and by < said:
        by = d.shift(by, 7) if roll else None
    if by is None:
        return span(m, None, kind="period")
    before = by if mod == "late" else (d.shift(base, -3) if mod is None else by - d.ONE_DAY)
    week = base if mod is None else None
    found = span(
        m, by, kind="period", before=before, keeps_end_before=mod == "late", week_monday=week
    )
    if target == "the following week":
        # "The last interviews are on 29 June; we'll confirm by the end of the following
        # week": the week after that day's, when one was said before (`anchors`).
        offset = _WEEKDAY_OFFSET[mod]
        return found.but(count_from=lambda anchor: d.shift(d.monday_of(anchor), 7 + offset))
    return found


def _week_or_next(m: re.Match[str], ctx: Context) -> Candidate | None:
    monday = d.monday_of(ctx.said)
    if m["nw"]:
        first = d.shift(monday, 11)
        return span(m, d.shift(first, 7), earliest=first, kind="period")
    this_friday = d.shift(_this_week_monday(ctx.said), 4)
    next_offset = _WEEKDAY_OFFSET[w.mod_kind(m["mod"])]
    by = d.shift(monday, 7 + next_offset)
    earliest = this_friday if this_friday and this_friday >= ctx.said else None
    return span(m, by, earliest=earliest, kind="period")


# "not this coming week but the one after", "next week, or rather the week after": the week
# after the one named.
_ONE_AFTER_RE = re.compile(
    r"(?<![\w'])(?:(?P<not>not\s+)?(?P<w>this\s+coming\s+week|this\s+week|next\s+week"
    r"|the\s+coming\s+week)\s*(?:,\s*|;\s*|-+\s*)?(?:(?:but|or\s+rather|rather|or\s+more\s+likely"
    r"|more\s+likely)\s+)?(?:probably\s+|likely\s+)?the\s+(?:one|week)\s+after(?:\s+that)?)(?![\w'])"
)


def _one_after(m: re.Match[str], ctx: Context) -> Candidate | None:
    said = ctx.said
    joined = m.group()[m.end("w") - m.start() :].strip(" ,;-")
    if not m["not"] and not joined.startswith(
        ("but", "or", "rather", "more", "probably", "likely")
    ):
        return None  # "next week, the week after": a range, read elsewhere
    named = d.shift(d.monday_of(said), 7) if m["w"] == "next week" else _this_week_monday(said)
    by = d.shift(named, 11)
    return span(m, by, kind="period", before=d.shift(by, -4))


# "the next week" is the next seven days, unlike "next week" (the next Mon-Sun week).
_THE_NEXT_RE = re.compile(
    r"(?<![\w'])the\s+(?:next|coming)\s+(?P<u>week|month)(?P<tail>\s+or\s+(?:two|so))?(?![\w'])"
)


def _the_next(m: re.Match[str], ctx: Context) -> Candidate | None:
    two = (m["tail"] or "").strip().endswith("two")
    if m["u"] == "week":
        by = d.shift(ctx.said, 14 if two else 7)
        earliest = d.shift(ctx.said, 7) if two else None
    else:
        by = d.add_months(ctx.said, 2 if two else 1)
        earliest = d.add_months(ctx.said, 1) if two else None
    return span(m, by, earliest=earliest, kind="duration", after=by)


# --- The rules of this module ------------------------------------------------------------------

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "saturday", "sunday")

# Higher priority wins between two candidates of the same span; `needs` gates a rule on cheap
# substring tests.
RULES = (
    Rule("week_or_next", _WEEK_OR_NEXT_RE, _week_or_next, 4, ("week or",)),
    Rule("one_after", _ONE_AFTER_RE, _one_after, 4, ("one after", "week after")),
    Rule("the_next", _THE_NEXT_RE, _the_next, 3, ("the next", "the coming")),
    Rule("week", _WEEK_RE, _week, 2, ("week", "wk", "eow", "e.o.w")),
    Rule("next_week_weekday", _NEXT_WEEK_WEEKDAY_RE, _next_week_weekday, 2, ("week",)),
    Rule("weekday", _WEEKDAY_RE, _any_weekday, 1, _WEEKDAYS),
)
