"""`closer log`: record how an interview ended, in under a minute, then show the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from closer.cli.common import (
    Me,
    UserError,
    ask_until_valid,
    django_ready,
    me,
    parse_day,
    parse_moment,
    parse_person,
    stdin_is_interactive,
)
from closer.cli.output import actions_json, console, print_json, when
from closer.core.calendar import format_day
from closer.core.records import CloseAnswer, Permission

if TYPE_CHECKING:
    from closer.pipeline.models import Close
    from closer.pipeline.services import PersonInput

T = TypeVar("T")
E = TypeVar("E", CloseAnswer, Permission)
Reader = Callable[[str], T]

# Most flags default to "not given" (None), which is not worth showing in --help.
_NO_DEFAULT = {"show_default": False}


def _date_option(help: str) -> Any:
    return typer.Option(metavar="DATE", help=help, show_default=False)


@dataclass
class _Draft:
    """The close as far as flags (and then prompts) have filled it in."""

    company: str | None
    role: str | None
    interviewers: list[PersonInput]
    starts_at: datetime
    asked_for_job: bool | None
    answer: CloseAnswer | None
    expected: date | None = None
    latest: date | None = None
    permission: Permission | None = None
    next_round_at: datetime | None = None
    offer_deadline: date | None = None
    next_round_with: list[PersonInput] = field(default_factory=list)
    referrals: list[PersonInput] = field(default_factory=list)
    internal_referrals: list[PersonInput] = field(default_factory=list)
    referrals_asked: bool = False
    notes: str = ""
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

    @property
    def day(self) -> date:
        return self.starts_at.date()


def log(
    company: Annotated[
        str | None, typer.Option(help="The company you interviewed with.", **_NO_DEFAULT)
    ] = None,
    role: Annotated[str | None, typer.Option(help="The job title.", **_NO_DEFAULT)] = None,
    interviewer: Annotated[
        list[str] | None,
        typer.Option(
            "--interviewer",
            "-i",
            metavar='"NAME <EMAIL>"',
            help="Someone who interviewed you; repeat for each. The email is optional.",
            **_NO_DEFAULT,
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            metavar='"YYYY-MM-DD HH:MM"',
            help="When the interview started, in your time zone. Default: now.",
            **_NO_DEFAULT,
        ),
    ] = None,
    asked_for_job: Annotated[
        bool | None,
        typer.Option(
            "--asked-for-job/--no-asked-for-job",
            help="Whether you asked them for the job.",
            **_NO_DEFAULT,
        ),
    ] = None,
    answer: Annotated[
        CloseAnswer | None,
        typer.Option(help="What they said at the end.", case_sensitive=False, **_NO_DEFAULT),
    ] = None,
    expected: Annotated[str | None, _date_option("When they expect to decide.")] = None,
    latest: Annotated[
        str | None, _date_option("The latest date they said you should hear by.")
    ] = None,
    permission: Annotated[
        Permission | None,
        typer.Option(
            help="May you get in touch if you hear nothing by then?",
            case_sensitive=False,
            **_NO_DEFAULT,
        ),
    ] = None,
    sales_role: Annotated[
        bool | None,
        typer.Option(
            "--sales-role/--no-sales-role",
            help="Closing is part of the job. Default: guessed from the role.",
            **_NO_DEFAULT,
        ),
    ] = None,
    senior: Annotated[
        bool | None,
        typer.Option(
            "--senior/--no-senior", help="A senior role. Default: guessed from the role.",
            **_NO_DEFAULT,
        ),
    ] = None,
    next_round_at: Annotated[
        str | None,
        typer.Option(
            metavar='"YYYY-MM-DD HH:MM"', help="When the next round is, if one was offered.",
            **_NO_DEFAULT,
        ),
    ] = None,
    next_round_with: Annotated[
        list[str] | None,
        typer.Option(
            metavar='"NAME <EMAIL>"', help="Whom you will meet next; repeat for each.",
            **_NO_DEFAULT,
        ),
    ] = None,
    referral: Annotated[
        list[str] | None,
        typer.Option(
            metavar='"NAME <EMAIL>"',
            help="Someone at another company they suggested; repeat for each.",
            **_NO_DEFAULT,
        ),
    ] = None,
    internal_referral: Annotated[
        list[str] | None,
        typer.Option(
            metavar='"NAME <EMAIL>"',
            help="Someone for another role at the same company; opens a new opportunity.",
            **_NO_DEFAULT,
        ),
    ] = None,
    referrals_asked: Annotated[
        bool, typer.Option("--referrals-asked", help="You already asked for referrals.")
    ] = False,
    offer_deadline: Annotated[
        str | None, _date_option("If they offered you the job: when they need your answer.")
    ] = None,
    notes: Annotated[str, typer.Option(help="Anything else worth remembering.")] = "",
    feedback: Annotated[
        str, typer.Option(help="Feedback they gave you; later close cards remind you of it.")
    ] = "",
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the planned actions as JSON.")
    ] = False,
) -> None:
    r"""Log how an interview ended, then show every next action it sets off.

    Run it without flags in a terminal and it asks what it needs; pass flags to script it.

    Example:

        closer log --company Acme --role "Account Executive" \
            --interviewer "Dana Lee <dana@acme.example>" --at "2026-11-25 14:00" \
            --asked-for-job --answer pending --expected 2026-12-04 --latest 2026-12-10 \
            --permission yes
    """
    django_ready()
    who = me()
    draft = _Draft(
        company=_text(company),
        role=_text(role),
        interviewers=[parse_person(p, "--interviewer") for p in interviewer or []],
        starts_at=parse_moment(at, "--at", who.tz) if at else who.now,
        asked_for_job=asked_for_job,
        answer=answer,
        expected=parse_day(expected, "--expected") if expected else None,
        latest=parse_day(latest, "--latest") if latest else None,
        permission=permission,
        next_round_at=(
            parse_moment(next_round_at, "--next-round-at", who.tz) if next_round_at else None
        ),
        offer_deadline=parse_day(offer_deadline, "--offer-deadline") if offer_deadline else None,
        next_round_with=[parse_person(p, "--next-round-with") for p in next_round_with or []],
        referrals=[parse_person(p, "--referral") for p in referral or []],
        internal_referrals=[parse_person(p, "--internal-referral") for p in internal_referral or []],
        referrals_asked=referrals_asked,
        notes=notes.strip(),
        feedback=feedback.strip(),
        sales_role=sales_role,
        senior=senior,
    )
    _check(draft, who)
    missing = draft.missing()
    if missing:
        if not stdin_is_interactive():
            raise UserError(
                f"Missing {_joined(missing)}. Pass {'it' if len(missing) == 1 else 'them'} as "
                "flags, or run `closer log` in a terminal to be asked."
            )
        _ask_missing(draft, who)

    _report(_save(draft, who), who, json_output)


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _joined(flags: list[str]) -> str:
    return flags[0] if len(flags) == 1 else f"{', '.join(flags[:-1])} and {flags[-1]}"


def _check(draft: _Draft, who: Me) -> None:
    """Refuse a close that cannot be right, before anything is written."""
    day = format_day(draft.day)
    if draft.starts_at > who.now:
        raise UserError(
            f"--at {when(draft.starts_at, who.now)} is in the future; log the close after the "
            "interview."
        )
    for flag, value in (
        ("--expected", draft.expected),
        ("--latest", draft.latest),
        ("--offer-deadline", draft.offer_deadline),
    ):
        if value is not None and value < draft.day:
            raise UserError(f"{flag} {format_day(value)} is before the interview on {day}.")
    if draft.expected and draft.latest and draft.latest < draft.expected:
        raise UserError(
            f"--latest {format_day(draft.latest)} is before --expected "
            f"{format_day(draft.expected)}; the latest date cannot come before the expected one."
        )
    if draft.next_round_at is not None and draft.next_round_at < draft.starts_at:
        raise UserError(
            f"--next-round-at {when(draft.next_round_at, who.now)} is before this interview."
        )


def _ask_missing(draft: _Draft, who: Me) -> None:
    """Prompt for what the flags left out, checking each answer as it comes."""
    if draft.company is None:
        draft.company = ask_until_valid(lambda: typer.prompt("Company"), _required("company"))
    if draft.role is None:
        draft.role = ask_until_valid(lambda: typer.prompt("Role"), _required("role"))
    if not draft.interviewers:
        draft.interviewers = _ask_people("Interviewer (Name <email>)", at_least_one=True)
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
            lambda text: _on_or_after(parse_day(text, "The deadline"), draft.day, "interview"),
        )
    elif draft.answer is CloseAnswer.NOT_A_FIT and not draft.referrals:
        draft.referrals = _ask_people("Anyone they suggested you contact? (Name <email>)")
    _check(draft, who)


def _ask_pending(draft: _Draft, who: Me) -> None:
    if draft.expected is None:
        draft.expected = _ask_optional(
            "When do they expect to decide? (YYYY-MM-DD, blank if they did not say)",
            lambda text: _on_or_after(parse_day(text, "That date"), draft.day, "interview"),
        )
    if draft.latest is None:
        floor, what = (draft.expected, "expected date") if draft.expected else (draft.day, "")
        draft.latest = _ask_optional(
            "The latest date you should hear by? (YYYY-MM-DD, blank if none)",
            lambda text: _on_or_after(parse_day(text, "That date"), floor, what or "interview"),
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
            return enum(text.strip().lower())
        except ValueError:
            raise UserError(f"Choose one of: {', '.join(m.value for m in enum)}.") from None

    return read


def _ask_optional(question: str, read: Reader[T]) -> T | None:
    def read_or_none(text: str) -> T | None:
        return read(text) if text.strip() else None

    return ask_until_valid(
        lambda: typer.prompt(question, default="", show_default=False), read_or_none
    )


def _on_or_after(value: date, floor: date, what: str) -> date:
    if value < floor:
        raise UserError(f"{format_day(value)} is before the {what} ({format_day(floor)}).")
    return value


def _ask_people(question: str, *, at_least_one: bool = False) -> list[PersonInput]:
    people: list[PersonInput] = []
    while True:
        label = question if not people else f"{question.split(' (')[0]}, another (blank when done)"
        text = typer.prompt(label, default="", show_default=False)
        if not text.strip():
            if people or not at_least_one:
                return people
            typer.echo("  Name at least one person; an email is optional.", err=True)
            continue
        try:
            people.append(parse_person(text, "A person"))
        except UserError as exc:
            typer.echo(f"  {exc}", err=True)


def _save(draft: _Draft, who: Me) -> Close:
    from closer.pipeline.services import CloseInput, ReferralInput, close_log_new

    assert draft.company and draft.role and draft.answer and draft.asked_for_job is not None
    referrals = [ReferralInput(person=p) for p in draft.referrals] + [
        ReferralInput(person=p, internal=True) for p in draft.internal_referrals
    ]
    data = CloseInput(
        asked_for_job=draft.asked_for_job,
        answer=draft.answer,
        expected_date=draft.expected,
        latest_date=draft.latest,
        permission=draft.permission or Permission.NOT_ASKED,
        next_round_at=draft.next_round_at,
        next_round_with=tuple(draft.next_round_with),
        referrals_asked=draft.referrals_asked,
        referrals=tuple(referrals),
        offer_deadline=draft.offer_deadline,
        notes=draft.notes,
        feedback=draft.feedback,
    )
    return close_log_new(
        owner=who.user,
        company_name=draft.company,
        role=draft.role,
        starts_at=draft.starts_at,
        interviewers=draft.interviewers,
        data=data,
        now=who.now,
        sales_role=draft.sales_role,
        senior=draft.senior,
    )


def _report(close: Close, who: Me, json_output: bool) -> None:
    from closer.cli.pipeline import show_plan
    from closer.pipeline.selectors import plan_for

    opportunity = close.interview.opportunity
    actions = list(plan_for(opportunity))
    if json_output:
        print_json(actions_json(actions, who.now))
        return
    out = console()
    out.print(
        f"Logged round {close.interview.round} of {opportunity.role} at "
        f"{opportunity.company.name}: {close.get_answer_display()}."
    )
    show_plan(opportunity, actions, who.now)
    out.print("See what is due across all your opportunities with `closer today`.")
