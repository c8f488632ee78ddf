"""Listings that show the ids `closer edit` takes: an opportunity's `interviews`, and your
`contacts`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closer.cli.common import JsonFlag, OpportunityArg, django_ready, find_opportunity, me
from closer.cli.output import console, contact_json, interview_json, print_json, when
from closer.core.calendar import format_day

if TYPE_CHECKING:
    from datetime import datetime

    from closer.pipeline.models import Interview


def interviews(opportunity: OpportunityArg, json_output: JsonFlag = False) -> None:
    """List an opportunity's interviews, with the ids `closer edit interview` takes.

    Each says whether it is still to come, called off, or how it ended is logged.

    Example:

        closer interviews Acme

        closer interviews 3 --json
    """
    django_ready()
    from closer.pipeline.selectors import interviews_for

    who = me()
    found = find_opportunity(who.user, opportunity)
    rounds = list(interviews_for(found))
    if json_output:
        print_json([interview_json(i, who.now) | {"close_logged": _closed(i)} for i in rounds])
        return
    out = console()
    heading = f"Interviews for {found.role} at {found.company.name} (opportunity {found.pk})"
    if not rounds:
        out.print(heading)
        out.print(
            "No interviews yet. After one, log how it ended with "
            f'`closer log --company "{found.company.name}"`.'
        )
        return
    from rich.table import Table

    table = Table(title=heading, title_justify="left", title_style="bold")
    for column in ("Id", "Round", "When", "With", "Where it stands"):
        table.add_column(column, justify="right" if column in ("Id", "Round") else "left")
    for row in rounds:
        people = ", ".join(c.name for c in row.interviewers.all()) or "-"
        table.add_row(
            str(row.pk), str(row.round), when(row.starts_at, who.now), people, _stands(row, who.now)
        )
    out.print(table)


def _closed(interview: Interview) -> bool:
    from closer.pipeline.models import Close

    try:
        interview.close  # noqa: B018 (a reverse one-to-one raises when there is none)
    except Close.DoesNotExist:
        return False
    return True


def _stands(interview: Interview, now: datetime) -> str:
    if interview.cancelled_at is not None:
        return "called off"
    if _closed(interview):
        return "close logged"
    return "to come" if interview.starts_at > now else "how it ended is not logged yet"


def contacts(json_output: JsonFlag = False) -> None:
    """List everyone you have met or been referred to, with the ids `closer edit contact` takes.

    The next to reconnect with come first.

    Example:

        closer contacts

        closer contacts --json
    """
    django_ready()
    from closer.pipeline.people import people_for

    who = me()
    rows = people_for(who.user).rows
    if json_output:
        print_json(
            [
                contact_json(row.contact)
                | {
                    "met_as": row.roles,
                    "last_contact": row.last_contact,
                    "next_reconnect": row.next_reconnect,
                }
                for row in rows
            ]
        )
        return
    out = console()
    if not rows:
        out.print("No contacts yet. The people you log with `closer log` show up here.")
        return
    from rich.table import Table

    table = Table(title="Contacts", title_justify="left", title_style="bold")
    for column in ("Id", "Name", "Email", "Role", "Company", "Last in touch", "Reconnect"):
        table.add_column(column, justify="right" if column == "Id" else "left")
    for row in rows:
        person = row.contact
        table.add_row(
            str(person.pk),
            person.name,
            person.email or "-",
            person.title or "-",
            person.organisation or "-",
            format_day(row.last_contact) if row.last_contact else "-",
            format_day(row.next_reconnect) if row.next_reconnect else "-",
        )
    out.print(table)
