"""Acting on the plan from the command line: `done`, `skip` and `snooze`, then `undo` and the
list of recent `changes` it takes its ids from.

Each of the three taps prints the id of the change it made, so that a slip is one
`closer undo ID` away, as it is one button away on the web.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from closer.cli.common import (
    JsonFlag,
    Me,
    UsageMistake,
    UserError,
    date_option,
    django_ready,
    me,
    option,
    parse_day,
)
from closer.cli.output import actions_json, change_json, console, print_json, when
from closer.core.calendar import format_day
from closer.core.labels import in_words

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from closer.pipeline.models import Action, Change

ActionArg = Annotated[
    int,
    typer.Argument(
        metavar="ACTION_ID",
        help="The action's id, as `closer today` shows it.",
        show_default=False,
    ),
]


def done(action_id: ActionArg, json_output: JsonFlag = False) -> None:
    """Tick an action off: the note is sent, the call made, the evening spent preparing.

    Done with a person counts as being in touch, so their next reconnect moves on.

    To have Closer send the note itself, use `closer note ID --send` instead.

    Example:

        closer done 12
    """
    django_ready()
    from closer.pipeline.services import action_complete

    who = me()
    action = _open_action(who.user, action_id, "tick off")
    change = action_complete(action=action, now=who.now)
    _report(action, change, who, json_output)


def skip(action_id: ActionArg, json_output: JsonFlag = False) -> None:
    """Skip an action you have decided not to do; the rest of the plan stays as it is.

    A skipped thank-you or follow-up is never sent; `closer undo` brings it back.

    Example:

        closer skip 12
    """
    django_ready()
    from closer.pipeline.services import action_skip

    who = me()
    action = _open_action(who.user, action_id, "skip")
    change = action_skip(action=action, now=who.now)
    _report(action, change, who, json_output)


def snooze(
    action_id: ActionArg,
    until: Annotated[str | None, date_option("The day to put it off to, e.g. 2026-12-04.")] = None,
    days: Annotated[
        int | None, option("How many days to put it off by, counted from today.", min=1, max=3650)
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Put an action off to a later day, at the same time of day; give --until or --days.

    Re-planning keeps it there: the plan may move it later, never back earlier.

    Example:

        closer snooze 12 --until 2026-12-04

        closer snooze 12 --days 3
    """
    if (until is None) == (days is None):
        raise UsageMistake(
            "say when: --until and a date (--until 2026-12-04), or --days and a number (--days 3)."
        )
    django_ready()
    from closer.pipeline.services import action_snooze

    who = me()
    today = who.now.date()
    day = parse_day(until, "--until") if until is not None else today + timedelta(days=days or 0)
    if day <= today:
        raise UserError(
            f"--until {format_day(day, with_year=True)} is not after today; "
            "choose a day from tomorrow on."
        )
    action = _open_action(who.user, action_id, "snooze")
    change = action_snooze(action=action, until=day, now=who.now)
    _report(action, change, who, json_output)


def _open_action(owner: User, action_id: int, verb: str) -> Action:
    """The user's own action, still open; anyone else's reads as not there at all."""
    from closer.pipeline.models import Action

    action = (
        Action.objects.filter(owner=owner, pk=action_id)
        .select_related("opportunity__company", "contact")
        .first()
    )
    if action is None:
        raise UserError(f"there is no action {action_id}. `closer today` lists yours with ids.")
    what = f"action {action_id} ({in_words(action.kind)}, {action.opportunity.company.name})"
    if action.status == Action.Status.CANCELLED:
        raise UserError(
            f"{what} was cancelled when the plan changed; there is nothing left to {verb}."
        )
    if action.status != Action.Status.OPEN:
        raise UserError(
            f"{what} is {action.status} already. If that was a slip, `closer undo` reopens it."
        )
    return action


def _report(action: Action, change: Change, who: Me, json_output: bool) -> None:
    if json_output:
        print_json(
            {"action": actions_json([action], who.now)[0], "change": change_json(change, who.now)}
        )
        return
    typer.echo(f"{change.summary}.")
    if action.status == "open":
        typer.echo(f"It is due {when(action.due_at, who.now)} now.")
    typer.echo(f"Undo with `closer undo {change.pk}`.")


# --- undo -----------------------------------------------------------------------------------


