"""Export, import, delete and backup."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import zipfile
from datetime import date, timedelta
from io import BytesIO

import pytest
from accounts.world import PASSWORD, coach_for, person
from helpers import at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closer.accounts import dataio
from closer.core.records import AnswerKind, CloseAnswer, Permission

# What a person can type: no NUL or other control characters (forms refuse them, and
# PostgreSQL cannot store NUL), but new lines and any script.
typed = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n")
names = st.text(alphabet=typed, min_size=1, max_size=30).map(str.strip).filter(bool)
people_st = st.lists(
    st.tuples(names, st.sampled_from(["", "a@x.example", "b@x.example", "c@y.example"])),
    max_size=3,
    unique_by=lambda p: p[1] or p[0],
)
interview_st = st.fixed_dictionaries(
    {
        "company": names,
        "role": names,
        "day": st.integers(0, 60),
        "people": people_st,
        "answer": st.sampled_from(list(CloseAnswer)),
        "permission": st.sampled_from(list(Permission)),
        "expected": st.none() | st.integers(1, 20),
        "later": st.none() | st.sampled_from(list(AnswerKind)),
        "notes": st.text(alphabet=typed, max_size=50),
        "note_words": st.none() | st.text(alphabet=typed, min_size=1, max_size=80),
    }
)


def build(owner, pipeline: list[dict]) -> None:
    from closer.outbox.services import NoteFields, note_save
    from closer.pipeline.models import Action
    from closer.pipeline.services import CloseInput, PersonInput, answer_record, close_log_new

    for item in pipeline:
        starts = at("2026-10-01 10:00") + timedelta(days=item["day"])
        expected = starts.date() + timedelta(days=item["expected"]) if item["expected"] else None
        close = close_log_new(
            owner=owner,
            company_name=item["company"],
            role=item["role"],
            starts_at=starts,
            interviewers=[PersonInput(n, e) for n, e in item["people"]],
            data=CloseInput(
                asked_for_job=True,
                answer=item["answer"],
                expected_date=expected,
                permission=item["permission"],
                remarks=item["notes"],
            ),
            now=starts + timedelta(hours=1),
        )
        if item["later"]:
            answer_record(
                opportunity=close.interview.opportunity,
                kind=item["later"],
                received_at=starts + timedelta(days=3),
                offer_deadline=date(2027, 1, 1) if item["later"] == AnswerKind.OFFER else None,
                feedback="they liked the case study",
            )
        action = Action.objects.filter(owner=owner, kind="thank_you").last()
        if item["note_words"] and action is not None and not hasattr(action, "note"):
            note_save(
                action=action,
                fields=NoteFields(to="x@y.example", subject="Thanks", body=item["note_words"]),
                now=starts + timedelta(hours=2),
            )


def one(**changes) -> dict:
    item = {
        "company": "Acme",
        "role": "AE",
        "day": 1,
        "people": [("Dana", "d@x.example")],
        "answer": CloseAnswer.PENDING,
        "permission": Permission.YES,
        "expected": 3,
        "later": None,
        "notes": "",
        "note_words": None,
    }
    return {**item, **changes}


def snapshot(user) -> dict:
    """The export without ids: what the rows say, with links named by content, not number."""
    data = dataio.export_data(user)["tables"]
    for label in dataio.NOT_IMPORTED:
        data.pop(label, None)
    # Renumber: each table's ids become their position, and links follow.
    order = {label: {row["id"]: i for i, row in enumerate(rows)} for label, rows in data.items()}

    def relabel(model, row: dict) -> dict:
        out = {}
        for f in list(model._meta.concrete_fields) + list(model._meta.many_to_many):
            key = f.name if f.many_to_many else f.attname
            if key not in row:
                continue
            value = row[key]
            target = _label(f.related_model) if f.is_relation else None
            if f.primary_key:
                value = order[_label(model)][value]
            elif target in order and value is not None:
                value = (
                    sorted(order[target][v] for v in value)
                    if f.many_to_many
                    else order[target][value]
                )
            out[key] = value
        return out

    models = {_label(m): m for m in dataio.owned_models()}
    return {label: [relabel(models[label], r) for r in rows] for label, rows in data.items()}


def _label(model) -> str:
    return model._meta.label_lower


@pytest.mark.django_db(transaction=True)
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pipeline=st.lists(interview_st, min_size=0, max_size=4))
def test_export_import_round_trip_is_equal_row_for_row(pipeline):
    from django.contrib.auth import get_user_model

    from closer.accounts.services import account_delete

    get_user_model().objects.all().delete()
    source = person("source@example.org")
    build(source, pipeline)
    document = json.loads(dataio.export_json(source))
    before = snapshot(source)
    # Moving to a fresh instance: the old account is gone, a new one takes the file.
    account_delete(user=source)
    target = person("target@example.org")
    dataio.import_data(target, document)
    assert snapshot(target) == before


def test_round_trip_keeps_a_full_pipeline(people):
    alice = people["owner"]
    build(alice, [one(answer=CloseAnswer.REJECTED, later=AnswerKind.REJECTED, note_words="Hi")])
    before = snapshot(alice)
    assert sum(len(rows) for rows in before.values()) >= 8
    document = dataio.export_data(alice)
    from closer.accounts.services import account_delete

    account_delete(user=alice)
    fresh = person("fresh@example.org")
    counts = dataio.import_data(fresh, document)
    assert counts["pipeline.action"] == len(before["pipeline.action"]) > 0
    assert snapshot(fresh) == before


def test_import_refuses_an_account_with_data(people):
    alice = people["owner"]
    build(alice, [one()])
    with pytest.raises(dataio.ImportProblem, match="has data already"):
        dataio.import_data(alice, dataio.export_data(alice))


def test_import_refuses_a_file_that_is_not_an_export(people):
    with pytest.raises(dataio.ImportProblem, match="not a Closer export"):
        dataio.import_data(people["stranger"], {"tables": {}})


def test_csv_export_has_one_file_per_table(people):
    archive = zipfile.ZipFile(BytesIO(dataio.export_csv_zip(people["owner"])))
    assert {n.removesuffix(".csv") for n in archive.namelist()} == set(dataio.table_labels())


def test_delete_account_leaves_no_row_of_the_user(people, client):
    from closer.coaching.services import comment_add

    alice, bob = people["owner"], people["coach"]
    build(alice, [one(answer=CloseAnswer.REJECTED, later=AnswerKind.REJECTED, note_words="Hi")])
    opportunity = alice.opportunity_set.first()
    comment_add(opportunity=opportunity, author=bob, body="Well done")
    coach_for(people["stranger"], alice)  # alice coaches someone too
    assert dataio.owned_row_count(alice.pk) > 5
    client.force_login(alice)
    page = client.post("/account/delete/", {"confirm": "Delete my account", "password": PASSWORD})
    assert page.status_code == 200
    assert dataio.owned_row_count(alice.pk) == 0
    assert dataio.owned_row_count(bob.pk) > 0  # the coach's own account is untouched


def test_delete_needs_the_typed_phrase_and_the_password(people, client):
    alice = people["owner"]
    client.force_login(alice)
    wrong = client.post("/account/delete/", {"confirm": "yes", "password": PASSWORD})
    assert "exactly" in wrong.content.decode()
    wrong = client.post("/account/delete/", {"confirm": "delete my account", "password": "x"})
    assert "not your current password" in wrong.content.decode()
    assert type(alice).objects.filter(pk=alice.pk).exists()


def test_web_export_downloads_json(people, client):
    client.force_login(people["owner"])
    response = client.get("/account/export.json")
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["format"] == "closer-export"


# Its own SQLite file, whatever the test database is: this runs in both passes.
def test_backup_of_a_database_being_written_to_is_complete(tmp_path):
    source = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(source)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)")
    setup.executemany("INSERT INTO t (payload) VALUES (?)", [("x" * 500,)] * 5000)
    setup.commit()
    setup.close()
    stop = threading.Event()
    written = []

    def writer() -> None:
        db = sqlite3.connect(source, timeout=30)
        while not stop.is_set():
            db.execute("INSERT INTO t (payload) VALUES (?)", ("y" * 500,))
            db.commit()
            written.append(1)
        db.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while len(written) < 50 and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(written) >= 50, "the writer stopped before the backup began"
        target = tmp_path / "copy.sqlite3"
        dataio.backup_sqlite(source, target)
    finally:
        stop.set()
        thread.join()
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count, last = copy.execute("SELECT count(*), max(id) FROM t").fetchone()
    # A consistent snapshot: every row up to the last one is there, none half-written.
    assert count == last and count >= 5050
    assert copy.execute("SELECT count(*) FROM t WHERE length(payload) != 500").fetchone()[0] == 0


def test_a_backup_cleans_up_what_a_killed_backup_left(tmp_path):
    source = tmp_path / "live.sqlite3"
    sqlite3.connect(source).execute("CREATE TABLE t (id INTEGER PRIMARY KEY)").connection.commit()
    left = tmp_path / f"monday.sqlite3{dataio.backup.PARTIAL}"
    left.write_bytes(b"half a copy")
    mine = tmp_path / "notes.partial"  # someone else's file: not Closer's to remove
    mine.write_text("keep me")
    dataio.backup_sqlite(source, tmp_path / "tuesday.sqlite3")
    assert not left.exists() and mine.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "live.sqlite3",
        "notes.partial",
        "tuesday.sqlite3",
    ]
