"""Export all of one person's data, import it again, and copy a live SQLite database.

The export is generic: every model with a foreign key called `owner` (or `user`, for the
settings) to the user model is one table, so a new app's tables are exported, imported and
deleted without touching this file. Coaching consents and comments are exported for the
record but not imported: they bind two accounts of one instance together.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction

FORMAT = "closer-export"
VERSION = 2
OWNER_FIELDS = ("owner", "user")
NOT_IMPORTED = {"accounts.coaching", "coaching.comment"}


class ImportProblem(Exception):
    """The file cannot be imported as it is; the message says why."""


_ONE_SEPARATOR = {"next-round": "next_round", "not-a-fit": "not_a_fit", "not-asked": "not_asked"}
# The values version 1 wrote differently, by table and field.
_V1_VALUES = {
    ("pipeline.close", "answer"): _ONE_SEPARATOR,
    ("pipeline.close", "permission"): _ONE_SEPARATOR,
    ("pipeline.answer", "kind"): _ONE_SEPARATOR,
    ("reminders.reminder", "status"): {"pending": "queued"},
}


def _upgrade_from_1(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Version 1 to 2: the coaching consent moved to accounts, a close's notes became its
    remarks, enum values took one separator, and a reminder waiting to go is "queued"."""
    if "coaching.coaching" in tables:
        tables["accounts.coaching"] = tables.pop("coaching.coaching")
    for (label, name), values in _V1_VALUES.items():
        for row in tables.get(label, []):
            value = row.get(name)
            if isinstance(value, str) and value in values:
                row[name] = values[value]
    for row in tables.get("pipeline.close", []):
        if "notes" in row:
            row["remarks"] = row.pop("notes")


# Each step turns an export of that version into the next one, so a file written by any
# earlier Closer imports as if written today.
UPGRADES: dict[int, Callable[[dict[str, list[dict[str, Any]]]], None]] = {1: _upgrade_from_1}


def owner_field(model: type[models.Model]) -> str | None:
    for name in OWNER_FIELDS:
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        if field.is_relation and field.related_model is apps.get_model(settings.AUTH_USER_MODEL):
            return name
    return None


def owned_models() -> list[type[models.Model]]:
    """Every table with rows that belong to one person, parents before children."""
    found = [
        m
        for m in apps.get_models()
        if m._meta.app_label.split(".")[-1] != "auth" and owner_field(m) is not None
    ]
    return _in_dependency_order(found)


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _in_dependency_order(found: list[type[models.Model]]) -> list[type[models.Model]]:
    # Parents first. Where links go round in a loop (opportunity -> referral -> close ->
    # interview -> opportunity), only required links decide, and nullable ones are filled in
    # once everything exists.
    ordered: list[type[models.Model]] = []
    pending = sorted(found, key=_label)

    def ready(model: type[models.Model], *, required_only: bool) -> bool:
        needs = {
            f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in found and not (required_only and f.null)
        }
        return needs <= set(ordered) | {model}

    while pending:
        model = next((m for m in pending if ready(m, required_only=False)), None) or next(
            (m for m in pending if ready(m, required_only=True)), None
        )
        if model is None:
            raise RuntimeError(f"Tables depend on each other in a loop: {pending}")
        ordered.append(model)
        pending.remove(model)
    return ordered


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(model: type[models.Model], user: User) -> list[dict[str, Any]]:
    owner = owner_field(model)
    assert owner is not None  # only owned_models() are exported
    m2m = [f for f in model._meta.many_to_many]
    rows = []
    for obj in model._default_manager.filter(**{owner: user}).order_by("pk"):
        row = {f.attname: _plain(getattr(obj, f.attname)) for f in model._meta.concrete_fields}
        row.pop(f"{owner}_id", None)
        for field in m2m:
            row[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        rows.append(row)
    return rows


def export_data(user: User) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "account": {"username": user.get_username(), "email": getattr(user, "email", "")},
        "tables": {_label(m): _rows(m, user) for m in owned_models()},
    }


def export_json(user: User) -> str:
    return json.dumps(export_data(user), indent=2, ensure_ascii=False, sort_keys=True)