def undo(
    change_id: Annotated[
        int | None,
        typer.Argument(
            metavar="[CHANGE_ID]",
            help="The change's id, as printed after it or by `closer changes`. "
            "Default: your latest change that can still be undone.",
            show_default=False,
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Undo a change: an action ticked off, skipped or snoozed, a move, a cancellation.

    Changes can be undone for 7 days; a correction made with `closer edit` is made again.

    Example:

        closer undo

        closer undo 42
    """
    django_ready()
    from closer.pipeline.services import EditError, UndoError, change_undo

    who = me()
    change = _change_to_undo(who, change_id)
    try:
        undone = change_undo(change=change, now=who.now)
    except (UndoError, EditError) as exc:
        raise UserError(f"change {change.pk} can't be undone: {exc}") from None
    action = _action_of(who.user, undone)
    if json_output:
        print_json(
            {
                "change": change_json(undone, who.now),
                "action": actions_json([action], who.now)[0] if action else None,
            }
        )
        return
    typer.echo(f"Undid change {undone.pk} ({undone.summary}).")
    if action is not None and action.status == "open":
        typer.echo(f"Action {action.pk} is open again, due {when(action.due_at, who.now)}.")


def _change_to_undo(who: Me, change_id: int | None) -> Change:
    """The change asked for, or the latest one Undo can still reverse; the reason in words
    when it cannot be undone. Another user's changes read as not there at all."""
    from closer.pipeline.models import Change
    from closer.pipeline.services import UNDO_WINDOW, can_undo

    mine = Change.objects.filter(owner=who.user)
    since = who.now - UNDO_WINDOW
    window = f"{UNDO_WINDOW.days} days"
    if change_id is None:
        candidates = mine.filter(undone_at__isnull=True, undo__isnull=False, at__gte=since)
        for candidate in candidates:
            if can_undo(candidate, who.now):
                return candidate
        raise UserError(
            f"nothing from the last {window} is left to undo. `closer changes` lists yours."
        )
    change = mine.filter(pk=change_id).first()
    if change is None:
        raise UserError(f"there is no change {change_id}. `closer changes` lists yours with ids.")
    if change.undone_at is not None:
        raise UserError(
            f"change {change_id} ({change.summary}) was undone already, "
            f"{when(change.undone_at, who.now)}."
        )
    if change.at < since:
        raise UserError(
            f"change {change_id} ({change.summary}) is from {when(change.at, who.now)}, "
            f"too long ago to undo: changes can be undone for {window}."
        )
    if not can_undo(change, who.now):
        raise UserError(f"change {change_id} ({change.summary}) {_why_not(change.kind)}")
    return change


def _why_not(kind: str) -> str:
    if kind == "edit":
        return "is a correction, and corrections can't be undone: correct it again instead."
    if kind == "undo":
        return "undid an earlier change, and an undo can't itself be undone."
    return "can't be undone."


def _action_of(owner: User, change: Change) -> Action | None:
    """The action a change ticked off or put off, as it is now (after the undo)."""
    from closer.pipeline.models import Action

    action_id = (change.undo or {}).get("action")
    if action_id is None:
        return None
    return (
        Action.objects.filter(owner=owner, pk=action_id)
        .select_related("opportunity__company", "contact")
        .first()
    )


# --- recent changes -------------------------------------------------------------------------


def changes(json_output: JsonFlag = False) -> None:
    """List your latest changes, newest first, with the ids `closer undo` takes.

    The Undo column says which can still be undone: for 7 days, most things you did can.

    Example:

        closer changes

        closer changes --json
    """
    django_ready()
    from closer.pipeline.history import recent_changes

    who = me()
    rows = recent_changes(who.user, who.now)
    if json_output:
        print_json([change_json(row.change, who.now) for row in rows])
        return
    out = console()
    if not rows:
        out.print("Nothing has changed yet. Ticking off, skipping or editing shows up here.")
        return
    from rich.table import Table

    table = Table(title="Recent changes", title_justify="left", title_style="bold")
    for column in ("Id", "When", "What", "Undo"):
        table.add_column(column, justify="right" if column == "Id" else "left")
    for row in rows:
        change = row.change
        table.add_row(
            str(change.pk),
            when(change.at, who.now),
            _what(change),
            _undo_cell(row.undoable, change),
        )
    out.print(table)


def _what(change: Change) -> str:
    return f"{change.summary}\n{change.detail}" if change.detail else change.summary


def _undo_cell(undoable: bool, change: Change) -> str:
    if change.undone_at is not None:
        return "undone"
    return f"closer undo {change.pk}" if undoable else "-"
