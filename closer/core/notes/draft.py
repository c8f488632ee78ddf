"""From what happened at an interview to the words of one note.

`NoteFacts` is everything a note may mention, gathered by the shell from the close record;
`draft` fills a template (the person's own, or ours) with those facts, as of `now`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from closer.core.notes.template import TemplateError, parse, render
from closer.core.notes.wording import DEFAULTS, Tone, placeholders_for
from closer.core.records import ActionKind, CloseAnswer
from closer.core.text import join_names

SUBJECT_MAX = 200
BODY_MAX = 5000
TOPIC_MAX = 120
FEEDBACK_QUOTE_MAX = 160

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_HONORIFICS = {"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir", "dame"}


@dataclass(frozen=True)
class NoteFacts:
    """What one note may mention. Every field is optional except the kind."""

    kind: ActionKind
    recipient: str = ""
    recipient_title: str = ""
    company: str = ""
    role: str = ""
    interview_at: datetime | None = None  # aware
    answer: CloseAnswer | None = None
    remarks: str = ""  # what the person noted about the conversation, in their words
    interviewers: tuple[str, ...] = ()  # everyone met at that interview, recipient included
    expected: date | None = None
    latest: date | None = None
    next_round_at: datetime | None = None  # aware
    next_round_with: tuple[str, ...] = ()
    offer_deadline: date | None = None
    referrer: str = ""
    referral_role: str = ""
    internal_referral: bool = False
    last_follow_up: date | None = None
    applied_on: date | None = None
    feedback: str = ""  # what they said would have made the difference, if it is on file
    sender_name: str = ""
    signature: str = ""


@dataclass(frozen=True)
class NoteTemplate:
    subject: str
    body: str


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def default_template(kind: ActionKind, tone: Tone) -> NoteTemplate:
    subject, body = DEFAULTS[(ActionKind(kind), Tone(tone))]
    return NoteTemplate(subject=subject, body=body)


def check_template(kind: ActionKind, subject: str, body: str) -> None:
    """Raise TemplateError naming the first problem; return quietly when both parts work."""
    allowed = placeholders_for(ActionKind(kind))
    if not subject.strip():
        raise TemplateError("The subject is empty; every note needs one.")
    if "\n" in subject.strip() or "\r" in subject.strip():
        raise TemplateError("The subject must fit on one line.")
    if len(subject) > SUBJECT_MAX:
        raise TemplateError(f"The subject is longer than {SUBJECT_MAX} characters.")
    if not body.strip():
        raise TemplateError("The note is empty; write the words you want to send.")
    if len(body) > BODY_MAX:
        raise TemplateError(f"The note is longer than {BODY_MAX} characters; notes work short.")
    parse(subject, allowed, what="The subject")
    parse(body, allowed, what="The note")


def draft(
    facts: NoteFacts, tone: Tone, now: datetime, template: NoteTemplate | None = None
) -> Draft:
    """The note for these facts, in the person's template if they have one, else in ours."""
    kind = ActionKind(facts.kind)
    ours = default_template(kind, tone)
    values = note_values(facts, now)
    allowed = placeholders_for(kind)
    chosen = template or ours
    try:
        subject_nodes = parse(chosen.subject, allowed)
        body_nodes = parse(chosen.body, allowed)
    except TemplateError:
        # Stored templates were checked when saved; one that no longer parses (a placeholder
        # renamed since) must not block the note, so ours stands in.
        subject_nodes, body_nodes = parse(ours.subject, allowed), parse(ours.body, allowed)
    subject = " ".join(render(subject_nodes, values).split())
    if not subject:
        subject = " ".join(render(parse(ours.subject, allowed), values).split())
    return Draft(subject=subject, body=render(body_nodes, values))


