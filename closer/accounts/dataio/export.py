"""Everything one person stored, as one JSON document or as spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import models

from closer.accounts.dataio.tables import label, owned_models, owner_of

FORMAT = "closer-export"
VERSION = 3


def export_data(user: User) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "account": {"username": user.get_username(), "email": getattr(user, "email", "")},
        "tables": {label(m): _rows(m, user) for m in owned_models()},
    }


def export_json(user: User) -> str:
    return json.dumps(export_data(user), indent=2, ensure_ascii=False, sort_keys=True)


def export_csv_zip(user: User) -> bytes:
    """One CSV file per table, each with its header even when empty (spreadsheet tools and
    pandas refuse a file without one); many-to-many links as space-separated ids."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for model in owned_models():
            archive.writestr(f"{label(model)}.csv", _csv(model, _rows(model, user)))
    return buffer.getvalue()


def columns(model: type[models.Model]) -> list[str]:
    """A table's columns as exported: every stored field but the owner, then the links."""
    owner = f"{owner_of(model)}_id"
    stored = [f.attname for f in model._meta.concrete_fields if f.attname != owner]
    return stored + [f.name for f in model._meta.many_to_many]


def _rows(model: type[models.Model], user: User) -> list[dict[str, Any]]:
    owner = owner_of(model)
    m2m = list(model._meta.many_to_many)
    rows = []
    for obj in model._default_manager.filter(**{owner: user}).order_by("pk"):
        row = {f.attname: _plain(getattr(obj, f.attname)) for f in model._meta.concrete_fields}
        row.pop(f"{owner}_id", None)
        for field in m2m:
            row[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        rows.append(row)
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _csv(model: type[models.Model], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(model))
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: " ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
        )
    return out.getvalue()
