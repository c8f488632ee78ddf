"""Reading and updating the pipeline: `today`, `plan`, `card` and `answer`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from closer.cli.common import UserError, django_ready, find_opportunity, me, parse_day, parse_moment
from closer.cli.output import (
    action_table,
    actions_json,
    card_json,
    console,
    print_card,
    print_json,
    when,
)
from closer.core.calendar import format_day
from closer.core.records import AnswerKind

if TYPE_CHECKING:
    from closer.pipeline.models import Action, Opportunity

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
OpportunityArg = Annotated[
    str,
    typer.Argument(
        metavar="OPPORTUNITY",
        help="An opportunity id, or a company name that matches exactly one opportunity.",
        show_default=False,
    ),
]

EMPTY_TODAY = (
    "Nothing is due. When you walk out of your next interview, log how it ended with "
    "`closer log`; to look around first, load a sample pipeline with `closer demo`."
)


def today(json_output: JsonFlag = False) -> None:
    """Show what is overdue, what is due today, and what comes up in the next 7 days.

    Example:

        closer today

        closer today --json
    """
    django_ready()
    from closer.pipeline.selectors import UPCOMING_DAYS, actions_today

    who = me()
    now = who.now
    due = actions_today(who.user, now)
    if json_output:
        print_json(
            {
                "now": now.isoformat(),
                "overdue": actions_json(due.overdue, now),
                "today": actions_json(due.today, now),
                "upcoming": actions_json(due.upcoming, now),
            }
        )
        return
    out = console()
    if due.empty:
        out.print(EMPTY_TODAY)
        return
    groups = (
        ("Overdue", due.overdue),
        (f"Today, {format_day(now.date())}", due.today),
        (f"Next {UPCOMING_DAYS} days", due.upcoming),
    )
    for title, actions in groups:
        if actions:
            out.print(action_table(actions, now, title=title, show_company=True))
            out.print()


def plan(opportunity: OpportunityArg, json_output: JsonFlag = False) -> None:
    """Show every action planned for one opportunity, done and cancelled ones included.

    Example:

        closer plan Acme

        closer plan 3 --json
    """
    django_ready()
    from closer.pipeline.selectors import plan_for

    who = me()
    found = find_opportunity(who.user, opportunity)
    actions = list(plan_for(found))
    now = who.now
    if json_output:
        print_json(actions_json(actions, now))
        return
    show_plan(found, actions, now)


def show_plan(opportunity: Opportunity, actions: Sequence[Action], now: datetime) -> None:
    """The plan of one opportunity as a table (also what `closer log` prints)."""
    out = console()
    heading = (
        f"{opportunity.role} at {opportunity.company.name} "
        f"(opportunity {opportunity.pk}, {opportunity.get_status_display()})"
    )
    if not actions:
        out.print(heading)
        out.print(
            "Nothing is planned yet. After the interview, log how it ended with "
            f'`closer log --company "{opportunity.company.name}"`.'
        )
        return
    show_status = any(a.status != "open" for a in actions)
    out.print(action_table(actions, now, title=heading, show_status=show_status))


def card(opportunity: OpportunityArg, json_output: JsonFlag = False) -> None:
    """Show the close card for an opportunity's latest interview: what to ask before you leave.

    Example:

        closer card Acme

        closer card 3 --json
    """
    django_ready()
    from closer.pipeline.selectors import card_for

    result = card_for(find_opportunity(me().user, opportunity))
    if json_output:
        print_json(card_json(result))
        return
    print_card(result)


def answer(
    opportunity: OpportunityArg,
    kind: Annotated[
        AnswerKind,
        typer.Option(help="What came back.", case_sensitive=False, show_default=False),
    ],
    at: Annotated[
        str | None,
        typer.Option(
            help='When it came, "YYYY-MM-DD HH:MM" in your time zone. Default: now.',
            show_default=False,
        ),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(help="For an offer: the date they need your answer by.", show_default=False),
    ] = None,
    next_round_at: Annotated[
        str | None,
        typer.Option(help='For a next round: when it is, "YYYY-MM-DD HH:MM".', show_default=False),
    ] = None,
    feedback: Annotated[
        str,
        typer.Option(help="What they said about why; it shows up on later close cards."),
    ] = "",
    json_output: JsonFlag = False,
) -> None:
    """Record the answer that came back; open follow-ups are cancelled or re-planned at once.

    Example:

        closer answer Acme --kind offer --deadline 2026-12-18

        closer answer Acme --kind rejected --feedback "Wanted more enterprise experience"
    """
    django_ready()
    from closer.pipeline.models import Action
    from closer.pipeline.selectors import interviews_for, plan_for
    from closer.pipeline.services import answer_record

    who = me()
    now, tz = who.now, who.tz
    found = find_opportunity(who.user, opportunity)
    received_at = parse_moment(at, "--at", tz) if at else now
    if received_at > now:
        raise UserError(f"--at {when(received_at, now)} is in the future; log answers you have.")
    latest = interviews_for(found).last()
    if latest is not None and received_at < latest.starts_at:
        raise UserError(
            f"--at {when(received_at, now)} is before the interview on "
            f"{when(latest.starts_at, now)}; an answer comes after the interview."
        )
    offer_deadline = parse_day(deadline, "--deadline") if deadline else None
    if offer_deadline is not None:
        if kind is not AnswerKind.OFFER:
            raise UserError("--deadline only applies to --kind offer.")
        if offer_deadline < received_at.date():
            raise UserError(
                f"--deadline {format_day(offer_deadline)} is before the offer came; "
                "leave it out if they gave none."
            )
    round_at = parse_moment(next_round_at, "--next-round-at", tz) if next_round_at else None
    if round_at is not None:
        if kind is not AnswerKind.NEXT_ROUND:
            raise UserError("--next-round-at only applies to --kind next-round.")
        if round_at < received_at:
            raise UserError(f"--next-round-at {when(round_at, now)} is before the answer came.")

    open_before = set(plan_for(found).filter(status=Action.Status.OPEN).values_list("pk", flat=True))
    answer_record(
        opportunity=found,
        kind=kind,
        received_at=received_at,
        offer_deadline=offer_deadline,
        next_round_at=round_at,
        feedback=feedback.strip(),
    )
    actions = list(plan_for(found))
    still_open = [a for a in actions if a.status == Action.Status.OPEN]
    if json_output:
        print_json(actions_json(still_open, now))
        return
    cancelled = sum(
        1 for a in actions if a.pk in open_before and a.status == Action.Status.CANCELLED
    )
    out = console()
    out.print(f"Recorded the {_ANSWER_WORDS[kind]} from {found.company.name}.")
    if cancelled:
        out.print(f"Cancelled {cancelled} planned action{'s' if cancelled != 1 else ''} "
                  "that no longer apply.")
    found.refresh_from_db(fields=["status"])
    show_plan(found, still_open, now)


_ANSWER_WORDS = {
    AnswerKind.OFFER: "offer",
    AnswerKind.NEXT_ROUND: "invitation to another round",
    AnswerKind.REJECTED: "rejection",
}
