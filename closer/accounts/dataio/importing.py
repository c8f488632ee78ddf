"""An export back into an account that holds no data yet: a fresh install, or a new account.

Three steps, so that a damaged file writes nothing and a long import never holds the database:

1. read: the document's shape and version; an older version is upgraded first (UPGRADES);
2. check: every value against its field (choices, lengths, formats) and every link against
   the rows the file holds, all in memory;
3. write: table by table, parents first, BATCH rows per short transaction, so the web app
   and the worker wait at most for one batch, never for the whole file.

For the person an import happens whole or not at all: while it runs the account is marked
(DataImport), and a failure removes what was written so far. A mark left by a process that
died is cleaned up by the next import before it starts.

What is not imported is per install: coaching consents and comments bind two accounts of
one install together, the calendar feed's secret address is issued anew, and the log of
reminder emails stays where they were sent. A note that had not gone yet comes in as a
draft, so two installs never both send it.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, models, transaction
from django.utils import timezone

from closer.accounts.dataio.export import FORMAT, VERSION
from closer.accounts.dataio.tables import label, one_per_user, owned_models, owner_of
from closer.accounts.models import DataImport

NOT_IMPORTED = {
    "accounts.coaching",
    "coaching.comment",
    "reminders.calendarfeed",
    "reminders.reminder",
}
# Rows per transaction: a few tenths of a second on SQLite, so nobody waits long.
BATCH = 500

Tables = dict[str, list[dict[str, Any]]]


class ImportProblem(Exception):
    """The file cannot be imported as it is; the message says why."""


def import_data(user: User, document: dict[str, Any]) -> dict[str, int]:
    """Load an export into an account that holds no data yet; returns rows per table. Ids
    are new (the file's ids only say how its rows link to each other)."""
    tables = _read(document)
    _finish_a_broken_import(user)
    if has_data(user):
        raise ImportProblem("This account has data already; import into an empty account.")
    plan = _Check(tables).plan()
    DataImport.objects.update_or_create(account=user, defaults={"started_at": timezone.now()})
    try:
        _write(user, plan)
    except BaseException as exc:
        # If this fails too (the database went away), the mark stays for the next import.
        _remove_rows(user)
        DataImport.objects.filter(account=user).delete()
        if isinstance(exc, IntegrityError):
            raise ImportProblem(f"The file's rows clash with rows already here: {exc}") from None
        raise
    DataImport.objects.filter(account=user).delete()
    return {label(t.model): len(t.rows) for t in plan}


def has_data(user: User) -> bool:
    """Whether the account holds anything beyond its settings (which every account has)."""
    return any(
        m._default_manager.filter(owner=user).exists()
        for m in owned_models()
        if owner_of(m) == "owner"
    )


# --- 1. read --------------------------------------------------------------------------------


def _upgrade_from_1(tables: Tables) -> None:
    """Version 1 to 2: the coaching consent moved to accounts, a close's notes became its
    remarks, enum values took one separator, and a reminder waiting to go is "queued"."""
    if "coaching.coaching" in tables:
        tables["accounts.coaching"] = tables.pop("coaching.coaching")
    for (table, name), values in _V1_VALUES.items():
        for row in tables.get(table, []):
            value = row.get(name)
            if isinstance(value, str) and value in values:
                row[name] = values[value]
    for row in tables.get("pipeline.close", []):
        if "notes" in row:
            row["remarks"] = row.pop("notes")


_ONE_SEPARATOR = {"next-round": "next_round", "not-a-fit": "not_a_fit", "not-asked": "not_asked"}
# The values version 1 wrote differently, by table and field.
_V1_VALUES = {
    ("pipeline.close", "answer"): _ONE_SEPARATOR,
    ("pipeline.close", "permission"): _ONE_SEPARATOR,
    ("pipeline.answer", "kind"): _ONE_SEPARATOR,
    ("reminders.reminder", "status"): {"pending": "queued"},
}


def _upgrade_from_2(tables: Tables) -> None:
    """Version 2 to 3: an action names its opportunity (it may have no interview)."""
    opportunity_of = {
        row.get("id"): row.get("opportunity_id") for row in tables.get("pipeline.interview", [])
    }
    for row in tables.get("pipeline.action", []):
        row.setdefault("opportunity_id", opportunity_of.get(row.get("interview_id")))


# Each step turns an export of that version into the next one, so a file written by any
# earlier Closer imports as if written today.
UPGRADES: dict[int, Callable[[Tables], None]] = {1: _upgrade_from_1, 2: _upgrade_from_2}


def _read(document: Any) -> Tables:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportProblem("This is not a Closer export (no 'format': 'closer-export').")
    version = document.get("version")
    if not isinstance(version, int) or not 1 <= version <= VERSION:
        raise ImportProblem(
            f"This export is version {version}; this Closer reads versions 1 to {VERSION}."
        )
    tables = copy.deepcopy(document.get("tables") or {})
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(row, dict) for row in rows)
        for rows in tables.values()
    ):
        raise ImportProblem("This export's tables are damaged: each should be a list of rows.")
    for step in range(version, VERSION):
        UPGRADES[step](tables)
    unknown = sorted(set(tables) - {label(m) for m in owned_models()})
    if unknown:
        raise ImportProblem(f"This Closer does not know the tables {', '.join(unknown)}.")
    return tables


