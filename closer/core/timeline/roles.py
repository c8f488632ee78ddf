"""What each date is about: the cues that govern it by proximity and clause (convention 11
in CONVENTIONS.md), the words that negate it or take it back (12). `choose.pick` asks `role`
for each date and keeps the promised ones.

The text may be a long paste with thousands of dates and cues, so the spans are searched by
bisection, never by scanning all of them for each date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate

from closer.core.timeline import words as w
from closer.core.timeline.candidate import Candidate, stretches
from closer.core.timeline.leads import (
    FIRM_LEADS,
    NOT_BEFORE_LEAD,
    STATE_LEADS,
    STRICT_LEADS,
    lead_ok,
)

_DECIDED_AT_MEETING = re.compile(
    r"\s+(?:at|in|during)\s+(?:the|our|a|their|this|next\s+week'?s)\s+(?:[\w-]+\s+){0,3}"
    r"(?:meeting|debrief|sync)\s+(?:on\s+|this\s+|next\s+)?"
)


_LAST_WORD = re.compile(r"([\w.]+)$")
# How far from a date its cues are looked for: its sentence, and the question before it.
_CUE_REACH = 200


class Spans:
    """Spans of the text that do not overlap, in order (breaks, or cues with what they say),
    searched by bisection: a long paste holds thousands of them."""

    __slots__ = ("ends", "items", "starts")

    def __init__(self, items: list[tuple[int, int, bool]]) -> None:
        self.items = items
        self.starts = [item[0] for item in items]
        self.ends = [item[1] for item in items]

    def inside(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        """The spans wholly within `start`..`end`."""
        low = bisect_left(self.starts, start)
        return self.items[low : max(low, bisect_right(self.ends, end))]

    def around(self, c: Candidate, length: int) -> tuple[int, int]:
        """Where the stretch between two spans that holds `c` starts and ends."""
        before = bisect_right(self.ends, c.start)
        after = bisect_left(self.starts, c.end)
        start = self.ends[before - 1] if before else 0
        return start, self.starts[after] if after < len(self.starts) else length

    def ending_by(self, position: int) -> tuple[int, int, bool] | None:
        """The last span ending at or before `position`."""
        i = bisect_right(self.ends, position)
        return self.items[i - 1] if i else None

    def next_after(self, position: int) -> tuple[int, int, bool] | None:
        """The first span starting at or after `position`."""
        i = bisect_left(self.starts, position)
        return self.items[i] if i < len(self.items) else None


def _covered(cands: list[Candidate], *, leads: bool) -> Callable[[int, int], bool]:
    """Whether `start`..`end` overlaps one of `cands` (with their lead words, or without)."""
    spans = sorted((c.start if leads else max(c.core, c.start), c.end) for c in cands)
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))

    def overlaps(start: int, end: int) -> bool:
        i = bisect_left(starts, end)
        return i > 0 and reach[i - 1] > start

    return overlaps


def breaks(text: str, cands: list[Candidate], where: list[tuple[int, int]]) -> tuple[Spans, Spans]:
    """Where clauses and where sentences end, outside the dates, within `where`."""
    overlaps = _covered(cands, leads=True)
    found = []
    for m in (m for start, end in where for m in w.CLAUSE_BREAK.finditer(text, start, end)):
        if m.group() == ".":
            # "Dec. 4", "a.m.": an abbreviation's full stop does not end the sentence.
            word = _LAST_WORD.search(text, max(0, m.start() - 8), m.start())
            if word and word.group(1) in w.ABBREVIATIONS:
                continue
        if not overlaps(m.start(), m.end()):
            found.append((m.start(), m.end(), False))
    # A sentence ends at the clause breaks that are punctuation or a new line.
    sentences = [b for b in found if w.SENTENCE_BREAK.search(text, b[0], b[1])]
    return Spans(found), Spans(sentences)


def near(cands: list[Candidate], length: int) -> list[tuple[int, int]]:
    """The stretches around the dates where their cues and clauses can be: the rest of a long
    text is about nothing the reader weighs."""
    return stretches(sorted((c.start, c.end) for c in cands), _CUE_REACH, length)


def cues(text: str, cands: list[Candidate], where: list[tuple[int, int]]) -> Spans:
    """(start, end, is_decision) for every cue outside the dates; of two overlapping cues the
    longer one wins ("hear from you" is the candidate's task, "hear from us" the decision)."""
    found = []
    for start, end in where:
        found += [(m.start(), m.end(), True) for m in w.DECISION_CUE.finditer(text, start, end)]
        found += [(m.start(), m.end(), False) for m in w.DISTRACTOR_CUE.finditer(text, start, end)]
    # Lead words are not part of the date here: in "she's out until Monday" the cue "out
    # until" must still count.
    overlaps = _covered(cands, leads=False)
    found = [cue for cue in found if not overlaps(cue[0], cue[1])]
    found.sort()
    kept: list[tuple[int, int, bool]] = []
    for cue in found:
        # Sorted by start, so only the last kept cue can overlap this one.
        if kept and kept[-1][1] > cue[0]:
            if cue[1] - cue[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = cue
            continue
        kept.append(cue)
    return Spans(kept)


def _decided_then(
    c: Candidate,
    text: str,
    cues: Spans,
    sentences: Spans,
) -> bool:
    """ "Budget frees up at the end of Q1, and we'll make the offer then": a decision later in
    its sentence that points back with "then" makes this date the decision's."""
    _, sentence_end = sentences.around(c, len(text))
    # "... mid next year; we'll come back to you then": the next sentence's first words too.
    reach = min(len(text), sentence_end + 40)
    for start, end, is_decision in cues.inside(c.end, reach):
        if is_decision:
            # The decision's own words, up to 40 characters on: "make the offer then";
            # or just before them: "3 business days to run numbers, then we call you".
            after = w.THEN.search(text, end, min(reach, end + 40))
            # ... but "interviewing over the next 2 weeks, then we'll decide" is what comes
            # before the decision, not its day.
            during = {"over", "during", "over the next", "for"} & set(c.leads)
            before = not during and w.THEN_WE.search(text, max(c.end, start - 16), start)
            return bool(after or before)
    return False


def role(
    c: Candidate,
    text: str,
    cues: Spans,
    breaks: tuple[Spans, Spans],
    starts: list[int],
) -> str:
    """'decision', 'neutral' or 'drop' for one candidate; `starts` are where all the dates
    start (without their leads), in order."""
    core = c.core if c.core >= 0 else c.start
    clause_start, clause_end = breaks[0].around(c, len(text))
    before, after = _clause_cues(c, text, cues, (clause_start, clause_end), starts)
    pre_text = text[clause_start : c.start]
    post_text = text[c.end : clause_end]
    # "not until Friday" promises Friday as firmly as "no later than".
    not_until = set(c.leads) & STATE_LEADS and NOT_BEFORE_LEAD.search(
        text, max(0, c.start - 12), c.start
    )
    firm = bool(set(c.leads) & FIRM_LEADS or w.LATEST_AFTER.match(post_text) or not_until)
    own = w.OWN_SUBJECT.search(text, clause_start, clause_end)
    if not before and not after and not own and not firm:
        before = _cues_earlier(c, text, cues, breaks[1], core, after=bool(after))
    if w.EARLIEST_ONLY.match(post_text) or w.THING_AFTER.match(post_text):
        return "drop"
    alone = w.FILLER_ONLY.match(pre_text) and w.FILLER_ONLY.match(post_text)
    if c.needs_lead and not lead_ok(c) and (c.strict_lead or not alone):
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
    if role == "neutral" and set(c.leads) & STATE_LEADS and not alone:
        # "The contractor is here through March": how long a state lasts, not a promise.
        # "We won't know until Monday" has its cue; "Not until Monday." stands alone.
        return "drop"
    leads = set(c.leads)
    # "won't decide this week" commits to nothing, "not until Monday" does, "not until after
    # Easter" does not (12: "not before").
    if (not {"until", "till", "til"} & leads or "after" in leads) and _negated(
        c, text, before, clause_start
    ):
        return "drop"
    return role


def _clause_cues(
    c: Candidate, text: str, cues: Spans, clause: tuple[int, int], starts: list[int]
) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int, bool]]]:
    """The cues before and after `c` in its clause that can be about it."""
    core = c.core if c.core >= 0 else c.start
    before = cues.inside(clause[0], core)
    if (
        before
        and not before[-1][2]
        and set(c.leads) & STRICT_LEADS
        and _date_between(starts, before[-1][1], c.start)
    ):
        # "I'll send times for next week by Monday": a distractor is about the first date
        # after it, not every date that follows.
        before = [cue for cue in before if cue[2]]
    elif (
        len(before) >= 2
        and not before[-1][2]
        and before[-2][2]
        and w.TOPIC.fullmatch(text, before[-2][1], before[-1][0])
        and w.TELLING.match(text, before[-2][0])
    ):
        # "I'll update you on scheduling by Thursday": the distractor is what the update is
        # about.
        before = before[:-1]
    elif (
        len(before) >= 2
        and before[-1][2]
        and not before[-2][2]
        and before[-1][0] - before[-2][1] <= 12
        and w.WEAK_DECISION.match(text, before[-1][0])
    ):
        # "Interviews are expected to take place ...": what is expected is the distractor.
        before = before[:-1]
    after = [
        cue
        for cue in cues.inside(c.end, clause[1])
        # "Early June, once budgets are confirmed": a condition's words are not the date's.
        if not w.SUBORDINATE.search(text, c.end, cue[1])
    ]
    return before, after


