"""Exports written by earlier versions of Closer still import.

`tests/data/export-v1.json` was written by `closer export` as it stood when the format was
version 1, from an account with a bit of everything (the sample pipeline, referrals, a round
that went on to another, notes drafted and sent, a template, reminders, a calendar feed and a
coach). It is kept as it was written: never edit it to match the code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from closer.accounts import dataio

V1 = Path(__file__).parent.parent / "data" / "export-v1.json"


@pytest.fixture
def v1() -> dict:
    return json.loads(V1.read_text(encoding="utf-8"))


def test_a_version_1_export_imports_every_row(alice, v1):
    counts = dataio.import_data(alice, v1)
    tables = v1["tables"]
    # What belongs to one install never comes along (the consent was coaching.coaching then).
    stays = {*dataio.NOT_IMPORTED, "coaching.coaching"}
    brought = {label: rows for label, rows in tables.items() if label not in stays}
    assert sum(counts.values()) == sum(len(rows) for rows in brought.values())
    assert sum(len(rows) for rows in brought.values()) > 90
    by_label = {m._meta.label_lower: m for m in dataio.owned_models()}
    for label, count in counts.items():
        assert (
            by_label[label].objects.filter(**{dataio.owner_field(by_label[label]): alice}).count()
            == count
        )


def test_every_imported_value_is_one_the_models_allow(alice, v1):
    dataio.import_data(alice, v1)
    for model in dataio.owned_models():
        for row in model.objects.filter(**{dataio.owner_field(model): alice}):
            for field in model._meta.concrete_fields:
                if field.choices:
                    allowed = {value for value, _ in field.flatchoices}
                    assert getattr(row, field.attname) in allowed, (model, field.name)


def test_the_imported_pipeline_reads_as_it_was_written(alice, v1):
    from closer.pipeline.models import Close, Opportunity

    dataio.import_data(alice, v1)
    statuses = sorted(Opportunity.objects.filter(owner=alice).values_list("status", flat=True))
    written = sorted(row["status"] for row in v1["tables"]["pipeline.opportunity"])
    assert len(statuses) == len(written) == 12
    initech = Close.objects.get(owner=alice, interview__opportunity__company__name="Initech")
    assert initech.feedback == "Wanted more enterprise deals"
    assert "the TPS reports" in json.dumps(
        [initech.__dict__[k] for k in initech.__dict__], default=str
    )


def test_an_export_from_a_later_closer_is_refused_in_words(alice, v1):
    later = {**v1, "version": dataio.VERSION + 1}
    with pytest.raises(dataio.ImportProblem, match="reads versions 1 to"):
        dataio.import_data(alice, later)
    damaged = {**v1, "tables": {"pipeline.close": "not rows"}}
    with pytest.raises(dataio.ImportProblem, match="damaged"):
        dataio.import_data(alice, damaged)


def test_todays_export_says_its_version_and_imports_as_it_was(alice, v1):
    from closer.accounts.services import account_delete
    from closer.pipeline.models import Close

    dataio.import_data(alice, v1)
    written = json.loads(dataio.export_json(alice))
    assert written["version"] == dataio.VERSION
    remarks = sorted(Close.objects.filter(owner=alice).values_list("remarks", flat=True))
    account_delete(user=alice)
    from helpers import make_user

    fresh = make_user("fresh")
    dataio.import_data(fresh, written)
    assert sorted(Close.objects.filter(owner=fresh).values_list("remarks", flat=True)) == remarks


def test_a_version_1_row_missing_a_field_takes_its_default(alice, v1):
    from closer.pipeline.models import Close

    del v1["tables"]["pipeline.close"][0]["permission"]
    v1["tables"]["pipeline.answer"][0]["kind"] = ["not", "a", "value"]
    with pytest.raises(dataio.ImportProblem):
        dataio.import_data(alice, v1)
    del v1["tables"]["pipeline.answer"][0]
    v1["tables"]["pipeline.close"][1] = ["not a row"]
    with pytest.raises(dataio.ImportProblem, match="damaged"):
        dataio.import_data(alice, v1)
    assert not Close.objects.filter(owner=alice).exists()
