"""What every command shares: Django set-up, the local user and clock, error handling, and
reading dates and people from flags.

Nothing here imports Django at module level: `closer --help` and `closer --version` must work
before (and without) a database.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from closer.clock import ClockError
from closer.core import inputs
from closer.core.calendar import local_datetime
from closer.env import envbool

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from closer.pipeline.models import Opportunity
    from closer.pipeline.services import PersonInput

T = TypeVar("T")


class UserError(Exception):
    """Something the user can fix: printed as one `Error: ...` line, exit status 1."""


# ClockError comes from a malformed CLOSER_NOW, which the user set.
USER_ERRORS = (UserError, ClockError)


class UsageMistake(typer.BadParameter):
    """Flags that do not go together, or none given where one is needed: printed after the
    usage line as `Error: ...`, exit status 2, like any other mistake in the arguments."""

    def format_message(self) -> str:
        return self.message


def fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(1)


def _help_flag_off_by_default(help_option: TyperOption | None) -> TyperOption | None:
    # Typer leaves the help flag's default at None, and coercing that None builds a pydantic
    # validator, which imports pydantic: about 100 ms on every run, for a flag nobody gave.
    # False is what an absent flag means, and typer passes booleans through untouched.
    if help_option is not None and help_option.default is None:
        help_option.default = False
    return help_option


class CloserGroup(TyperGroup):
    """Turns the errors a user can fix into one line and exit 1, for every command at once."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            raise fail(str(exc)) from None

    def get_help_option(self, ctx: Any) -> TyperOption | None:
        return _help_flag_off_by_default(super().get_help_option(ctx))


def _one_separator(token: str) -> str:
    # Stored values use "_" ("next_round"); people type "next-round" as often, and scripts
    # written before the values changed do too. Click applies this to choice values and to
    # option names alike, on both sides of each comparison, so both spellings match.
    return token.replace("-", "_")


class CloserCommand(TyperCommand):
    """Every `closer` command: a Typer command whose -h/--help costs nothing until given, and
    whose choices take "-" or "_" alike."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context_settings.setdefault("token_normalize_func", _one_separator)

    def get_help_option(self, ctx: Any) -> TyperOption | None:
        return _help_flag_off_by_default(super().get_help_option(ctx))


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
        if not all_migrations_applied():
            _migrate_if_needed()
        _schema_checked = True


def all_migrations_applied() -> bool:
    """True when the database records every migration file on disk as applied.

    The database itself is asked on every run, so a data file that was deleted, replaced or
    restored from an old backup is never taken for an up-to-date one. Listing file names and
    reading one table is about ten times cheaper than what `migrate` does first: import every
    migration to build Django's graph. False does not always mean something is pending (a
    squashed migration is recorded under the names it replaced); the full check decides then.
    """
    import pkgutil
    from importlib.util import find_spec

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    on_disk: set[tuple[str, str]] = set()
    for app in apps.get_app_configs():
        module_name, _ = MigrationLoader.migrations_module(app.label)
        spec = find_spec(module_name) if module_name else None
        if spec is None or spec.submodule_search_locations is None:
            continue  # an app without migrations
        # The same files MigrationLoader.load_disk() takes for migrations.
        on_disk |= {
            (app.label, name)
            for _, name, is_package in pkgutil.iter_modules(spec.submodule_search_locations)
            if not is_package and name[0] not in "_~"
        }
    return on_disk <= MigrationRecorder(connection).applied_migrations().keys()


def _migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    with _one_migration_at_a_time():
        # Read again under the lock: another process may have just done it.
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if not pending:
            return
        fresh = not executor.loader.applied_migrations
        call_command("migrate", interactive=False, verbosity=0)
    if fresh:
        # stderr, so that `--json` output on stdout stays parseable.
        typer.echo(f"Set up a new Closer database ({_database_label()}).", err=True)


@contextmanager
def _one_migration_at_a_time() -> Iterator[None]:
    """The web app, the worker and a command started together on a new database must not all
    create its tables at once (the second would find them half made): a lock file beside a
    SQLite database, an advisory lock on PostgreSQL."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
            try:
                yield
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
        return
    lock_path = Path(str(connection.settings_dict["NAME"]) + ".migrating")
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# Any number will do, as long as nothing else on the server takes it for something else.
MIGRATION_LOCK = 0x636C6F73  # "clos"


