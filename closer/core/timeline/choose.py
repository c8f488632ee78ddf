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
   January."). With no cue anywhere, the date is neutral.
2. A distractor still counts when the decision points back at it ("interviews end Friday and
   we'll decide then"; "we'll decide at the committee meeting on the 10th").
3. Distractors, past dates, negated dates ("we won't decide this week"), earliest-only dates
   ("Friday at the earliest") and neutral states ("the contractor is here through March")
   never count.
4. If any date is tied to the decision or contact, the answer is the LATEST of those: a
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
from closer.core.timeline import words as w
from closer.core.timeline.candidate import Candidate
from closer.core.timeline.days import Context

_EOD_GAP = re.compile(r"[\s,]*(?:on|of)?[\s,]*")
_WEEKDAY_DATE_GAP = re.compile(r"[\s,(]*")
_WEEK_OF = re.compile(
    r"(?:^|(?<=[\s,(]))(?:(?:the\s+)?week\s+(?P<rel>of|beginning|starting|commencing|after"
    r"|following|before)|w/c)\s+(?:the\s+)?$"
)
_ANCHOR_GAP = re.compile(r"\s*(?:from|after)\s+")
# "two weeks after the final round" counts from a day the words don't give; "a couple of
# weeks before we decide" is still the wait.
_DANGLING_ANCHOR = re.compile(
    r"\s*(?:from|after|following|before(?!\s+(?:we|i|you|they|he|she|there|anyone|hearing"
    r"|a\s+decision|an?\s+(?:answer|update|decision)|the\s+(?:decision|team\s+decides))\b))"
    r"(?![\w'])"
)
_DECIDED_AT_MEETING = re.compile(
    r"\s+(?:at|in|during)\s+(?:the|our|a|their|this|next\s+week'?s)\s+(?:[\w-]+\s+){0,3}"
    r"(?:meeting|debrief|sync)\s+(?:on\s+|this\s+|next\s+)?"
)
_PATIENCE = re.compile(r"(?:hang|hold|sit)\s+tight|bear\s+with|patient|wait|give\s+(?:us|me)")
_RANGE_GAP = re.compile(
    r"\s*[,;]?\s*(?:(?:-+|to|or|and|through|thru|until|till|/|&|into)\s*"
    r"|(?:or\s+)?(?:maybe|possibly|perhaps|probably|worst\s+case|if\s+not)\s*,?\s*"
    r"|(?:or\s+)?(?:but\s+)?(?:at\s+the\s+(?:very\s+)?latest|no\s+later\s+than|latest)\s*,?\s*)?"
    r",?\s*"
)

_EARLIEST_LEADS = frozenset(
    {"no sooner than", "no earlier than", "not before", "as early as", "as of"}
)
_PAST_LEADS = frozenset({"since", "every", "last", "past", "previous", "this past"})
_BEFORE_LEADS = frozenset({"before", "prior to", "ahead of", "sometime before"})
_AFTER_LEADS = frozenset({"after", "following", "sometime after"})
_STRICT_LEADS = frozenset(
    {
        "by",
        "until",
        "till",
        "til",
        "no later than",
        "not later than",
        "on or before",
        "latest by",
        "sometime before",
        "sometime after",
        "sometime by",
    }
    | _BEFORE_LEADS
    | _AFTER_LEADS
)
_LOOSE_LEADS = _STRICT_LEADS | {
    "in",
    "within",
    "during",
    "around",
    "about",
    "approximately",
    "approx",
    "approx.",
    "roughly",
    "sometime",
    "some time",
    "sometime in",
    "sometime on",
    "sometime around",
    "sometime during",
    "some time in",
    "some time on",
    "through",
    "thru",
    "for",
    "over",
    "on",
    "at",
    "between",
    "from",
    "next",
    "the next",
    "in the next",
    "within the next",
    "over the next",
    "another",
    "under",
    "less than",
    "in under",
    "in less than",
    "inside",
    "inside of",
    "up to",
    "give us",
    "give me",
    "give it",
    "allow",
    "allow us",
    "allow me",
}
_STATE_LEADS = frozenset({"until", "till", "til", "through", "thru"})
_NOT_BEFORE_LEAD = re.compile(r"(?:\bnot|n't)\s*$")
# Leads that are a promise of their own ("no later than Friday").
_FIRM_LEADS = frozenset({"no later than", "not later than", "on or before", "latest by"})


def _merge(a: Candidate, b: Candidate, **changes: object) -> Candidate:
    """One candidate spanning a and b, b's meaning unless `changes` say otherwise."""
    return b.but(start=min(a.start, b.start), end=max(a.end, b.end), **changes)


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
        return _merge(eod, day), True

    return _pairwise(cands, join)


def _weekday_with_date(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "Friday, December 4" / "Fri 12/4" / "Dec 4 (Friday)": one date, the explicit one."""

    def join(c: Candidate, nxt: Candidate | None) -> tuple[Candidate, bool]:
        if nxt is None or not _WEEKDAY_DATE_GAP.fullmatch(text, c.end, nxt.start):
            return c, False
        if {c.kind, nxt.kind} != {"weekday", "date"} or (c.weekday is None and nxt.weekday is None):
            return c, False
        day = c if c.kind == "date" else nxt
        merged = _merge(c, nxt, by=day.by, earliest=day.earliest, before=day.before)
        merged = merged.but(kind="date", weekday=None, needs_lead=False)
        if merged.end < len(text) and text[merged.end] == ")":
            merged = merged.but(end=merged.end + 1)
        return merged, True

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


def _anchor_durations(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "a week from Friday" -> the coming Friday + 7 (3); "two weeks after the 15th"."""

    def join(c: Candidate, nxt: Candidate | None) -> tuple[Candidate, bool]:
        if c.kind != "duration" or c.by is None or c.count_from is None:
            return c, False
        if (
            nxt is not None
            and nxt.by is not None
            and nxt.kind != "duration"
            and _ANCHOR_GAP.fullmatch(text, c.end, nxt.start)
        ):
            by = c.count_from(nxt.by)
            return _merge(c, nxt, by=by, earliest=None, kind="duration", after=by), True
        if _DANGLING_ANCHOR.match(text, c.end):
            # "two weeks after the final round": counted from a day the words don't give.
            return c.void(), False
        return c, False

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
        if c.by is None and not (lead_set & _AFTER_LEADS and c.after is not None):
            out.append(c)
            continue
        if lead_set & (_EARLIEST_LEADS | _PAST_LEADS):
            c = c.void()
        elif (
            "for" in lead_set
            and c.kind == "duration"
            and not _PATIENCE.search(text, max(0, start - 40), start)
        ):
            # "keep your resume on file for 6 months" is how long, not how long to wait;
            # "hang tight for a week or two" is a wait.
            c = c.void()
        elif lead_set & _AFTER_LEADS or ("in" in lead_set and c.in_means_after):
            # 9: "after <holiday>" is the first business day after it; "after a week" is the
            # week. "after Monday" leaves the day open, so it promises nothing.
            if c.kind == "duration":
                pass
            elif c.after is not None:
                c = c.but(by=c.after, earliest=None)
            else:
                c = c.void()
        elif lead_set & _BEFORE_LEADS and c.kind != "duration" and not c.keeps_end_before:
            # 8: "before X" is the day before X.
            c = c.but(by=c.before if c.before is not None else d.shift(c.by, -1))
            c = c.but(earliest=None)
        out.append(c)
    return out


def _lead_ok(c: Candidate) -> bool:
    # "the holidays" / "the holiday" mean a date only after "before", "by", "after"...:
    # "over the holidays" or "on holiday" commit to nothing.
    leads = set(c.leads)
    strict = c.kind == "holiday" and c.strict_lead
    return bool(leads & (_STRICT_LEADS if strict else _LOOSE_LEADS))


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
            and (not prev.needs_lead or _lead_ok(prev))
            # "in January or February" lends its "in" to February; nothing else borrows.
            and (not c.needs_lead or c.kind == "period" or _lead_ok(c))
            and _RANGE_GAP.fullmatch(text, prev.end, c.start)
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
            if (first.weekday, second.weekday) == (0, 4):
                # "Monday to Friday" is a working week's schedule, never a promise.
                out[-1] = _merge(first, second, by=None)
                continue
            lead_ok = _lead_ok(first) or _lead_ok(second)
            merged = _merge(
                first,
                second,
                by=max(first.by, second.by),
                earliest=min(first.earliest or first.by, second.earliest or second.by),
                leads=first.leads + second.leads,
                needs_lead=(first.needs_lead and second.needs_lead) and not lead_ok,
                weekday=None,
                core=first.core,
                recent_past=first.recent_past and second.recent_past,
            )
            out[-1] = merged
            continue
        out.append(c)
    return out


def _breaks(text: str, cands: list[Candidate], regex: re.Pattern[str]) -> list[tuple[int, int]]:
    breaks = []
    for m in regex.finditer(text):
        if m.group() == ".":
            # "Dec. 4", "a.m.": an abbreviation's full stop does not end the sentence.
            word = re.search(r"([\w.]+)$", text[max(0, m.start() - 8) : m.start()])
            if word and word.group(1) in w.ABBREVIATIONS:
                continue
        if any(c.start < m.end() and m.start() < c.end for c in cands):
            continue
        breaks.append(m.span())
    return breaks


def _cues(text: str, cands: list[Candidate]) -> list[tuple[int, int, bool]]:
    """(start, end, is_decision) for every cue outside the dates; of two overlapping cues the
    longer one wins ("hear from you" is the candidate's task, "hear from us" the decision)."""
    found = [(m.start(), m.end(), True) for m in w.DECISION_CUE.finditer(text)]
    found += [(m.start(), m.end(), False) for m in w.DISTRACTOR_CUE.finditer(text)]
    # Lead words are not part of the date here: in "she's out until Monday" the cue "out
    # until" must still count.
    dates = [(max(c.core, c.start), c.end) for c in cands]
    found = [cue for cue in found if not any(s < cue[1] and cue[0] < e for s, e in dates)]
    found.sort()
    kept: list[tuple[int, int, bool]] = []
    for cue in found:
        # Sorted by start, so only the last kept cue can overlap this one.
        if kept and kept[-1][1] > cue[0]:
            if cue[1] - cue[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = cue
            continue
        kept.append(cue)
    return kept


def _around(c: Candidate, breaks: list[tuple[int, int]], length: int) -> tuple[int, int]:
    start = max((end for start, end in breaks if end <= c.start), default=0)
    end = min((start for start, end in breaks if start >= c.end), default=length)
    return start, end


def _decided_then(
    c: Candidate,
    text: str,
    cues: list[tuple[int, int, bool]],
    sentences: list[tuple[int, int]],
) -> bool:
    """ "Budget frees up at the end of Q1, and we'll make the offer then": a decision later in
    its sentence that points back with "then" makes this date the decision's."""
    _, sentence_end = _around(c, sentences, len(text))
    for start, end, is_decision in cues:
        if start >= c.end and end <= sentence_end and is_decision:
            # The decision's own words, up to 40 characters on: "make the offer then".
            return bool(w.THEN.search(text, end, min(sentence_end, end + 40)))
    return False


def _role(
    c: Candidate,
    text: str,
    cues: list[tuple[int, int, bool]],
    breaks: tuple[list[tuple[int, int]], list[tuple[int, int]]],
) -> str:
    """'decision', 'neutral' or 'drop' for one candidate."""
    core = c.core if c.core >= 0 else c.start
    clause_start, clause_end = _around(c, breaks[0], len(text))
    before = [cue for cue in cues if cue[0] >= clause_start and cue[1] <= core]
    after = [cue for cue in cues if cue[0] >= c.end and cue[1] <= clause_end]
    pre_text = text[clause_start : c.start]
    post_text = text[c.end : clause_end]
    # "not until Friday" promises Friday as firmly as "no later than".
    not_until = set(c.leads) & _STATE_LEADS and _NOT_BEFORE_LEAD.search(text, 0, c.start)
    firm = bool(set(c.leads) & _FIRM_LEADS or w.LATEST_AFTER.match(post_text) or not_until)
    own = w.OWN_SUBJECT.search(text, clause_start, clause_end)
    if not before and not after and not own and not firm:
        before = _cues_earlier(c, text, cues, breaks[1], core, after=bool(after))
    if w.EARLIEST_ONLY.match(post_text):
        return "drop"
    alone = w.FILLER_ONLY.match(pre_text) and w.FILLER_ONLY.match(post_text)
    if c.needs_lead and not _lead_ok(c) and (c.strict_lead or not alone):
        return "drop"
    governing = before[-1] if before else (after[0] if after else None)
    decided = [cue for cue in before if cue[2]]
    if (
        governing is not None
        and not governing[2]
        and decided
        and _DECIDED_AT_MEETING.fullmatch(text, decided[-1][1], core)
    ):
        # "We'll decide at the committee meeting on the 10th": the meeting is where the
        # decision is made, so its date is the decision's.
        governing = decided[-1]
    if governing is not None and not governing[2]:
        if not _decided_then(c, text, cues, breaks[1]):
            return "drop"
        governing, firm = None, True
    role = "decision" if governing is not None or firm else "neutral"
    if role == "neutral" and set(c.leads) & _STATE_LEADS and not alone:
        # "The contractor is here through March": how long a state lasts, not a promise.
        # "We won't know until Monday" has its cue; "Not until Monday." stands alone.
        return "drop"
    if not {"until", "till", "til"} & set(c.leads) and _negated(c, text, before, clause_start):
        return "drop"
    return role


def _cues_earlier(
    c: Candidate,
    text: str,
    cues: list[tuple[int, int, bool]],
    sentences: list[tuple[int, int]],
    core: int,
    *,
    after: bool,
) -> list[tuple[int, int, bool]]:
    """The cues before a date whose own clause has none: earlier in its sentence (a trailing
    "because ..." explains the date, it does not say what the date is), else in the question
    it answers."""
    sentence_start, _ = _around(c, sentences, len(text))
    before = [cue for cue in cues if cue[0] >= sentence_start and cue[1] <= core]
    question = text[:sentence_start].rstrip()
    if not before and not after and question.endswith("?"):
        # An answer to a question takes the question's cue: "When could you start?
        # Ideally early January." is a start date, "When will I hear? Next week." is not.
        asked = max((end for start, end in sentences if end < len(question)), default=0)
        before = [cue for cue in cues if cue[0] >= asked and cue[1] <= len(question)]
    return before


def _negated(
    c: Candidate, text: str, before: list[tuple[int, int, bool]], clause_start: int
) -> bool:
    """ "We won't decide this week" commits to nothing; "not until Monday" does. The negation
    must be near: "Don't worry, you'll hear from us by Friday" promises."""
    reach = before[-1][0] - 20 if before else c.start - 40
    window_start = max(clause_start, reach)
    window = w.NEGATION_EXCEPTIONS.sub(" ", text[window_start : c.start])
    pre_text = text[clause_start : c.start]
    return bool(w.NEGATION.search(window)) and not w.CONDITIONAL.search(pre_text)


def pick(text: str, ctx: Context, cands: list[Candidate]) -> Candidate | None:
    """The promised date among `cands` (found in `text`, normalised), or None."""
    cands = _absorb_eod(text, cands)
    cands = _weekday_with_date(text, cands)
    cands = _week_of(text, cands)
    cands = _anchor_durations(text, cands)
    cands = _apply_leads(text, cands)
    cands = _merge_ranges(text, cands)
    if not any(c.by is not None and c.by >= ctx.said for c in cands):
        return None
    breaks = (_breaks(text, cands, w.CLAUSE_BREAK), _breaks(text, cands, w.SENTENCE_BREAK))
    cues = _cues(text, cands)
    best: dict[str, tuple[date, Candidate]] = {}
    for c in cands:
        if c.by is None or c.by < ctx.said or c.recent_past:
            continue
        role = _role(c, text, cues, breaks)
        if role != "drop" and (role not in best or c.by >= best[role][0]):
            best[role] = (c.by, c)
    chosen = best.get("decision") or best.get("neutral")
    found = chosen[1] if chosen else None
    if found is not None:
        latest = w.LATEST_AFTER.match(text, found.end)
        if latest:
            # The phrase read includes "at the latest": it is part of what was promised.
            found = found.but(end=latest.end())
    return found