def _date_between(starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start)
    return i < len(starts) and starts[i] < end


def _cues_earlier(
    c: Candidate,
    text: str,
    cues: Spans,
    sentences: Spans,
    core: int,
    *,
    after: bool,
) -> list[tuple[int, int, bool]]:
    """The cues before a date whose own clause has none: earlier in its sentence (a trailing
    "because ..." explains the date, it does not say what the date is), else in the question
    it answers."""
    sentence_start, sentence_end = sentences.around(c, len(text))
    # "Plan was Friday, now Thursday", "... but the director says Aug 5 now": what was said
    # before the change does not carry over.
    changes = list(w.REVISION.finditer(text, sentence_start, min(sentence_end, c.end + 12)))
    before = cues.inside(changes[-1].end() if changes else sentence_start, core)
    question = text[:sentence_start].rstrip()
    if not before and not after and question.endswith("?"):
        # An answer to a question takes the question's cue: "When could you start?
        # Ideally early January." is a start date, "When will I hear? Next week." is not.
        ends = sentences.inside(0, len(question) - 1)
        asked = ends[-1][1] if ends else 0
        before = cues.inside(asked, len(question))
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


def withdrawn(c: Candidate, text: str, sentences: Spans, cues: Spans) -> bool:
    """A date taken back by the words around it (12): a hedge later in its sentence, or
    opening the next ("Normally a week. But who knows with the reorg."), or pointing back at it
    from there ("Possibly Friday? ... so don't plan around that"); what usually happens,
    followed by a "but" ("it would usually be Friday, but ..."); or a guess after a sentence
    that is only a hedge ("Realistically? No idea. A few weeks, a few months.")."""
    start, end = sentences.around(c, len(text))
    habitual = bool(w.HABITUAL.search(text, start, c.start))
    if _taken_back_in_sentence(c, text, (start, end), habitual=habitual):
        return True
    if end < len(text) and _taken_back_next(text, sentences, end, habitual=habitual):
        return True
    if start > 0 and not any(cue[2] for cue in cues.inside(start, c.start)):
        previous = sentences.ending_by(start - 1)
        previous_start = previous[1] if previous else 0
        return bool(w.HEDGE_ONLY.fullmatch(text, previous_start, start))
    return False


