"""The `closer` command line: a thin layer over the pipeline's services and selectors.

Each command parses its flags, calls one service or selector, and prints: a Rich table for
people, `--json` for scripts. Exit status: 0 done, 1 an error the user can fix (one line,
`Error: ...`), 2 a usage mistake caught by the argument parser.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from closer import __version__
from closer.cli.common import CloserCommand, CloserGroup, look_at_sample
from closer.env import envbool

# What a name in COMMANDS builds: a command, or a group of sub-commands.
Command = TyperCommand | TyperGroup

# Every command, as "module:function" under closer.cli, in the order `closer --help` lists
# them. A command's module is imported when that command runs (or when --help lists them
# all), so `closer today` pays for no other command's imports and flags. A name may also
# stand for a Typer app of its own: a group of sub-commands, such as `closer edit`.
COMMANDS = {
    "serve": "serve:serve",
    "log": "log:log",
    "today": "pipeline:today",
    "plan": "pipeline:plan",
    "card": "pipeline:card",
    "answer": "pipeline:answer",
    "note": "note:note",
    "outbox": "note:outbox",
    "send-queued": "note:send_queued",
    "worker": "worker:worker",
    "ics": "ics:ics",
    "import-ics": "ics:import_ics",
    "done": "actions:done",
    "skip": "actions:skip",
    "snooze": "actions:snooze",
    "undo": "actions:undo",
    "changes": "actions:changes",
    "edit": "edit:edit",
    "interviews": "lists:interviews",
    "contacts": "lists:contacts",
    "read": "read:read",
    "demo": "demo:demo",
    "export": "account:export",
    "backup": "account:backup",
    "check": "account:check",
    "invite": "account:invite",
    "import": "account:import_",
}


def _load(name: str) -> Command:
    """Import one command's module and build the command, just as registering the function
    (or adding the group) on `app` would have: a one-command Typer turns into that command
    alone."""
    module_name, attribute = COMMANDS[name].split(":")
    found = getattr(import_module(f"closer.cli.{module_name}"), attribute)
    if isinstance(found, typer.Typer):
        group = typer.main.get_group(found)
        assert isinstance(group, CloserGroup)
        group.name = name
        return group
    alone = typer.Typer(add_completion=False)
    alone.command(name, cls=CloserCommand)(found)
    command = typer.main.get_command(alone)
    assert isinstance(command, CloserCommand)
    return command


class _Commands(Mapping[str, Command]):
    """The commands by name; each is built from its module the first time it is looked up.
    Typer reads a group's commands through this mapping only (get, keys, items)."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _load(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _Closer(CloserGroup):
    """`closer` itself, whose commands are loaded on first use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        # click types `commands` as a MutableMapping, but only add_command writes to it and
        # nothing adds commands to this group; Typer only reads it (get, keys, items), which
        # this read-only mapping that builds each command on first lookup supports.
        self.commands = _Commands()  # type: ignore[assignment]


app = typer.Typer(
    name="closer",
    cls=_Closer,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    # Unexpected errors are turned into one line by main(); CLOSER_DEBUG=1 shows them whole.
    pretty_exceptions_enable=False,
)


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
    sample: Annotated[
        bool,
        typer.Option(
            "--sample",
            envvar="CLOSER_SAMPLE",
            show_envvar=True,
            help="Look at the sample data `closer demo` loads, not your own.",
        ),
    ] = False,
) -> None:
    """Close the interview, then follow up at the right moment.

    Log how each interview ended; Closer plans every next step, with a due time and a reason.

    Example:

        closer demo && closer --sample today
    """
    # Every command finds its user through closer.cli.common.me(), which reads this.
    look_at_sample(sample)


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
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError, OperationalError

    if isinstance(exc, ImproperlyConfigured):
        return str(exc)  # a setting the person must give, in its own words
    # Drivers spread their messages over several lines; the error must stay on one.
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if not detail.endswith((".", "?", "!")):
        detail += "."
    if isinstance(exc, OperationalError) and "locked" in detail:
        return (
            "the database is busy with a long piece of work (an import?); try again in a "
            "moment. Nothing was changed."
        )
    if isinstance(exc, OperationalError):
        return f"the database could not be used: {detail} Check DATABASE_URL or CLOSER_DATA_DIR."
    if isinstance(exc, DatabaseError):
        return f"the database refused the change: {detail}"
    return (
        f"something went wrong that Closer did not expect ({type(exc).__name__}: {detail}) "
        "Run it again with CLOSER_DEBUG=1 to see where."
    )
