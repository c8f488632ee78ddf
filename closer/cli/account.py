"""`closer export`, `closer import`, `closer backup`, `closer check` and `closer invite`:
your data out and in again, a copy of the database, and the deployment checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from closer.cli.common import UserError, django_ready, option, read_input

# An export of a heavy user is a few tens of MB; anything this big is the wrong file.
IMPORT_MAX_BYTES = 200_000_000

UserOption = Annotated[
    str | None,
    option("Whose data (hosted mode): their email. Local mode has one user.", "--user"),
]


def _user(email: str | None) -> Any:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from closer.accounts.services import local_user

    if email is None:
        if settings.CLOSER_MODE == "hosted":
            raise UserError("Hosted mode has many people: say whose data with --user EMAIL.")
        return local_user()
    found = get_user_model().objects.filter(username__iexact=email.strip()).first()
    if found is None:
        raise UserError(f"No account uses {email!r}.")
    return found


def export(
    out: Annotated[
        Path | None, option("Write the JSON here instead of to the screen.", "--out", "-o")
    ] = None,
    csv_zip: Annotated[
        Path | None, option("Also write one CSV file per table, zipped, here.", "--csv")
    ] = None,
    user: UserOption = None,
) -> None:
    """Export all your data as one JSON document (and, with --csv, spreadsheets).

    Without --out the JSON goes to the screen, ready for a pipe.

    Example:

        closer export --out closer-export.json
    """
    django_ready()
    from closer.accounts import dataio

    who = _user(user)
    text = dataio.export_json(who)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"Exported to {out}.", err=True)
    if csv_zip is not None:
        csv_zip.write_bytes(dataio.export_csv_zip(who))
        typer.echo(f"Spreadsheets in {csv_zip}.", err=True)


def import_(
    path: Annotated[Path, typer.Argument(help="A file made by `closer export`; - reads stdin.")],
    user: UserOption = None,
) -> None:
    """Import an export into an account that has no data yet.

    Rows get new ids; how they link to each other is kept.

    Example:

        closer import closer-export.json
    """
    django_ready()
    from closer.accounts import dataio

    raw = read_input(path, limit=IMPORT_MAX_BYTES, what="a Closer export")
    try:
        document = json.loads(raw)
    except UnicodeDecodeError:
        raise UserError(f"{path} is not a text file; an export is JSON.") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{path} is not JSON ({exc.msg}, line {exc.lineno}).") from None
    try:
        counts = dataio.import_data(_user(user), document)
    except dataio.ImportProblem as exc:
        raise UserError(str(exc)) from None
    total = sum(counts.values())
    typer.echo(f"Imported {total} rows from {path}.")


def backup(
    path: Annotated[Path, typer.Argument(help="Where to write the copy.")],
) -> None:
    """Copy the SQLite database safely, even while Closer is running.

    For PostgreSQL, use pg_dump (see README: Backups).

    Example:

        closer backup ~/closer-backup.sqlite3
    """
    django_ready()
    from django.db import connection

    from closer.accounts import dataio

    if connection.vendor != "sqlite":
        raise UserError(
            "closer backup copies the SQLite database; this Closer uses PostgreSQL. "
            "Back it up with pg_dump (see README: Backups)."
        )
    if path.exists() and path.is_dir():
        path = path / "closer-backup.sqlite3"
    try:
        dataio.backup_sqlite(connection.settings_dict["NAME"], path)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    typer.echo(f"Backed up to {path}.")


def check(
    deploy: Annotated[
        bool, typer.Option("--deploy", help="Also run the checks for a public deployment.")
    ] = False,
) -> None:
    """Check the configuration; any warning fails the check.

    Run it with the production environment (CLOSER_MODE=hosted, SECRET_KEY, ...) set.

    Example:

        closer check --deploy
    """
    django_ready(database=False)
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=deploy, fail_level="WARNING")
    except SystemCheckError as exc:
        typer.echo(str(exc).strip(), err=True)
        raise typer.Exit(1) from None


def invite(
    email: Annotated[str, typer.Argument(help="Who may sign up.")],
) -> None:
    """Invite someone to sign up when sign-up is invite-only.

    Prints the link to send them; it works once, for that email.

    Example:

        closer invite sam@example.org
    """
    django_ready()
    from django.conf import settings
    from django.urls import reverse

    from closer.accounts.services import invitation_create

    token = invitation_create(email=email)
    link = f"{reverse('accounts:signup')}?invite={token}"
    base = settings.CLOSER_BASE_URL.rstrip("/")
    typer.echo(f"Send {email} this link: {base}{link}")
