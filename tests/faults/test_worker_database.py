"""`closer worker` as a real process whose PostgreSQL connection is cut (as by a restart or a
failover): mid-run and while idle. It keeps running, sends every note once (or shows it as
unknown), and writes down as sent what it sent before the cut."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection
from helpers import at, database_url
from reminders.slow_sink import SlowSink

from closer.core.records import CloseAnswer
from closer.outbox import services
from closer.outbox.models import Note
from closer.outbox.selectors import note_view
from closer.pipeline.models import Action
from closer.pipeline.services import CloseInput, PersonInput, close_log_new

NOW = at("2026-11-25 15:30")


def _queue_notes(owner, numbers) -> list[str]:
    addresses = []
    for n in numbers:
        close = close_log_new(
            owner=owner,
            company_name=f"Co {n}",
            role="Analyst",
            starts_at=at("2026-11-25 14:00"),
            interviewers=[PersonInput(f"Person {n}", f"p{n}@example.org")],
            data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
            now=at("2026-11-25 15:00"),
        )
        action = Action.objects.get(interview=close.interview, kind="thank_you")
        view = note_view(action, now=NOW)
        fields = services.NoteFields(to=view.to, subject=view.subject, body=view.body)
        services.note_queue(action=action, fields=fields, now=NOW)
        addresses.append(f"p{n}@example.org")
    return addresses


def _cut_the_workers_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def _wait(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _settled(count: int) -> bool:
    return Note.objects.filter(status__in=["sent", "sending"]).count() == count and not (
        Note.objects.filter(status="sending", error="").exists()
    )


@pytest.mark.postgres_only
def test_a_worker_whose_connection_is_cut_carries_on(transactional_db, tmp_path, sender):
    owner = sender.user
    sink = SlowSink(delay=0.3)
    sink.start()
    addresses = _queue_notes(owner, range(6))
    env = {k: v for k, v in os.environ.items() if k != "CLOSER_NOW"}
    env.update(
        DATABASE_URL=database_url(),
        CLOSER_DATA_DIR=str(tmp_path / "data"),
        CLOSER_NOW=NOW.isoformat(),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        EMAIL_TIMEOUT="30",
        TZ="America/New_York",
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "closer.cli", "worker", "--pause", "0.3"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait(lambda: len([r for r in sink.recipients if r in addresses]) >= 2)
        assert _cut_the_workers_connections() >= 1  # mid-run
        assert _wait(lambda: _settled(6)), list(Note.objects.values_list("status", "error"))
        assert worker.poll() is None, "the worker exited"

        assert _cut_the_workers_connections() >= 1  # while idle
        time.sleep(1)
        assert worker.poll() is None, "the worker exited while idle"
        later = _queue_notes(owner, [6])
        assert _wait(lambda: Note.objects.filter(to__contains=later[0], status="sent").exists())
    finally:
        worker.send_signal(signal.SIGTERM)
        _, err = worker.communicate(timeout=60)
        sink.stop()
    assert worker.returncode == 0, err
    assert "not answering" in err
    delivered = [r for r in sink.recipients if r in addresses + later]
    # Once each; a note whose fate the cut left unknown is shown so, never sent twice.
    assert len(delivered) == len(set(delivered))
    for note in Note.objects.all():
        arrived = any(r in note.to for r in delivered)
        if note.status == "sent":
            assert arrived, note.to
        else:
            assert note.status == "sending" and note.error, (note.to, note.status)
