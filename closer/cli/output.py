"""How commands print: Rich tables and text for people, plain JSON for scripts.

JSON goes through `typer.echo`, never Rich, so that nothing wraps, colours or highlights it.
Rich is imported only where something is printed with it: `--json` runs never pay for it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import typer

from closer.core.calendar import format_day
from closer.core.labels import in_words

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from closer.core.card import Card
    from closer.people.models import Contact
    from closer.pipeline.models import Action, Change, Interview, Opportunity


def console() -> Console:
    # A new console per use: it then writes to whatever sys.stdout is at that moment, which
    # matters when tests swap the streams. Markup and emoji codes are off because the text
    # is the user's own: a company called "Acme [EU]" must print as typed.
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def actions_json(actions: Iterable[Action], now: datetime) -> list[dict[str, Any]]:
    from closer.pipeline.selectors import action_json

    return [action_json(a, now) for a in actions]


def card_json(card: Card) -> dict[str, Any]:
    return dataclasses.asdict(card)


def change_json(change: Change, now: datetime) -> dict[str, Any]:
    """A change on the record; `undoable` says whether `closer undo ID` can still reverse it."""
    from closer.pipeline.services import can_undo

    return {
        "id": change.pk,
        "kind": change.kind,
        "summary": change.summary,
        "detail": change.detail,
        "opportunity": change.opportunity_id,
        "at": change.at.astimezone(now.tzinfo),
        "undoable": can_undo(change, now),
        "undone_at": change.undone_at.astimezone(now.tzinfo) if change.undone_at else None,
    }


def opportunity_json(opportunity: Opportunity) -> dict[str, Any]:
    """An opportunity's details, named as `closer edit opportunity` names its flags."""
    return {
        "id": opportunity.pk,
        "company": opportunity.company.name,
        "role": opportunity.role,
        "status": opportunity.status,
        "sales_role": opportunity.sales_role,
        "senior": opportunity.senior,
        "url": opportunity.job_url,
        "location": opportunity.location,
        "salary": opportunity.salary,
        "source": opportunity.source or None,
        "applied_on": opportunity.applied_on,
        "apply_by": opportunity.apply_by,
        "notes": opportunity.remarks,
        "external_id": opportunity.external_id,
    }


def interview_json(interview: Interview, now: datetime) -> dict[str, Any]:
    return {
        "id": interview.pk,
        "opportunity": interview.opportunity_id,
        "round": interview.round,
        "starts_at": interview.starts_at.astimezone(now.tzinfo),
        "ends_at": interview.ends_at.astimezone(now.tzinfo) if interview.ends_at else None,
        "interviewers": [
            {"id": c.pk, "name": c.name, "email": c.email} for c in interview.interviewers.all()
        ],
        "cancelled": interview.cancelled_at is not None,
    }


def contact_json(contact: Contact) -> dict[str, Any]:
    """A contact, named as `closer edit contact` names its flags."""
    return {
        "id": contact.pk,
        "name": contact.name,
        "email": contact.email,
        "role": contact.title,
        "company": contact.organisation,
        "notes": contact.remarks,
    }


def when(moment: datetime, now: datetime, *, sep: str = " ") -> str:
    """'Wed 25 Nov 21:00' in the user's zone; the year only when it is not this year's."""
    local = moment.astimezone(now.tzinfo)
    return f"{format_day(local.date(), with_year=local.year != now.year)}{sep}{local:%H:%M}"


def action_table(
    actions: Sequence[Action], now: datetime, *, title: str = "", show_company: bool = False
) -> Table:
    """Due, action, contact and why, one row per action. Actions that are no longer open
    (done, skipped, cancelled) are dimmed and say so, so a plan reads as a history too."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title or None, title_justify="left", title_style="bold")
    # The id is what `closer note ID` takes.
    table.add_column("Id", justify="right")
    table.add_column("Due")
    table.add_column("Action")
    if show_company:
        table.add_column("Company")
    table.add_column("Contact")
    table.add_column("Why", ratio=1)
    for action in actions:
        is_open = action.status == "open"
        # The time on its own line keeps the column narrow, leaving the width to the reason.
        due = Text(when(action.due_at, now, sep="\n"))
        if is_open and action.due_at < now:
            due.stylize("bold red")
            due.append("\noverdue", style="bold red")
        elif action.late:
            due.append("\nlate", style="yellow")
        what = Text(in_words(action.kind))
        if not is_open:
            what.append(f"\n{action.status}", style="italic")
        row = [Text(str(action.pk)), due, what]
        if show_company:
            row.append(Text(action.opportunity.company.name))
        row.append(Text(action.contact.name if action.contact else "-"))
        row.append(Text(action.reason))
        table.add_row(*row, style=None if is_open else "dim")
    return table


def print_card(card: Card) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    out.print(Text(card.title, style="bold"))
    if card.subtitle:
        out.print(Text(card.subtitle, style="dim"))
    for number, section in enumerate(card.sections, start=1):
        out.print()
        out.print(Text(f"{number}. {section.title}", style="bold cyan"))
        lines = Table.grid(padding=(0, 1))
        lines.add_column(width=4, justify="right")
        lines.add_column()
        for line in section.lines:
            lines.add_row("-", Text(line))
        if section.hint:
            lines.add_row("", Text(section.hint, style="italic dim"))
        out.print(lines)


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
    out.print(action_table(actions, now, title=heading))