def export_csv_zip(user: User) -> bytes:
    """One CSV file per table, zipped; many-to-many links as space-separated ids."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for label, rows in export_data(user)["tables"].items():
            archive.writestr(f"{label}.csv", _csv(rows))
    return buffer.getvalue()


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: " ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
            )
    return out.getvalue()


def has_data(user: User) -> bool:
    """Whether the account holds anything beyond its settings (which every account has)."""
    return any(
        m._default_manager.filter(owner=user).exists()
        for m in owned_models()
        if owner_field(m) == "owner"
    )


@transaction.atomic
def import_data(user: User, document: dict[str, Any]) -> dict[str, int]:
    """Load an export into an account that holds no data yet; returns rows per table.

    Ids are new (the file's ids are only used to reconnect the rows to each other)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportProblem("This is not a Closer export (no 'format': 'closer-export').")
    version = document.get("version")
    if not isinstance(version, int) or not 1 <= version <= VERSION:
        raise ImportProblem(
            f"This export is version {version}; this Closer reads versions 1 to {VERSION}."
        )
    if has_data(user):
        raise ImportProblem("This account has data already; import into an empty account.")
    tables = copy.deepcopy(document.get("tables") or {})
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(row, dict) for row in rows)
        for rows in tables.values()
    ):
        raise ImportProblem("This export's tables are damaged: each should be a list of rows.")
    for step in range(version, VERSION):
        UPGRADES[step](tables)
    by_label = {_label(m): m for m in owned_models()}
    unknown = sorted(set(tables) - set(by_label))
    if unknown:
        raise ImportProblem(f"This Closer does not know the tables {', '.join(unknown)}.")
    importing = [m for m in owned_models() if _label(m) not in NOT_IMPORTED]
    ids: dict[type[models.Model], dict[Any, Any]] = {m: {} for m in importing}
    later: list[tuple[models.Model, dict[str, Any]]] = []
    counts = {}
    for model in importing:
        label = _label(model)
        rows = tables.get(label, [])
        for row in rows:
            obj, deferred = _create(model, user, row, ids)
            ids[model][row[model._meta.pk.attname]] = obj.pk
            later.append((obj, deferred))
        counts[label] = len(rows)
    for obj, deferred in later:
        model = type(obj)
        links = {}
        for name, value in deferred.items():
            field = model._meta.get_field(name)
            # `deferred` names the row's own links (see _create): a foreign key or a
            # many-to-many field, never a reverse relation, so a field with a target.
            assert isinstance(field, models.Field) and field.related_model is not None
            known = ids[field.related_model]
            missing = [v for v in (value if field.many_to_many else [value]) if v not in known]
            if missing:
                raise ImportProblem(f"{_label(model)} links to a missing row {missing[0]!r}.")
            if field.many_to_many:
                getattr(obj, name).set([known[v] for v in value])
            else:
                links[field.attname] = known[value]
        if links:
            model._default_manager.filter(pk=obj.pk).update(**links)
    return counts


def _create(
    model: type[models.Model],
    user: User,
    row: dict[str, Any],
    ids: dict[type[models.Model], dict[Any, Any]],
) -> tuple[models.Model, dict[str, Any]]:
    owner = owner_field(model)
    assert owner is not None  # only owned_models() are imported
    values: dict[str, Any] = {}
    stamps: dict[str, Any] = {}
    deferred: dict[str, Any] = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name == owner or field.attname not in row:
            continue
        value = row[field.attname]
        if field.is_relation and value is not None:
            target = field.related_model
            assert target is not None  # a concrete relation (a foreign key) has a target
            if target not in ids:
                raise ImportProblem(f"{_label(model)} links to {_label(target)}, not exported.")
            if value not in ids[target]:
                if not field.null:
                    raise ImportProblem(f"{_label(model)} links to a missing {_label(target)}.")
                # Its row comes later (a loop of links): set once everything exists.
                deferred[field.name] = value
                continue
            value = ids[target][value]
        elif not field.is_relation:
            value = _checked(model, field, value)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            stamps[field.attname] = value
        values[field.attname] = value
    for field in model._meta.many_to_many:
        if row.get(field.name):
            deferred[field.name] = row[field.name]
    if model._meta.get_field(owner).one_to_one:
        # One per user (the settings): the account may have one already; fill it in.
        # Values typed Any, like get_or_create's **kwargs: mypy would also try a dict of
        # users against its `defaults` parameter.
        mine: dict[str, Any] = {owner: user}
        obj, _ = model._default_manager.get_or_create(**mine)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
    else:
        obj = model._default_manager.create(**{owner: user}, **values)
    if stamps:
        # auto_now fields ignore the values given to save(); an update() keeps the exported ones.
        model._default_manager.filter(pk=obj.pk).update(**stamps)
    return obj, deferred


def _checked(model: type[models.Model], field: models.Field[Any, Any], value: Any) -> Any:
    """The value as the field stores it, or ImportProblem: a file is data from outside, held to
    what the model allows (choices, lengths, formats) before anything is written."""
    try:
        return field.clean(value, None)
    except (ValidationError, TypeError, ValueError) as exc:
        detail = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        shown = repr(value)[:60]
        raise ImportProblem(f"{_label(model)}: {field.name} {shown} is refused: {detail}") from None


def owned_row_count(user_id: int) -> int:
    """Rows in any table that point at this user, through any link (for deletion checks)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    total = 0
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                total += model._default_manager.filter(**{field.attname: user_id}).count()
    return total


def backup_sqlite(source: str | Path, target: str | Path) -> None:
    """A consistent copy of a live SQLite database, made with SQLite's online backup API.

    The copy is made in one step: a backup taken a few pages at a time starts over whenever
    another connection writes, so on a busy database it might never finish. In WAL mode the
    one step holds only a read snapshot, and writers carry on meanwhile.
    The copy is written beside the target and renamed into place, so a failed backup never
    leaves a half-written file under the name asked for."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(str(source), timeout=30)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"The copy failed its integrity check: {ok}")
    partial.replace(target)


def table_labels() -> Iterable[str]:
    return [_label(m) for m in owned_models()]