def _importing() -> list[type[models.Model]]:
    return [m for m in owned_models() if label(m) not in NOT_IMPORTED]


# --- 2. check -------------------------------------------------------------------------------


@dataclass
class _Row:
    file_id: Any
    values: dict[str, Any]  # stored fields, checked
    links: dict[str, Any]  # foreign key attname -> the file's id of the row it points to
    many: dict[str, list[Any]]  # many-to-many field name -> the file's ids
    late: dict[str, Any] = field(default_factory=dict)  # links set once all rows exist


@dataclass
class _Table:
    model: type[models.Model]
    rows: list[_Row]
    new_ids: dict[Any, Any] = field(default_factory=dict)


class _Check:
    """Every row of every imported table checked, with the file's ids of each table at hand
    so that a link is checked without a search."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.importing = _importing()
        self.ids = {
            m: {r.get(m._meta.pk.attname) for r in tables.get(label(m), [])} for m in self.importing
        }

    def plan(self) -> list[_Table]:
        return [self.table(m) for m in self.importing]

    def table(self, model: type[models.Model]) -> _Table:
        checked = [self.row(model, row) for row in self.tables.get(label(model), [])]
        prepare = getattr(model, "prepare_import", None)
        if prepare is not None:
            # A model that cannot come back exactly as it left says how (a note not yet sent
            # comes back as a draft, with a Message-ID of its own).
            prepare([row.values for row in checked])
        return _Table(model, checked)

    def row(self, model: type[models.Model], row: dict[str, Any]) -> _Row:
        owner = owner_of(model)
        found = _Row(row.get(model._meta.pk.attname), {}, {}, {})
        for f in model._meta.concrete_fields:
            if f.primary_key or f.name == owner or f.attname not in row:
                continue
            value = row[f.attname]
            if f.is_relation:
                found.links[f.attname] = self.link(model, f, value)
            else:
                found.values[f.attname] = _checked_value(model, f, value)
        for f in model._meta.many_to_many:
            value = row.get(f.name) or []
            if not isinstance(value, list):
                raise ImportProblem(f"{label(model)}: {f.name} should be a list of ids.")
            found.many[f.name] = [self.link(model, f, v) for v in value]
        return found

    def link(self, model: type[models.Model], f: Any, value: Any) -> Any:
        target = f.related_model
        if value is None:
            if not f.null:
                raise ImportProblem(f"{label(model)}: {f.name} must link to a row.")
            return None
        if target not in self.ids:
            raise ImportProblem(f"{label(model)} links to {label(target)}, not imported.")
        if value not in self.ids[target]:
            raise ImportProblem(f"{label(model)} links to a missing {label(target)} {value!r}.")
        return value


def _checked_value(model: type[models.Model], f: models.Field[Any, Any], value: Any) -> Any:
    """The value as the field stores it: a file is data from outside, held to what the model
    allows before anything is written."""
    try:
        return f.clean(value, None)
    except (ValidationError, TypeError, ValueError) as exc:
        detail = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        shown = repr(value)[:60]
        raise ImportProblem(f"{label(model)}: {f.name} {shown} is refused: {detail}") from None


# --- 3. write -------------------------------------------------------------------------------


def _write(user: User, plan: list[_Table]) -> None:
    by_model = {t.model: t for t in plan}
    later: list[_Table] = []
    for table in plan:
        if one_per_user(table.model):
            later.append(table)  # the settings last: a failure before them leaves them be
            continue
        for chunk in _chunks(table.rows):
            with _step():
                _create(user, table, chunk, by_model)
    for table in plan:
        if not one_per_user(table.model):
            _link_later(table, by_model)
    for table in later:
        _fill_in(user, table)


def _create(user: User, table: _Table, chunk: Sequence[_Row], by_model: dict[Any, _Table]) -> None:
    model = table.model
    owner = owner_of(model)
    objs = []
    for row in chunk:
        # Parents are written first, so a link is known now unless it goes round a loop
        # (an opportunity opened by a referral): those wait for _link_later.
        links = {}
        for name, value in row.links.items():
            written = by_model[_target(model, name)].new_ids
            if value is None or value in written:
                links[name] = written[value] if value is not None else None
            else:
                row.late[name] = value
        objs.append(model(**{owner: user}, **row.values, **links))
    _insert_as_written(model, objs)
    for row, obj in zip(chunk, objs, strict=True):
        table.new_ids[row.file_id] = obj.pk


def _insert_as_written(model: type[models.Model], objs: list[models.Model]) -> None:
    """bulk_create, but every field stored as the file gives it. bulk_create would stamp
    created_at and updated_at (auto_now) with the time of the import; Django's raw insert,
    the one loaddata uses, stores what the object holds. (QuerySet._insert is Django's own
    step under bulk_create; Django is pinned.)"""
    queryset = model._default_manager.all()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    returning = list(model._meta.db_returning_fields)
    size = max(connections[queryset.db].ops.bulk_batch_size(fields, objs), 1)
    for start in range(0, len(objs), size):
        batch = objs[start : start + size]
        rows = queryset._insert(  # type: ignore[attr-defined]
            batch, fields=fields, returning_fields=returning, raw=True
        )
        for obj, row in zip(batch, rows, strict=True):
            for value, f in zip(row, returning, strict=True):
                setattr(obj, f.attname, value)
            obj._state.adding, obj._state.db = False, queryset.db


def _link_later(table: _Table, by_model: dict[Any, _Table]) -> None:
    """The links that went round a loop, and the many-to-many links (their rows in bulk)."""
    model = table.model
    for row in table.rows:
        if row.late:
            late = {n: by_model[_target(model, n)].new_ids[v] for n, v in row.late.items()}
            model._default_manager.filter(pk=table.new_ids[row.file_id]).update(**late)
    for f in model._meta.many_to_many:
        through = f.remote_field.through
        assert through is not None  # Django makes one for every many-to-many field
        source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
        found = by_model[f.related_model].new_ids
        links = [
            through(**{f"{source}_id": table.new_ids[row.file_id], f"{target}_id": found[v]})
            for row in table.rows
            for v in dict.fromkeys(row.many.get(f.name, []))
        ]
        for start in range(0, len(links), BATCH):
            with _step():
                through._default_manager.bulk_create(links[start : start + BATCH])


def _fill_in(user: User, table: _Table) -> None:
    """The one row per person (the settings): the account has one already; fill it in."""
    owner = owner_of(table.model)
    for row in table.rows:
        mine: dict[str, Any] = {owner: user}
        obj, _ = table.model._default_manager.get_or_create(**mine)
        for name, value in row.values.items():
            setattr(obj, name, value)
        obj.save()


@contextmanager
def _step() -> Iterator[None]:
    """One short transaction, then a pause as long as it took. SQLite lets one writer in at
    a time and has no queue: a waiting writer (a page, the worker) polls for the lock, up to
    a tenth of a second apart, and steps written back to back would leave it no gap to get
    in. Half the time left free keeps every other writer's wait short."""
    started = time.monotonic()
    with transaction.atomic():
        yield
    if connection.vendor == "sqlite":
        time.sleep(time.monotonic() - started)


def _target(model: type[models.Model], name: str) -> Any:
    found = model._meta.get_field(name.removesuffix("_id"))
    return found.related_model


def _chunks(rows: Sequence[_Row]) -> Iterator[Sequence[_Row]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


# --- undoing ----------------------------------------------------------------------------------


def _finish_a_broken_import(user: User) -> None:
    """An import that died half way left its mark: take its rows away before starting."""
    if DataImport.objects.filter(account=user).exists():
        _remove_rows(user)
        DataImport.objects.filter(account=user).delete()


def _remove_rows(user: User) -> None:
    """Remove every row the account owns but its settings, children first, a batch at a
    time (the database's cascades take what hangs off each)."""
    for model in reversed(owned_models()):
        if one_per_user(model):
            continue
        owner = owner_of(model)
        while ids := list(
            model._default_manager.filter(**{owner: user}).values_list("pk", flat=True)[:BATCH]
        ):
            with _step():
                model._default_manager.filter(pk__in=ids).delete()