def note_values(facts: NoteFacts, now: datetime) -> dict[str, str]:
    """The value of every placeholder (an empty string when the detail is unknown)."""
    others = [p for p in facts.interviewers if p.strip() and p != facts.recipient]
    next_round = ""
    if facts.next_round_at is not None:
        local = facts.next_round_at.astimezone(now.tzinfo)
        next_round = f"{long_day(local.date(), now)} at {local:%H:%M}"
    values = {
        "first_name": first_name(facts.recipient),
        "name": "" if "@" in facts.recipient else facts.recipient.strip(),
        "their_title": facts.recipient_title.strip(),
        "company": facts.company.strip(),
        "role": facts.role.strip(),
        "when_we_spoke": when_we_spoke(facts.interview_at, now),
        "noted": topic_for(facts.remarks, facts.recipient, facts.interviewers),
        "others": join_names([first_name(p) or p for p in others]),
        "my_name": facts.sender_name.strip(),
        "signature": facts.signature.strip() or facts.sender_name.strip(),
        "next_step": _next_step(facts, now),
        "date_they_gave": _day(facts.latest or facts.expected, now),
        "last_follow_up": _day(facts.last_follow_up, now),
        "next_round": next_round,
        "next_round_with": join_names(facts.next_round_with),
        "referrer": facts.referrer.strip(),
        "referrer_first_name": first_name(facts.referrer),
        "referral_role": _referral_role(facts),
        "offer_deadline": _day(facts.offer_deadline, now),
        "applied_on": _day(facts.applied_on, now),
        "their_feedback": _quotable(facts.feedback),
    }
    return values


def _next_step(facts: NoteFacts, now: datetime) -> str:
    answer = facts.answer
    if answer in (CloseAnswer.NOT_A_FIT, CloseAnswer.REJECTED):
        return ""
    if answer is CloseAnswer.NEXT_ROUND:
        if facts.next_round_at is None:
            return "the next round"
        day = facts.next_round_at.astimezone(now.tzinfo).date()
        return f"the next round on {long_day(day, now)}"
    if answer is CloseAnswer.OFFERED:
        return "talking about the offer"
    by = facts.expected or facts.latest
    return f"hearing from you by {long_day(by, now)}" if by else "hearing from you"


def _quotable(text: str) -> str:
    """Their words, when short enough to quote back on one line; else nothing, and the note
    thanks them without quoting."""
    text = " ".join(text.split()).strip().strip('"“”')
    return text if 0 < len(text) <= FEEDBACK_QUOTE_MAX else ""


def _referral_role(facts: NoteFacts) -> str:
    role, company = facts.referral_role.strip(), facts.company.strip()
    if facts.internal_referral and company:
        return f"the {role} role at {company}" if role else f"a role at {company}"
    return f"the {role} role" if role else ""


def _day(day: date | None, now: datetime) -> str:
    return long_day(day, now) if day else ""


def long_day(day: date, now: datetime) -> str:
    """Friday 4 December, with the year only when it is not this year. Spelled out here, not
    by strftime, whose names follow the machine's locale."""
    text = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == now.year else f"{text} {day.year}"


def when_we_spoke(moment: datetime | None, now: datetime) -> str:
    """today, yesterday, on Monday, on 25 November, in November: how people say it."""
    if moment is None:
        return ""
    day, today = moment.astimezone(now.tzinfo).date(), now.date()
    ago = (today - day).days
    if ago <= 0:
        return "today"
    if ago == 1:
        return "yesterday"
    if ago < 7:
        return f"on {_DAYS[day.weekday()]}"
    year = "" if day.year == today.year else f" {day.year}"
    if ago < 60:
        return f"on {day.day} {_MONTHS[day.month - 1]}{year}"
    return f"in {_MONTHS[day.month - 1]}{year}"


def first_name(name: str) -> str:
    """Dana from "Dana Lee", "Dr. Dana Lee" or "Lee, Dana"; nothing from an email address."""
    name = name.strip()
    if not name or "@" in name:
        return ""
    if "," in name:
        name = name.split(",", 1)[1].strip() or name.split(",", 1)[0]
    words = [w for w in name.split() if w.rstrip(".").lower() not in _HONORIFICS]
    return words[0] if words else ""


# --- something specific from the person's remarks ----------------------------------------

