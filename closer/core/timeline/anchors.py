"""Dates counted from another day: "a week from Friday", "within a week of her return on
1/11", "the panel is on the 14th and we'll decide within two days of that", "the debrief is
Tuesday; three working days after it", "by the end of that week", "Once the offsite ends on
Dec 10, we'll let you know within 3 working days".

A candidate that counts from another day carries `count_from`; one that means nothing until
it has that day carries `needs_anchor` too. `anchor_durations` gives each the day it counts
from: the date right after it ("from Friday"), the day said before it that its words point
back to ("of that", "later", "after the panel"), or the event its sentence opens on. Where
the conventions (CONVENTIONS.md) are silent, this follows the "judgement" entries there.
"""

from __future__ import annotations

import re

from closer.core.timeline.candidate import Candidate, merge

# "a week from Friday", "within a week of her return on 1/11", "3 days after the panel on the
# 14th": the words between name the event, the date is its day.
_ANCHOR_GAP = re.compile(
    r"\s*(?:from|after|following|of)\s+(?:(?:the|her|his|their|our|my|your|its)\s+)?"
    r"(?:[\w'-]+(?:\s+|(?=,\s*(?:which|that)\b))){0,3}?(?:(?:on|of|is|was|,)\s*)?"
    r"(?:,?\s*(?:which|that)\s+(?:is|was|will\s+be|'s)\s+(?:on\s+)?)?"
    r"(?:\(\s*(?:that'?s|i\.e\.?|on)?\s*)?"
)
# "two days after that", "within a week of it", "three days later": counted from the day
# said before.
_BACK_REF = re.compile(
    r"\s*(?:(?:of|after|from|following)\s+(?:that|it|this|then|those|which)|later|after(?=\s*[.,;!?]|$)"
    r"|afterwards?|thereafter)(?![\w'])"
)
# "two days after the panel": counted from the panel, if its day was said before.
_AFTER_EVENT = re.compile(
    r"\s*(?:of|after|from|following)\s+(?:(?:the|her|his|their|our|my|your)\s+)?"
    r"(?P<event>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]{2,})(?![\w'])"
)
_NOT_EVENTS = frozenset(
    {"last", "final", "first", "second", "next", "big", "whole", "being", "having", "getting"}
    | {"year", "month", "week", "day", "date", "time", "process", "search", "role"}
)
# Other words for the same event: "I'm back on the 14th ... within 3 days of my return".
_SAME_EVENT = {
    "return": ("return", "back", "leave"),
    "back": ("back", "return", "leave"),
    "interview": ("interview", "round", "panel"),
    "meeting": ("meet",),
}
# A sentence that opens on an event: a wait in it counts from the event's day.
_EVENT_OPENING = re.compile(
    r"[\s\"'(]*(?:once|after|following|when|as\s+soon\s+as)\b(?:\s+(?:the|our|your|her|his|their)"
    r"\s+(?:[\w-]+\s+){0,2}?(?P<event>[a-z][\w-]{2,})\s*,)?"
)
_THEN_BY = re.compile(r"\s*,?\s*(?:so\s+|i\.e\.?\s+|say\s+)?(?:by|on|until)?\s*")
_THEN = re.compile(r"[\s,;-]*(?:and\s+)?then\b[^.;!?\n]*")
_SENTENCE_END = re.compile(r"[.!?;\n]\s")
# How far back a day may be for "that" to point at it.
_BACK_REACH = 240
# "a week on Monday", "a fortnight on Thursday" (British): counted from that weekday.
_ON_WEEKDAY_GAP = re.compile(r"\s+on\s+")
# "two weeks after the final round" counts from a day the words don't give; "a couple of
# weeks before we decide" is still the wait.
_DANGLING_ANCHOR = re.compile(
    r"\s*(?:from|after|following|before(?!\s+(?:we|i|you|they|he|she|there|anyone|hearing"
    r"|a\s+decision|an?\s+(?:answer|update|decision)|the\s+(?:decision|team\s+decides))\b))"
    r"(?![\w'])"
)


