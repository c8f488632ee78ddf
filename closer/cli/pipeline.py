"""Reading and updating the pipeline: `today`, `plan`, `card` and `answer`."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

from closer.cli.common import (
    JsonFlag,
    Me,
    OpportunityArg,
    UserError,
    date_option,
    django_ready,
    find_opportunity,
    me,
    moment_option,
    option,
    parse_day,
    parse_moment,
)
from closer.cli.output import (
    action_table,
    actions_json,
    card_json,
    console,
    print_card,
    print_json,
    show_plan,
    when,
)
from closer.core.calendar import format_day
from closer.core.records import AnswerKind

if TYPE_CHECKING:
    from closer.pipeline.models import Opportunity

EMPTY_TODAY = (
    "Nothing is due. When you walk out of your next interview, log how it ended with "
    "`closer log`; to look around first, load a sample pipeline with `closer demo`."
)


def today(json_output: JsonFlag = False) -> None:
    """Show what is overdue, what is due today, and what comes up in the next 7 days.

    Times are in your own time zone; --json gives scripts the same three lists.

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

    Each action says when it is due and why that moment is the right one.

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


def card(opportunity: OpportunityArg, json_output: JsonFlag = False) -> None:
    """Show the close card for an opportunity's latest interview: what to ask before you leave.

    Sales roles lead with the direct ask; senior roles ask early how many rounds remain.

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
    kind: Annotated[AnswerKind, option("What came back.", case_sensitive=False)],
    at: Annotated[
        str | None, moment_option("When it came, in your time zone. Default: now.")
    ] = None,
    deadline: Annotated[
        str | None, date_option("For an offer: the date they need your answer by.")
    ] = None,
    next_round_at: Annotated[str | None, moment_option("For a next round: when it is.")] = None,
    feedback: Annotated[
        str, option("What they said about why; it shows up on later close cards.")
    ] = "",
    json_output: JsonFlag = False,
) -> None:
    """Record the answer that came back; open follow-ups are cancelled or re-planned at once.

    Nothing nags after an answer: the plan turns to what the answer calls for.

    Example:

        closer answer Acme --kind offer --deadline 2026-12-18

        closer answer Acme --kind rejected --feedback "Wanted more enterprise experience"
    """
    django_ready()
    from closer.pipeline.models import Action
    from closer.pipeline.selectors import plan_for
    from closer.pipeline.services import answer_record

    who = me()
    found = find_opportunity(who.user, opportunity)
    received_at, offer_deadline, round_at = _answer_dates(
        found, kind, who, at=at, deadline=deadline, next_round_at=next_round_at
    )
    open_before = set(
        plan_for(found).filter(status=Action.Status.OPEN).values_list("pk", flat=True)
    )
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
        print_json(actions_json(still_open, who.now))
        return
    cancelled = sum(
        1 for a in actions if a.pk in open_before and a.status == Action.Status.CANCELLED
    )
    out = console()
    out.print(f"Recorded the {_ANSWER_WORDS[kind]} from {found.company.name}.")
    if cancelled:
        out.print(
            "Cancelled 1 planned action that no longer applies."
            if cancelled == 1
            else f"Cancelled {cancelled} planned actions that no longer apply."
        )
    found.refresh_from_db(fields=["status"])
    show_plan(found, still_open, who.now)


def _answer_dates(
    opportunity: Opportunity,
    kind: AnswerKind,
    who: Me,
    *,
    at: str | None,
    deadline: str | None,
    next_round_at: str | None,
) -> tuple[datetime, date | None, datetime | None]:
    """When the answer came, the offer deadline and the next round, each checked against
    the others, so that nothing is written when one of them cannot be right."""
    from closer.pipeline.selectors import interviews_for

    now = who.now
    received_at = parse_moment(at, "--at", who.tz) if at else now
    if received_at > now:
        raise UserError(f"--at {when(received_at, now)} is in the future; log answers you have.")
    latest = interviews_for(opportunity).last()
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
    round_at = parse_moment(next_round_at, "--next-round-at", who.tz) if next_round_at else None
    if round_at is not None:
        if kind is not AnswerKind.NEXT_ROUND:
            raise UserError("--next-round-at only applies to --kind next-round.")
        if round_at < received_at:
            raise UserError(f"--next-round-at {when(round_at, now)} is before the answer came.")
    return received_at, offer_deadline, round_at


_ANSWER_WORDS = {
    AnswerKind.OFFER: "offer",
    AnswerKind.NEXT_ROUND: "invitation to another round",
    AnswerKind.REJECTED: "rejection",
}