def _taken_back_in_sentence(
    c: Candidate, text: str, sentence: tuple[int, int], *, habitual: bool
) -> bool:
    start, end = sentence
    if w.WITHDRAW.search(text, c.end, end) or w.COUNTERFACTUAL.search(text, start, c.start):
        return True
    if habitual and w.CONTRAST.search(text, c.end, end):
        return True
    return any(
        found.start() <= c.start and c.end <= found.end()
        for found in w.ALTERNATIVES.finditer(text, start, end)
    )


def _taken_back_next(text: str, sentences: Spans, end: int, *, habitual: bool) -> bool:
    """Whether the sentence after the one ending at `end` takes its date back."""
    this_break = sentences.next_after(end)
    after_break = this_break[1] if this_break else end
    next_break = sentences.next_after(after_break)
    following = next_break[0] if next_break else len(text)
    opener = w.WITHDRAW_OPENER.match(text, after_break, following)  # its words are optional
    if opener is None:
        return False
    if habitual and w.CONTRAST.fullmatch(opener["word"] or ""):
        return True  # "In theory it's 5 business days. In practice, who knows."
    hedge = w.WITHDRAW.match(text, opener.end()) or w.WITHDRAW_START.match(text, opener.end())
    if hedge is None and opener["word"]:
        hedge = w.WITHDRAW.search(text, opener.end(), following)
    if hedge is None:
        hedge = w.WITHDRAW_THAT_RE.search(text, after_break, following)
    return hedge is not None and hedge.end() <= following
