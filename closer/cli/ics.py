"""Calendars on the command line: `closer ics` (your plan as .ics) and `closer import-ics`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from closer.cli.common import (
    UserError,
    django_ready,
    me,
    option,
    read_input,
    stdin_is_interactive,
)
from closer.cli.output import print_json

if TYPE_CHECKING:
    from closer.reminders.importing import Choice, Invite


def ics(
    out: Annotated[
        Path | None, option("Write to this file instead of printing.", "--out", "-o")
    ] = None,
) -> None:
    """Print your open actions as an iCalendar (.ics) file, each with an alert.

    Import it once into any calendar app. For a calendar that stays up to date, subscribe
    to your private feed instead (the Calendar page of the web app).

    Example:

        closer ics --out closer.ics
    """
    django_ready()
    from closer.reminders.feed import build_calendar

    who = me()
    body = build_calendar(who.user, now=who.now)
    if out is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    try:
        out.write_bytes(body)
    except OSError as exc:
        raise UserError(f"could not write {out}: {exc.strerror or exc}.") from None
    typer.echo(f"Wrote your plan to {out}.", err=True)


def import_ics(
    file: Annotated[
        Path, typer.Argument(help="The .ics file: an invite or a calendar export.", metavar="FILE")
    ],
    pick: Annotated[
        str | None, option("Only these events, by number: 1,3.", metavar="NUMBERS")
    ] = None,
    company: Annotated[str | None, option("The company, instead of the guess.")] = None,
    role: Annotated[str | None, option("The role, instead of the guess.")] = None,
    yes: Annotated[
        bool, option("Import without asking, using the guesses shown.", "--yes", "-y")
    ] = False,
    json_: Annotated[bool, option("Print what was imported as JSON.", "--json")] = False,
) -> None:
    """Turn events from an .ics file into interviews, with their attendees as interviewers.

    Closer guesses the company and role from each event's title; in a terminal it asks you
    to confirm each one. Without a terminal, add --yes to accept the guesses shown.

    Example:

        closer import-ics invite.ics

        closer import-ics export.ics --pick 2 --company Acme --role "Account Executive" --yes
    """
    django_ready()
    from closer.reminders.importing import (
        MAX_BYTES,
        ImportProblem,
        invites_import,
        invites_read,
    )

    # The upload form's limit, checked while reading.
    raw = read_input(file, limit=MAX_BYTES, what="a calendar file")

    who = me()
    try:
        invites = invites_read(raw, user=who.user)
    except ImportProblem as exc:
        raise UserError(f"{file}: {exc} Nothing was imported.") from None
    chosen = _picked(invites, pick)
    if (company or role) and len(chosen) != 1:
        raise UserError("--company and --role apply to one event: choose it with --pick N.")
    _show(invites, chosen)
    interactive = stdin_is_interactive() and not yes
    if not interactive and not yes:
        raise UserError(
            "nothing imported: run it in a terminal to confirm each event, or add --yes to "
            "import the events marked * with the guesses shown."
        )
    choices = _choices(chosen, company=company, role=role, interactive=interactive)
    try:
        created = invites_import(user=who.user, invites=invites, choices=choices)
    except ImportProblem as exc:
        raise UserError(f"{exc} Nothing was imported.") from None
    if json_:
        print_json([_interview_json(i) for i in created])
        return
    skipped = len(choices) - len(created)
    note = f"; {skipped} already in Closer" if skipped else ""
    typer.echo(f"Imported {len(created)} interview{'s'[: len(created) != 1]}{note}.")


def _show(invites: list[Invite], chosen: list[Invite]) -> None:
    """Every event with its guess; those about to be imported are marked *."""
    from closer.reminders.importing import describe_when

    for invite in invites:
        mark = "*" if invite in chosen else " "
        people = ", ".join(p.name for p in invite.attendees) or "no attendees"
        typer.echo(f"{mark}{invite.number}. {invite.title} — {describe_when(invite)}", err=True)
        typer.echo(
            f"     guess: {invite.role or '?'} at {invite.company or '?'}; {people}", err=True
        )


def _choices(
    chosen: list[Invite], *, company: str | None, role: str | None, interactive: bool
) -> list[Choice]:
    """The company and role of each chosen event: the flags, else the guess, confirmed at
    the prompt in a terminal."""
    from closer.reminders.importing import Choice

    choices = []
    for invite in chosen:
        name, title = company or invite.company, role or invite.role
        if interactive:
            if not typer.confirm(f"Import {invite.number}. {invite.title}?", default=True):
                continue
            name = typer.prompt("  Company", default=name or None)
            title = typer.prompt("  Role", default=title or None)
        elif not (name and title):
            raise UserError(
                f"event {invite.number} ({invite.title}) needs --company and --role: "
                "Closer could not guess them. Nothing was imported."
            )
        choices.append(Choice(number=invite.number, company=name, role=title))
    return choices


def _picked(invites: list[Invite], pick: str | None) -> list[Invite]:
    if not pick:
        # Repeating and all-day events are rarely interviews; they are imported on request.
        return [i for i in invites if not (i.all_day or i.repeats)]
    numbers: list[int] = []
    for part in pick.split(","):
        if not part.strip().isdigit():
            raise UserError(f"--pick needs event numbers like 1,3, not {pick!r}.")
        numbers.append(int(part))
    by_number = {i.number: i for i in invites}
    missing = [n for n in numbers if n not in by_number]
    if missing:
        raise UserError(f"there is no event {missing[0]}; the file has {len(invites)}.")
    return [by_number[n] for n in numbers]


def _interview_json(interview: Any) -> dict[str, Any]:
    opportunity = interview.opportunity
    return {
        "interview": interview.pk,
        "opportunity": opportunity.pk,
        "company": opportunity.company.name,
        "role": opportunity.role,
        "starts_at": interview.starts_at.isoformat(),
        "interviewers": [c.name for c in interview.interviewers.all()],
    }
