"""`closer log`: record how an interview ended, in under a minute, then show the plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from closer.cli.close_draft import CloseDraft, ask_missing, check
from closer.cli.common import (
    Me,
    UserError,
    date_option,
    django_ready,
    me,
    moment_option,
    option,
    parse_day,
    parse_moment,
    parse_people,
    people_option,
    read_timing,
    stdin_is_interactive,
)
from closer.cli.output import actions_json, console, print_json, show_plan
from closer.core import inputs
from closer.core.records import CloseAnswer, Permission
from closer.core.text import join_names

if TYPE_CHECKING:
    from closer.pipeline.models import Close


def log(
    company: Annotated[str | None, option("The company you interviewed with.")] = None,
    role: Annotated[str | None, option("The job title.")] = None,
    interviewer: Annotated[
        list[str] | None,
        people_option(
            "Someone who interviewed you; repeat for each. The email is optional.",
            "--interviewer",
            "-i",
        ),
    ] = None,
    at: Annotated[
        str | None, moment_option("When the interview started, in your time zone. Default: now.")
    ] = None,
    asked_for_job: Annotated[
        bool | None,
        option("Whether you asked them for the job.", "--asked-for-job/--no-asked-for-job"),
    ] = None,
    answer: Annotated[
        CloseAnswer | None, option("What they said at the end.", case_sensitive=False)
    ] = None,
    expected: Annotated[
        str | None,
        option("When they expect to decide: their words or a date.", metavar='"WORDS"'),
    ] = None,
    latest: Annotated[
        str | None,
        option("The latest you should hear by: their words or a date.", metavar='"WORDS"'),
    ] = None,
    permission: Annotated[
        Permission | None,
        option("May you get in touch if you hear nothing by then?", case_sensitive=False),
    ] = None,
    sales_role: Annotated[
        bool | None,
        option(
            "Closing is part of the job. Default: guessed from the role.",
            "--sales-role/--no-sales-role",
        ),
    ] = None,
    senior: Annotated[
        bool | None,
        option("A senior role. Default: guessed from the role.", "--senior/--no-senior"),
    ] = None,
    next_round_at: Annotated[
        str | None, moment_option("When the next round is, if one was offered.")
    ] = None,
    next_round_with: Annotated[
        list[str] | None, people_option("Whom you will meet next; repeat for each.")
    ] = None,
    referral: Annotated[
        list[str] | None,
        people_option("Someone at another company they suggested; repeat for each."),
    ] = None,
    internal_referral: Annotated[
        list[str] | None,
        people_option("Someone for another role at the same company; opens a new opportunity."),
    ] = None,
    referrals_asked: Annotated[
        bool, typer.Option("--referrals-asked", help="You already asked for referrals.")
    ] = False,
    offer_deadline: Annotated[
        str | None, date_option("If they offered you the job: when they need your answer.")
    ] = None,
    remarks: Annotated[str, typer.Option(help="Anything else worth remembering.")] = "",
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
            --interviewer "Dana Lee <dana@acme.example>" \
            --at "2026-11-25 14:00" --asked-for-job --answer pending \
            --expected "end of next week" --latest 2026-12-10 --permission yes
    """
    django_ready()
    who = me()
    starts_at = parse_moment(at, "--at", who.tz) if at else who.now
    expected_date, expected_words = _timing(expected, "--expected", who, starts_at)
    latest_date, latest_words = _timing(latest, "--latest", who, starts_at)
    draft = CloseDraft(
        company=_text(company),
        role=_text(role),
        interviewers=parse_people(interviewer, "--interviewer"),
        starts_at=starts_at,
        asked_for_job=asked_for_job,
        answer=answer,
        expected=expected_date,
        latest=latest_date,
        expected_words=expected_words,
        latest_words=latest_words,
        permission=permission,
        next_round_at=(
            parse_moment(next_round_at, "--next-round-at", who.tz) if next_round_at else None
        ),
        offer_deadline=parse_day(offer_deadline, "--offer-deadline") if offer_deadline else None,
        next_round_with=parse_people(next_round_with, "--next-round-with"),
        referrals=parse_people(referral, "--referral"),
        internal_referrals=parse_people(internal_referral, "--internal-referral"),
        referrals_asked=referrals_asked,
        remarks=remarks.strip(),
        feedback=feedback.strip(),
        sales_role=sales_role,
        senior=senior,
    )
    check(draft, who)
    missing = draft.missing()
    if missing:
        if not stdin_is_interactive():
            raise UserError(
                f"Missing {join_names(missing)}. Pass {'it' if len(missing) == 1 else 'them'} as "
                "flags, or run `closer log` in a terminal to be asked."
            )
        ask_missing(draft, who)

    close = _save(draft, who)
    conflict = inputs.timing_conflict(draft.expected, draft.latest)
    if conflict:
        # stderr, so that `--json` output on stdout stays parseable.
        typer.echo(f"Note: {conflict}", err=True)
    _report(close, who, json_output)


def _text(value: str | None) -> str | None:
    """Blank counts as not given."""
    if value is None or not value.strip():
        return None
    return value.strip()


def _timing(text: str | None, flag: str, who: Me, said_at: datetime) -> tuple[date | None, str]:
    if text is None or _text(text) is None:
        return None, ""
    return read_timing(text, flag, who.user, said_at)


def _save(draft: CloseDraft, who: Me) -> Close:
    from closer.pipeline.services import CloseInput, ReferralInput, close_log_new

    assert draft.company and draft.role and draft.answer and draft.asked_for_job is not None
    referrals = [ReferralInput(person=p) for p in draft.referrals] + [
        ReferralInput(person=p, internal=True) for p in draft.internal_referrals
    ]
    data = CloseInput(
        asked_for_job=draft.asked_for_job,
        answer=draft.answer,
        expected_date=draft.expected,
        expected_words=draft.expected_words,
        latest_date=draft.latest,
        latest_words=draft.latest_words,
        permission=draft.permission or Permission.NOT_ASKED,
        next_round_at=draft.next_round_at,
        next_round_with=tuple(draft.next_round_with),
        referrals_asked=draft.referrals_asked,
        referrals=tuple(referrals),
        offer_deadline=draft.offer_deadline,
        remarks=draft.remarks,
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
