"""How commands print: Rich tables and text for people, plain JSON for scripts.

JSON goes through `typer.echo`, never Rich, so that nothing wraps, colours or highlights it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from closer.core.calendar import format_day

if TYPE_CHECKING:
    from closer.core.card import Card
    from closer.pipeline.models import Action


def console() -> Console:
    # A new console per use: it then writes to whatever sys.stdout is at that moment, which
    # matters when tests swap the streams.
    return Console(highlight=False)


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


def when(moment: datetime, now: datetime) -> str:
    """'Wed 25 Nov 21:00' in the user's zone; the year only when it is not this year's."""
    local = moment.astimezone(now.tzinfo)
    return f"{format_day(local.date(), with_year=local.year != now.year)} {local:%H:%M}"


def kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def action_table(
    actions: Sequence[Action],
    now: datetime,
    *,
    title: str = "",
    show_company: bool = False,
    show_status: bool = False,
) -> Table:
    table = Table(title=title or None, title_justify="left", show_lines=False, expand=False)
    table.add_column("Due", no_wrap=True)
    table.add_column("Action", no_wrap=True)
    if show_company:
        table.add_column("Company")
    table.add_column("Contact")
    if show_status:
        table.add_column("Status")
    table.add_column("Why", ratio=1)
    for action in actions:
        overdue = action.status == "open" and action.due_at < now
        due = Text(when(action.due_at, now), style="bold red" if overdue else "")
        if action.late:
            due.append(" (late)", style="yellow")
        row: list[Text] = [due, Text(kind_label(action.kind))]
        if show_company:
            row.append(Text(action.interview.opportunity.company.name))
        row.append(Text(action.contact.name if action.contact else "-"))
        if show_status:
            row.append(Text(action.status, style="" if action.status == "open" else "dim"))
        row.append(Text(action.reason))
        table.add_row(*row)
    return table


def print_card(card: Card) -> None:
    out = console()
    out.print(Text(card.title, style="bold"))
    if card.subtitle:
        out.print(Text(card.subtitle, style="dim"))
    for number, section in enumerate(card.sections, start=1):
        out.print()
        out.print(Text(f"{number}. {section.title}", style="bold cyan"))
        for line in section.lines:
            out.print(Padding(Text(f"- {line}"), (0, 0, 0, 3)))
        if section.hint:
            out.print(Padding(Text(section.hint, style="italic dim"), (0, 0, 0, 3)))
