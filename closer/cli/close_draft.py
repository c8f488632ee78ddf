"""A close being logged: what the flags gave, what is still missing, the prompts that fill
it in, and the checks that refuse a close that cannot be right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from closer.cli.common import (
    Me,
    UserError,
    ask_until_valid,
    parse_day,
    parse_moment,
    parse_people,
    read_timing,
)
from closer.core import inputs
from closer.core.records import CloseAnswer, Permission

if TYPE_CHECKING:
    from closer.pipeline.services import PersonInput

T = TypeVar("T")
E = TypeVar("E", CloseAnswer, Permission)
Reader = Callable[[str], T]


@dataclass
class CloseDraft:
    """The close as far as flags (and then prompts) have filled it in."""

    company: str | None
    role: str | None
    interviewers: list[PersonInput]
    starts_at: datetime
    asked_for_job: bool | None
    answer: CloseAnswer | None
    expected: date | None = None
    latest: date | None = None
    # What the interviewer said, kept beside the date it was read as.
    expected_words: str = ""
    latest_words: str = ""
    permission: Permission | None = None
    next_round_at: datetime | None = None
    offer_deadline: date | None = None
    next_round_with: list[PersonInput] = field(default_factory=list)
    referrals: list[PersonInput] = field(default_factory=list)
    internal_referrals: list[PersonInput] = field(default_factory=list)
    referrals_asked: bool = False
    remarks: str = ""
    feedback: str = ""
    # None: guessed from the role title.
    sales_role: bool | None = None
    senior: bool | None = None

    def missing(self) -> list[str]:
        wanted = [
            ("--company", self.company),
            ("--role", self.role),
            ("--interviewer", self.interviewers or None),
            ("--asked-for-job/--no-asked-for-job", self.asked_for_job),
            ("--answer", self.answer),
        ]
        return [flag for flag, value in wanted if value is None]


# The flag that sets each field close_problems may complain about.
FLAGS = {
    "starts_at": "--at",
    "expected": "--expected",
    "latest": "--latest",
    "next_round_at": "--next-round-at",
    "offer_deadline": "--offer-deadline",
}


def check(draft: CloseDraft, who: Me) -> None:
    """Refuse a close that cannot be right, before anything is written."""
    problems = _problems(draft, who)
    if problems:
        raise UserError(" ".join(f"{FLAGS[p.field]}: {p.message}" for p in problems))


def _problems(draft: CloseDraft, who: Me) -> list[inputs.Problem]:
    return inputs.close_problems(
        starts_at=draft.starts_at,
        now=who.now,
        expected=draft.expected,
        latest=draft.latest,
        next_round_at=draft.next_round_at,
        offer_deadline=draft.offer_deadline,
    )


def ask_missing(draft: CloseDraft, who: Me) -> None:
    """Prompt for what the flags left out, checking each answer as it comes."""
    if draft.company is None:
        draft.company = ask_until_valid(lambda: typer.prompt("Company"), _required("company"))
    if draft.role is None:
        draft.role = ask_until_valid(lambda: typer.prompt("Role"), _required("role"))
    if not draft.interviewers:
        draft.interviewers = _ask_people(
            "Interviewer (Name <email>)",
            "Another interviewer (blank when done)",
            at_least_one=True,
        )
    if draft.asked_for_job is None:
        draft.asked_for_job = typer.confirm("Did you ask for the job?")
    if draft.answer is None:
        choices = ", ".join(a.value for a in CloseAnswer)
        draft.answer = ask_until_valid(
            lambda: typer.prompt(f"What did they say? ({choices})"), _choice(CloseAnswer)
        )
    if draft.answer is CloseAnswer.PENDING:
        _ask_pending(draft, who)
    elif draft.answer is CloseAnswer.NEXT_ROUND and draft.next_round_at is None:
        draft.next_round_at = _ask_optional(
            'When is the next round? ("YYYY-MM-DD HH:MM", blank if not set)',
            lambda text: parse_moment(text, "The next round", who.tz),
        )
    elif draft.answer is CloseAnswer.OFFERED and draft.offer_deadline is None:
        draft.offer_deadline = _ask_optional(
            "By when do they need your answer? (YYYY-MM-DD, blank if they did not say)",
            _checked_day(draft, who, "offer_deadline", "The deadline"),
        )
    elif draft.answer is CloseAnswer.NOT_A_FIT and not draft.referrals:
        draft.referrals = _ask_people(
            "Did they suggest anyone to contact? (Name <email>, blank if not)",
            "Anyone else? (blank when done)",
        )
    check(draft, who)


def _ask_pending(draft: CloseDraft, who: Me) -> None:
    if draft.expected is None and not draft.expected_words:
        draft.expected, draft.expected_words = _ask_timing(
            draft, who, "expected", "When do they expect to decide?"
        )
    if draft.latest is None and not draft.latest_words:
        draft.latest, draft.latest_words = _ask_timing(
            draft, who, "latest", "The latest you should hear by?"
        )
    if draft.permission is None:
        choices = ", ".join(p.value for p in Permission)
        draft.permission = ask_until_valid(
            lambda: typer.prompt(
                f"May you get in touch if you hear nothing? ({choices})", default="not-asked"
            ),
            _choice(Permission),
        )


def _required(what: str) -> Reader[str]:
    def read(text: str) -> str:
        if not text.strip():
            raise UserError(f"The {what} cannot be empty.")
        return text.strip()

    return read


def _choice(enum: type[E]) -> Reader[E]:
    def read(text: str) -> E:
        try:
            return enum(text.strip().lower().replace("-", "_"))
        except ValueError:
            raise UserError(f"Choose one of: {', '.join(m.value for m in enum)}.") from None

    return read


def _ask_timing(draft: CloseDraft, who: Me, field: str, question: str) -> tuple[date | None, str]:
    """Their words or a date; the reading is shown, and a date that cannot be right is asked
    for again."""

    def read(text: str) -> tuple[date | None, str]:
        value, words = read_timing(text, "Read as", who.user, draft.starts_at)
        # The field is named at run time: mypy cannot tell which of replace()'s keywords
        # it is, so the value goes in as Any.
        change: dict[str, Any] = {field: value}
        for problem in _problems(replace(draft, **change), who):
            if problem.field == field:
                raise UserError(problem.message)
        return value, words

    answer = _ask_optional(f"{question} (their words or a date, blank if none)", read)
    return answer or (None, "")


def _ask_optional(question: str, read: Reader[T]) -> T | None:
    def read_or_none(text: str) -> T | None:
        return read(text) if text.strip() else None

    return ask_until_valid(
        lambda: typer.prompt(question, default="", show_default=False), read_or_none
    )


def _checked_day(draft: CloseDraft, who: Me, field: str, label: str) -> Reader[date]:
    """Read a date for one field of the draft, refusing it at once if it cannot be right."""

    def read(text: str) -> date:
        value = parse_day(text, label)
        change: dict[str, Any] = {field: value}  # named at run time, as in _ask_timing
        trial = replace(draft, **change)
        for problem in _problems(trial, who):
            if problem.field == field:
                raise UserError(problem.message)
        return value

    return read


def _ask_people(first: str, again: str, *, at_least_one: bool = False) -> list[PersonInput]:
    people: list[PersonInput] = []
    while True:
        text = typer.prompt(again if people else first, default="", show_default=False)
        if not text.strip():
            if people or not at_least_one:
                return people
            typer.echo("  Name at least one person; an email is optional.", err=True)
            continue
        try:
            people.extend(parse_people([text], "A person"))
        except UserError as exc:
            typer.echo(f"  {exc}", err=True)
