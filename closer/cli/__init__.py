"""The `closer` command line: a thin layer over the pipeline's services and selectors.

Each command parses its flags, calls one service or selector, and prints: a Rich table for
people, `--json` for scripts. Exit status: 0 done, 1 an error the user can fix (one line,
`Error: ...`), 2 a usage mistake caught by the argument parser.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from closer import __version__
from closer.cli import account, demo, ics, log, note, pipeline, read, serve, worker
from closer.cli.common import CloserGroup
from closer.env import envbool

app = typer.Typer(
    name="closer",
    cls=CloserGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    # Unexpected errors are turned into one line by main(); CLOSER_DEBUG=1 shows them whole.
    pretty_exceptions_enable=False,
)

# Registered in the order `closer --help` lists them.
for command in (
    serve.serve,
    log.log,
    pipeline.today,
    pipeline.plan,
    pipeline.card,
    pipeline.answer,
    note.note,
    note.outbox,
    note.send_queued,
    worker.worker,
    ics.ics,
    ics.import_ics,
    read.read,
    demo.demo,
    account.export,
    account.backup,
    account.check,
    account.invite,
):
    app.command()(command)
app.command("import")(account.import_)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"closer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Close the interview, then follow up at the right moment.

    Log how each interview ended; Closer plans every next step, with a due time and a reason.

    Example:

        closer demo && closer today
    """


def main() -> None:
    """The console script. No traceback reaches the user unless CLOSER_DEBUG=1 asks for it."""
    try:
        app(prog_name="closer")
    except Exception as exc:
        if envbool("CLOSER_DEBUG"):
            raise
        typer.echo(f"Error: {_describe(exc)}", err=True)
        sys.exit(1)


def _describe(exc: Exception) -> str:
    from django.db import DatabaseError, OperationalError

    # Drivers spread their messages over several lines; the error must stay on one.
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if not detail.endswith((".", "?", "!")):
        detail += "."
    if isinstance(exc, OperationalError):
        return f"the database could not be used: {detail} Check DATABASE_URL or CLOSER_DATA_DIR."
    if isinstance(exc, DatabaseError):
        return f"the database refused the change: {detail}"
    return (
        f"something went wrong that Closer did not expect ({type(exc).__name__}: {detail}) "
        "Run it again with CLOSER_DEBUG=1 to see where."
    )