_PIECES = re.compile(r"(?<=[.!?;])\s+|\n+")
_LABEL = re.compile(r"^(?P<who>[^:–—-]{1,40}?)\s*[:–—-]\s+(?P<rest>\S.*)$")
# "talked about", "she loved", "asked about": the topic is what follows.
_LEAD = re.compile(
    r"^(?:(?:we|i|they|she|he)\s+)?(?:talked|spoke|chatted|discussed|covered|asked|went|dug|"
    r"loved|liked|enjoyed|mentioned|shared)(?:\s+(?:about|into|over|through))?\s+|^about\s+",
    re.IGNORECASE,
)
_CLAUSE_START = {"i", "i'm", "we", "she", "he", "they", "you", "it", "there"}
_LOWER_FIRST = {
    "the",
    "a",
    "an",
    "your",
    "how",
    "what",
    "why",
    "when",
    "where",
    "which",
    "whether",
    "our",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "some",
    "my",
}


def topic_for(remarks: str, recipient: str, interviewers: Sequence[str] = ()) -> str:
    """Something specific to mention to `recipient`, taken from the person's remarks.

    Remarks are read a line or sentence at a time. A line labelled with someone's name
    ("Sam: the onboarding plan") or mentioning them belongs to that person; lines about no one
    in particular are shared. Each interviewer's note uses their own line first, so notes
    differ where the remarks do. A line that reads as a sentence about them, not a topic, is
    left for the person to reword: a draft never pastes in words that do not fit."""
    people = {p.strip() for p in (*interviewers, recipient) if p.strip()}
    own: list[str] = []
    shared: list[str] = []
    for raw in _PIECES.split(remarks or ""):
        piece = raw.strip().lstrip("-*•· ").strip()
        if not piece:
            continue
        owners: set[str] = set()
        label = _LABEL.match(piece)
        if label:
            who = label["who"].strip().casefold()
            named = {p for p in people if who in {p.casefold(), first_name(p).casefold()}}
            if named:
                owners, piece = named, label["rest"]
        if not owners:
            owners = {p for p in people if first_name(p) and _mentions(piece, first_name(p))}
        if recipient.strip() in owners:
            own.append(piece)
        elif not owners:
            shared.append(piece)
    for piece in own + shared:
        topic = _as_topic(piece, recipient)
        if topic:
            return topic
    return ""


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _as_topic(piece: str, recipient: str) -> str:
    text = piece
    for name in {recipient.strip(), first_name(recipient)} - {""}:
        text = re.sub(rf"(?<!\w){re.escape(name)}['’]s\b", "your", text)
    name = first_name(recipient)
    if name and _mentions(text, name):
        return ""
    text = _LEAD.sub("", text).strip().strip("\"'“”‘’").rstrip(".!?;:, ").strip()
    if not text or len(text) > TOPIC_MAX:
        return ""
    first, _, rest = text.partition(" ")
    if first.casefold() in _CLAUSE_START:
        return ""
    if first.casefold() in _LOWER_FIRST:
        text = f"{first.lower()} {rest}".strip()
    return text


def sample_facts(kind: ActionKind, now: datetime, *, sender_name: str = "") -> NoteFacts:
    """Made-up details for previewing a template before any real note needs it."""
    from datetime import timedelta

    kind = ActionKind(kind)
    spoke = now - timedelta(days=90 if kind in (ActionKind.RECONNECT, ActionKind.REVISIT) else 0)
    referral = kind is ActionKind.REFERRAL_OUTREACH
    return NoteFacts(
        kind=kind,
        recipient="Jordan Park" if referral else "Dana Lee",
        recipient_title="Head of Sales",
        company="Acme",
        role="Account Executive",
        interview_at=spoke.replace(hour=10, minute=0) if spoke.hour >= 10 else spoke,
        answer=CloseAnswer.PENDING,
        remarks="Dana: the plan to open a Lisbon office",
        interviewers=("Dana Lee", "Sam Ortiz"),
        expected=(now + timedelta(days=7)).date(),
        latest=(now + timedelta(days=10)).date(),
        next_round_at=(now + timedelta(days=8)).replace(hour=10, minute=0),
        next_round_with=("Sam Ortiz", "Priya Nair"),
        offer_deadline=(now + timedelta(days=10)).date(),
        applied_on=(now - timedelta(days=12)).date(),
        feedback="More numbers from the deals you closed"
        if kind is ActionKind.FEEDBACK_THANKS
        else "",
        referrer="Dana Lee" if referral else "",
        referral_role="Solutions Engineer" if referral else "",
        internal_referral=referral,
        sender_name=sender_name or "Alex Morgan",
    )
