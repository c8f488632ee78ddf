"""Moving data between accounts and installs: the same export into two accounts, an import
that fails or dies half way, and spreadsheets other software reads."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas
import pytest
from accounts.world import person

from closer.accounts import dataio
from closer.accounts.models import DataImport

V1 = Path(__file__).parent.parent / "data" / "export-v1.json"


@pytest.fixture
def export() -> dict:
    return json.loads(V1.read_text(encoding="utf-8"))


def _rows(user) -> int:
    return sum(
        m._default_manager.filter(**{dataio.owner_field(m): user}).count()
        for m in dataio.owned_models()
        if not m._meta.get_field(dataio.owner_field(m)).one_to_one
    )


def test_one_export_imports_into_two_accounts_without_a_clash(db, export):
    from closer.outbox.models import Note
    from closer.reminders.models import CalendarFeed, Reminder

    first, second = person("first@example.org"), person("second@example.org")
    dataio.import_data(first, export)
    dataio.import_data(second, export)

    assert _rows(first) == _rows(second) > 90
    for owner in (first, second):
        statuses = sorted(Note.objects.filter(owner=owner).values_list("status", flat=True))
        # The sent note keeps its history; the one that was waiting to go is a draft.
        assert statuses == ["draft", "sent"]
        # A calendar address and the log of reminder emails belong to one install.
        assert not CalendarFeed.objects.filter(user=owner).exists()
        assert not Reminder.objects.filter(user=owner).exists()
    ids = list(Note.objects.values_list("message_id", flat=True))
    assert len(ids) == len(set(ids)) == 4
    sent = next(row for row in export["tables"]["outbox.note"] if row["status"] == "sent")
    assert Note.objects.get(owner=first, status="sent").message_id == sent["message_id"]


def test_an_import_that_fails_half_way_leaves_the_account_empty(db, export, monkeypatch):
    from closer.accounts.dataio import importing
    from closer.pipeline.models import Action

    owner = person("owner@example.org")
    insert = importing._insert_as_written

    def full_disk_at_the_actions(model, objs):
        if model is Action:
            raise RuntimeError("the disk is full")
        insert(model, objs)

    monkeypatch.setattr(importing, "_insert_as_written", full_disk_at_the_actions)
    with pytest.raises(RuntimeError, match="disk is full"):
        dataio.import_data(owner, export)
    assert _rows(owner) == 0
    assert not DataImport.objects.filter(account=owner).exists()

    monkeypatch.setattr(importing, "_insert_as_written", insert)
    dataio.import_data(owner, export)  # and the next try goes through whole
    assert Action.objects.filter(owner=owner).count() == len(export["tables"]["pipeline.action"])


def test_the_leftovers_of_an_import_that_died_are_taken_away_first(db, export):
    from closer.pipeline.models import Company

    owner = person("owner@example.org")
    from django.utils import timezone

    DataImport.objects.create(account=owner, started_at=timezone.now())
    Company.objects.create(owner=owner, name="Half written")
    dataio.import_data(owner, export)
    assert not Company.objects.filter(owner=owner, name="Half written").exists()
    assert Company.objects.filter(owner=owner).count() == len(export["tables"]["pipeline.company"])


def test_a_clash_with_rows_already_here_is_explained_and_undone(db, export):
    from closer.pipeline.models import Interview

    owner = person("owner@example.org")
    opportunity_ids = [row["id"] for row in export["tables"]["pipeline.opportunity"]]
    # Two interviews claiming the same close: the second close cannot be stored.
    closes = export["tables"]["pipeline.close"]
    closes[1]["interview_id"] = closes[0]["interview_id"]
    assert opportunity_ids
    with pytest.raises(dataio.ImportProblem, match="clash"):
        dataio.import_data(owner, export)
    assert _rows(owner) == 0
    assert not Interview.objects.filter(owner=owner).exists()


def test_every_table_opens_in_pandas_even_when_empty(db, export):
    owner = person("owner@example.org")
    dataio.import_data(owner, export)
    archive = zipfile.ZipFile(io.BytesIO(dataio.export_csv_zip(owner)))
    for model in dataio.owned_models():
        name = f"{model._meta.label_lower}.csv"
        frame = pandas.read_csv(archive.open(name))
        assert list(frame.columns) == dataio.columns(model), name
        owned = model._default_manager.filter(**{dataio.owner_field(model): owner}).count()
        assert len(frame) == owned, name
    empty = person("empty@example.org")
    fresh = zipfile.ZipFile(io.BytesIO(dataio.export_csv_zip(empty)))
    frame = pandas.read_csv(fresh.open("pipeline.action.csv"))
    assert frame.empty and "due_at" in frame.columns
