"""Notes from the command line: `closer note`, `closer outbox` and `closer send-queued`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from closer.cli.common import UserError, django_ready, me, option
from closer.cli.output import console, print_json, when
from closer.core.labels import in_words
from closer.core.notes import Tone

if TYPE_CHECKING:
    from datetime import datetime

    from closer.outbox.models import Note
    from closer.outbox.selectors import NoteView
    from closer.pipeline.models import Action


def note(
    action_id: Annotated[
        int | None,
        typer.Argument(
            metavar="[ACTION_ID]",
            help="The action's id (`closer today --json` shows it). Leave out to list them.",
            show_default=False,
        ),
    ] = None,
    print_: Annotated[bool, option("Print the note (the default).", "--print", "-p")] = False,
    mailto: Annotated[
        bool, option("Print a mailto: link that opens it in your email app.")
    ] = False,
    eml: Annotated[
        Path | None, option("Save it as an .eml file to open in your email app.", metavar="PATH")
    ] = None,
    send: Annotated[bool, option("Send it now by SMTP (see EMAIL_HOST in the README).")] = False,
    mark_sent: Annotated[
        bool, option("You sent it yourself: record it and tick the action off.")
    ] = False,
    tone: Annotated[
        Tone | None, option("warm or concise. Default: your setting.", case_sensitive=False)
    ] = None,
) -> None:
    """Show, send or save the note an action calls for: thank-you, follow-up, and the rest.

    Without an id, lists the notes waiting to be written. With one, prints the saved note
    (or Closer's draft), or delivers it the way you choose.

    Example:

        closer note

        closer note 12

        closer note 12 --send

        closer note 12 --eml thank-you.eml
    """
    chosen = [
        flag
        for flag, on in (
            ("--print", print_),
            ("--mailto", mailto),
            ("--eml", eml is not None),
            ("--send", send),
            ("--mark-sent", mark_sent),
        )
        if on
    ]
    if len(chosen) > 1:
        raise typer.BadParameter(f"choose one of {', '.join(chosen)}.")
    django_ready()
    who = me()
    if action_id is None:
        _list_open(who.user, who.now)
        return

    from closer.outbox import selectors
    from closer.outbox.sending import NoteError

    action = _find_action(who.user, action_id)
    view = selectors.note_view(action, now=who.now, tone=tone.value if tone else None)
    if send or mark_sent:
        _send_or_mark(action, view, who.now, send=send)
    elif mailto:
        typer.echo(view.mailto)
    elif eml is not None:
        try:
            _, data = selectors.note_eml(action, now=who.now)
        except NoteError as exc:
            raise UserError(str(exc)) from None
        try:
            eml.write_bytes(data)
        except OSError as exc:
            raise UserError(f"could not write {eml}: {exc.strerror or exc}.") from None
        typer.echo(f"Saved to {eml}; open it in your email app to send it.", err=True)
    else:
        _print_note(view, who.now)


def _send_or_mark(action: Action, view: NoteView, now: datetime, *, send: bool) -> None:
    """Send the note now (`send`), or record that the person sent it themselves."""
    from closer.outbox import selectors, services
    from closer.outbox.sending import NoteError

    fields = services.NoteFields(
        to=view.to, cc=view.cc, subject=view.subject, body=view.body, tone=view.tone
    )
    try:
        if not send:
            services.note_mark_sent(action=action, fields=fields, now=now)
            typer.echo("Recorded as sent. The action is done.")
            return
        delivery = services.note_send(action=action, fields=fields, now=now)
    except NoteError as exc:
        raise UserError(str(exc)) from None
    if not delivery.sent:
        state = selectors.note_state(selectors.note_for(action), now)
        raise UserError(state if delivery.outcome == "retry" else delivery.message)
    typer.echo(f"Sent to {view.to}. The action is done.")


def outbox(
    json_output: Annotated[
        bool, typer.Option("--json", help="Print JSON instead of a table.")
    ] = False,
) -> None:
    """List the notes you saved, sent or asked Closer to send, and where each one stands.

    A note marked "may have been sent" was interrupted while sending: check your Sent folder,
    then resend it or mark it sent on its page.

    Example:

        closer outbox

        closer outbox --json
    """
    django_ready()
    from closer.outbox.selectors import note_state, notes_for

    who = me()
    notes = list(notes_for(who.user))
    if json_output:
        print_json([_note_json(n, who.now) for n in notes])
        return
    out = console()
    if not notes:
        out.print("The outbox is empty. `closer note` lists the notes waiting to be written.")
        return
    from rich.table import Table

    table = Table(title="Outbox", title_justify="left", title_style="bold")
    for column in ("Action", "To", "Subject", "Where it stands"):
        table.add_column(column, ratio=2 if column == "Where it stands" else None)
    for found in notes:
        state = note_state(found, who.now)
        table.add_row(str(found.action_id), found.to or "-", found.subject, state)
    out.print(table)


def send_queued() -> None:
    """Send every queued note that is due, once, then stop.

    Notes the mail server turned away wait a little longer each time (1, 2, 4… minutes);
    a note that may already have gone is never sent again on its own.

    Example:

        closer send-queued
    """
    django_ready()
    from closer.outbox.models import Note
    from closer.outbox.selectors import note_state, notes_due
    from closer.worker import worker

    who = me()
    if not notes_due(who.now).exists():
        typer.echo("Nothing is waiting to be sent.")
        return
    results = worker(lambda: who.now, notes_only=True).run_once().deliveries["note"]
    sent = sum(1 for r in results if r.sent)
    if sent:
        typer.echo(f"Sent {sent} note{'' if sent == 1 else 's'}.")
    else:
        typer.echo("Nothing went out this time.")
    for result in results:
        if result.outcome in ("retry", "failed", "skipped"):
            found = Note.objects.get(pk=result.id)
            typer.echo(f"Action {found.action_id}: {note_state(found, who.now)}", err=True)


def _find_action(owner: Any, action_id: int) -> Action:
    from closer.core.notes import is_message
    from closer.pipeline.models import Action

    action = (
        Action.objects.filter(owner=owner, pk=action_id)
        .select_related("opportunity__company", "contact")
        .first()
    )
    if action is None:
        raise UserError(f"there is no action {action_id}. `closer note` lists the open ones.")
    if not is_message(action.kind):
        raise UserError(
            f"action {action_id} ({in_words(action.kind)}) is a private reminder; "
            "there is no note to send."
        )
    return action


def _list_open(owner: Any, now: datetime) -> None:
    from rich.table import Table

    from closer.core.countdown import countdown
    from closer.outbox.selectors import message_actions_open, note_for, note_state

    actions = list(message_actions_open(owner))
    out = console()
    if not actions:
        out.print("No notes are waiting. After your next interview, `closer log` plans them.")
        return
    table = Table(title="Notes to write", title_justify="left", title_style="bold")
    for column in ("Id", "Due", "Note", "To", "Company"):
        table.add_column(column)
    for action in actions:
        due = when(action.due_at, now)
        if action.kind == "thank_you":
            due += f"\n{countdown(action.due_at, now)}"
        state = note_state(note_for(action), now)
        what = in_words(action.kind) + (f"\n{state}" if state else "")
        table.add_row(
            str(action.pk),
            due,
            what,
            action.contact.name if action.contact else "-",
            action.opportunity.company.name,
        )
    out.print(table)
    out.print("Show one with `closer note ID`; send it with `closer note ID --send`.")


def _print_note(view: NoteView, now: datetime) -> None:
    from closer.outbox.selectors import note_state

    state = note_state(view.note, now)
    if state:
        typer.echo(state, err=True)
    lines = [f"To: {view.to or '(no address yet)'}"]
    if view.cc:
        lines.append(f"Cc: {view.cc}")
    lines += [f"Subject: {view.subject}", "", view.body]
    typer.echo("\n".join(lines))


def _note_json(found: Note, now: datetime) -> dict[str, Any]:
    from closer.outbox.selectors import note_state

    return {
        "id": found.pk,
        "action": found.action_id,
        "kind": found.action.kind,
        "status": found.status,
        "state": note_state(found, now),
        "channel": found.channel,
        "to": found.to,
        "cc": found.cc,
        "subject": found.subject,
        "attempts": found.attempts,
        "next_attempt_at": found.next_attempt_at.astimezone(now.tzinfo)
        if found.next_attempt_at
        else None,
        "sent_at": found.sent_at.astimezone(now.tzinfo) if found.sent_at else None,
        "error": found.error,
        "message_id": found.message_id,
    }