def _database_label() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return str(connection.settings_dict["NAME"])
    return f"{connection.vendor} database {connection.settings_dict.get('NAME', '')}".strip()


@dataclass(frozen=True)
class Me:
    """Who a command acts for (local mode has one implicit user), and when."""

    user: User
    tz: ZoneInfo
    now: datetime  # in `tz`; CLOSER_NOW respected


def me() -> Me:
    """The local user, or with `closer --sample` (CLOSER_SAMPLE=1) their sample space."""
    from closer.accounts.services import local_user, sample_user_of, settings_for, user_now

    user = local_user()
    if _sample_chosen():
        found = sample_user_of(user)
        if found is None:
            raise UserError("there is no sample data to look at; load it with `closer demo`.")
        # stderr, so that `--json` output on stdout stays parseable.
        typer.echo("Sample data, not your own (`closer demo --delete` removes it).", err=True)
        user = found
    return Me(user=user, tz=settings_for(user).zone, now=user_now(user))


# Set by the root callback on every run, from `closer --sample` or CLOSER_SAMPLE=1; before
# any run (a test calling me() itself), the variable alone decides.
_sample: bool | None = None


def look_at_sample(chosen: bool) -> None:
    global _sample
    _sample = chosen


def _sample_chosen() -> bool:
    return envbool("CLOSER_SAMPLE") if _sample is None else _sample


def find_opportunity(owner: User, query: str) -> Opportunity:
    from closer.pipeline.selectors import OpportunityNotFound, opportunity_find

    try:
        return opportunity_find(owner, query)
    except OpportunityNotFound as exc:
        raise UserError(str(exc)) from None


def read_input(path: Path, *, limit: int, what: str) -> bytes:
    """The bytes of `path` (- for standard input), refused as soon as they pass `limit`: a
    wrong path (/dev/zero, a disk image) must fail at once, not fill the memory."""
    try:
        stream = sys.stdin.buffer if str(path) == "-" else path.open("rb")
    except OSError as exc:
        raise UserError(f"could not read {path}: {exc.strerror or exc}.") from None
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise UserError(
                    f"{path} is over {limit // 1_000_000} MB, too big for {what}. "
                    "Nothing was imported."
                )
            chunks.append(chunk)
    except OSError as exc:
        raise UserError(f"could not read {path}: {exc.strerror or exc}.") from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return b"".join(chunks)


def stdin_is_interactive() -> bool:
    return sys.stdin.isatty()


# --- Declaring and reading flags -----------------------------------------------------------

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
OpportunityArg = Annotated[
    str,
    typer.Argument(
        metavar="OPPORTUNITY",
        help="An opportunity id, or a company name that matches exactly one opportunity.",
        show_default=False,
    ),
]


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


def parse_people(texts: list[str] | None, flag: str) -> list[PersonInput]:
    """The people named by each use of a flag: 'Dana Lee <dana@acme.example>', 'Jo Kim
    jo@globex.example', 'Al, Bo' … (core.people_lines)."""
    from closer.core.people_lines import read_people
    from closer.pipeline.services import PersonInput

    people: list[PersonInput] = []
    for text in texts or []:
        try:
            found = read_people(text)
        except ValueError as exc:
            raise UserError(f"{flag} {text!r}: {exc}") from None
        people.extend(PersonInput(p.name, p.email, p.title) for p in found)
    return people


def read_timing(text: str, label: str, owner: User, said_at: datetime) -> tuple[date | None, str]:
    """Words or a date -> (the date, the words to keep), by the same rule as the close form
    (core.inputs.timing). The reading goes to stderr so that `--json` output stays clean."""
    from closer.pipeline.timing import describe, timing_read

    def read(words: str) -> date | None:
        deadline = timing_read(owner=owner, words=words, said_at=said_at)
        typer.echo(f"{label}: “{words}” {describe(words, deadline).text}", err=True)
        return deadline.by if deadline else None

    found = inputs.timing(text, None, read)
    return found.day, found.words


def ask_until_valid(ask: Callable[[], str], read: Callable[[str], T]) -> T:
    """Ask again, showing the error, until `read` accepts the answer (interactive use only)."""
    while True:
        try:
            return read(ask())
        except UserError as exc:
            typer.echo(f"  {exc}", err=True)