def anchor_durations(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "a week from Friday" -> the coming Friday + 7 (3); "two weeks after the 15th"; "the
    panel is on the 14th, and we'll decide within two days of that" -> the 16th."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        i += 1
        if c.count_from is None or (c.by is None and not c.needs_anchor):
            out.append(c)
            continue
        if (
            c.kind == "duration"
            and nxt is not None
            and nxt.by is not None
            and nxt.kind != "duration"
            and (
                _ANCHOR_GAP.fullmatch(text, c.end, nxt.start)
                or (nxt.kind == "weekday" and _ON_WEEKDAY_GAP.fullmatch(text, c.end, nxt.start))
            )
        ):
            by = c.count_from(nxt.by)
            out.append(merge(c, nxt, by=by, earliest=None, kind="date", after=by))
            i += 1
            continue
        if out and c.start < out[-1].end:
            continue  # "two days after that": read with the days before it
        if (
            c.needs_anchor
            and nxt is not None
            and nxt.by is not None
            and _THEN_BY.fullmatch(text, c.end, nxt.start)
        ):
            # "I'll sign off your offer before then, by Thursday": the day named says it.
            continue
        out.append(_counted_back(text, c, out))
    return out


def _counted_back(text: str, c: Candidate, earlier: list[Candidate]) -> Candidate:
    """`c` counted from a day said before it, or from the event its sentence opens on; as it
    is when it needs neither, void when it needs one and the words give none."""
    assert c.count_from is not None
    anchor = _earlier_day(text, c, earlier)
    if anchor is not None:
        by = c.count_from(anchor[0].by) if anchor[0].by else None
        if c.kind == "after":
            # "after" a holiday, or a wait, is a day; "after Monday" is none (9).
            by = anchor[0].after
        if c.kind != "duration" and c.by is not None and (by is None or by < c.by):
            return c  # "the following Tuesday" after a day in the past: as alone
        return c.but(end=anchor[1], by=by, earliest=None, after=by, kind="date", needs_anchor=False)
    event = _event_day(text, c, earlier) if c.kind == "duration" and c.by is not None else None
    if event is not None and event.by is not None:
        # "Once our offsite ends on Dec 10 we'll let you know within 3 working days".
        by = c.count_from(event.by)
        return c.but(by=by, earliest=None, after=by, kind="date")
    if c.needs_anchor or _DANGLING_ANCHOR.match(text, c.end):
        # "two weeks after the final round": counted from a day the words don't give.
        return c.void()
    return c


def _event_day(text: str, c: Candidate, earlier: list[Candidate]) -> Candidate | None:
    """The day a wait counts from when its sentence opens on an event ("Once the offsite
    ends on Dec 10, ...", "After the interview, ...") or chains it ("Final presentation
    Tuesday Feb 22, then give us 5 working days")."""
    reach = max(0, c.start - _BACK_REACH)
    breaks = list(_SENTENCE_END.finditer(text, reach, c.start))
    sentence = breaks[-1].end() if breaks else reach if reach else 0
    days = [p for p in earlier if p.by is not None and p.end > reach]
    opening = _EVENT_OPENING.match(text, sentence, c.start)
    if opening is not None:
        inside = [p for p in days if p.start >= sentence]
        if inside:
            return inside[-1]
        return _day_of_event(text, opening["event"] or "", days)
    if days and days[-1].start >= sentence and _THEN.fullmatch(text, days[-1].end, c.start):
        return days[-1]
    return None


def _earlier_day(text: str, c: Candidate, earlier: list[Candidate]) -> tuple[Candidate, int] | None:
    """The day said before `c` that its words point back to ("of that", "later", "after the
    panel", "that week"), and where those words end; None when they point nowhere."""
    days = [p for p in earlier if p.by is not None and p.end > c.start - _BACK_REACH]
    if not days:
        return None
    if c.kind != "duration":  # "the end of that week": the words are the candidate
        return days[-1], c.end
    back = _BACK_REF.match(text, c.end)
    if back:
        return days[-1], back.end()
    event = _AFTER_EVENT.match(text, c.end)
    if event:
        found = _day_of_event(text, event["event"], days)
        if found is not None:
            return found, event.end()
    return None


def _day_of_event(text: str, words: str, days: list[Candidate]) -> Candidate | None:
    """The latest of `days` said next to the event `words` name: "the panel is on the 14th
    ... within two days of the panel"."""
    nouns = [word.rstrip("s") for word in words.split() if word not in _NOT_EVENTS]
    # A stem, so that "the closing date" finds "applications close on March 15".
    names = [
        name[: max(4, len(name) - 3)] for noun in nouns for name in _SAME_EVENT.get(noun, (noun,))
    ]
    for p in reversed(days):
        near = text[max(0, p.start - 60) : p.end + 20]
        if any(name in near for name in names):
            return p
    return None
