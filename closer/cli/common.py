"""What every command shares: Django set-up, the local user and clock, error handling, and
reading dates and people from flags.

Nothing here imports Django at module level: `closer --help` and `closer --version` must work
before (and without) a database.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import typer
from typer.core import TyperGroup

from closer.clock import ClockError
from closer.core import inputs
from closer.core.calendar import local_datetime

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from closer.pipeline.models import Opportunity
    from closer.pipeline.services import PersonInput

T = TypeVar("T")


class UserError(Exception):
    """Something the user can fix: printed as one `Error: ...` line, exit status 1."""


# ClockError comes from a malformed CLOSER_NOW, which the user set.
USER_ERRORS = (UserError, ClockError)


def fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(1)


class CloserGroup(TyperGroup):
    """Turns the errors a user can fix into one line and exit 1, for every command at once."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            raise fail(str(exc)) from None


# --- Django -------------------------------------------------------------------------------

_schema_checked = False


def django_ready(*, database: bool = True) -> None:
    """Set Django up; with `database`, also bring the schema up to date.

    Migrating on demand is what lets the very first `closer log` on a fresh data directory
    create the SQLite file. The check is cheap when nothing is pending, and runs once per
    process.
    """
    global _schema_checked
    os.environ["DJANGO_SETTINGS_MODULE"] = "closer.settings"
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    if database and not _schema_checked:
        _migrate_if_needed()
        _schema_checked = True


def _migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not pending:
        return
    fresh = not executor.loader.applied_migrations
    call_command("migrate", interactive=False, verbosity=0)
    if fresh:
        # stderr, so that `--json` output on stdout stays parseable.
        typer.echo(f"Set up a new Closer database ({_database_label()}).", err=True)


def _database_label() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return str(connection.settings_dict["NAME"])
    return f"{connection.vendor} database {connection.settings_dict.get('NAME', '')}".strip()


@dataclass(frozen=True)
class Me:
    """Who a command acts for (local mode has one implicit user), and when."""

    user: AbstractBaseUser
    tz: ZoneInfo
    now: datetime  # in `tz`; CLOSER_NOW respected


def me() -> Me:
    from closer.accounts.services import local_user, settings_for, user_now

    user = local_user()
    return Me(user=user, tz=settings_for(user).zone, now=user_now(user))


def find_opportunity(owner: AbstractBaseUser, query: str) -> Opportunity:
    from closer.pipeline.selectors import OpportunityNotFound, opportunity_find

    try:
        return opportunity_find(owner, query)
    except OpportunityNotFound as exc:
        raise UserError(str(exc)) from None


def stdin_is_interactive() -> bool:
    return sys.stdin.isatty()


# --- Declaring and reading flags -----------------------------------------------------------


def option(help: str, *names: str, **extra: Any) -> Any:
    # Most flags default to "not given" (None), which is not worth showing in --help.
    return typer.Option(*names, help=help, show_default=False, **extra)


def date_option(help: str) -> Any:
    return option(help, metavar="DATE")


def moment_option(help: str) -> Any:
    return option(help, metavar='"YYYY-MM-DD HH:MM"')


def people_option(help: str, *names: str) -> Any:
    return option(help, *names, metavar='"NAME <EMAIL>"')


def parse_day(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{flag} needs a date like 2026-12-04, not {text!r}.") from None


def parse_moment(text: str, flag: str, tz: ZoneInfo) -> datetime:
    """A date and time; without an offset it is read as wall-clock time in `tz`."""
    cleaned = text.strip()
    example = f'{flag} needs a date and time like "2026-11-25 14:00", not {text!r}.'
    try:
        date.fromisoformat(cleaned)
    except ValueError:
        pass
    else:
        # A bare date would silently mean midnight, which is never what was meant.
        raise UserError(example)
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise UserError(example) from None
    if moment.tzinfo is None:
        return local_datetime(moment.date(), moment.time(), tz)
    return moment.astimezone(tz)


def parse_person(text: str, flag: str) -> PersonInput:
    """'Dana Lee <dana@acme.example>', 'Dana Lee' or 'dana@acme.example'."""
    from closer.pipeline.services import PersonInput

    try:
        name, email = inputs.parse_person(text)
    except ValueError as exc:
        raise UserError(f"{flag} {text!r}: {exc}") from None
    return PersonInput(name=name, email=email)


def read_timing(
    text: str, label: str, owner: AbstractBaseUser, said_at: datetime
) -> tuple[date | None, str]:
    """Words or a date -> (the date, the words to keep). An ISO date is taken as typed; words
    go through the timeline reader, and words it cannot read keep no date (never a guess).
    The reading goes to stderr so that `--json` output stays clean."""
    from closer.pipeline.timing import describe, timing_read

    cleaned = text.strip()
    try:
        return date.fromisoformat(cleaned), ""
    except ValueError:
        pass
    deadline = timing_read(owner=owner, words=cleaned, said_at=said_at)
    typer.echo(f"{label}: “{cleaned}” {describe(cleaned, deadline).text}", err=True)
    return (deadline.by if deadline else None), cleaned


def ask_until_valid(ask: Callable[[], str], read: Callable[[str], T]) -> T:
    """Ask again, showing the error, until `read` accepts the answer (interactive use only)."""
    while True:
        try:
            return read(ask())
        except UserError as exc:
            typer.echo(f"  {exc}", err=True)
