"""`closer worker` as real processes against a real SMTP server: several workers on
PostgreSQL send each reminder once; a worker killed with SIGKILL mid-batch and started again
neither repeats nor loses a reminder; SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import at, database_url, make_user
from reminders.slow_sink import SlowSink

from closer.pipeline.models import Action
from closer.pipeline.services import interview_create, opportunity_create
from closer.reminders.models import Reminder

MORNING = "2026-11-26T08:30:00-05:00"
LATER = "2026-11-26T08:45:00-05:00"  # past the claim lease of a killed worker


def _worker(tmp_path: Path, sink: SlowSink, now: str, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "CLOSER_NOW"}
    env.update(
        DATABASE_URL=database_url(),
        CLOSER_DATA_DIR=str(tmp_path / "data"),
        CLOSER_NOW=now,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        EMAIL_TIMEOUT="30",
        DEFAULT_FROM_EMAIL="closer@example.org",
        TZ="America/New_York",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "closer.cli", "worker", *args],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _people_with_something_due(count: int) -> list[str]:
    addresses = []
    for n in range(count):
        user = make_user(f"seeker{n}")
        user.email = f"seeker{n}@example.org"
        user.save()
        opportunity = opportunity_create(owner=user, company_name=f"Co {n}", role="Analyst")
        interview = interview_create(opportunity=opportunity, starts_at=at("2026-11-25 10:00"))
        Action.objects.create(
            owner=user,
            interview=interview,
            opportunity=interview.opportunity,
            kind="follow_up",
            due_at=at("2026-11-26 10:00"),
            reason="They said they would decide this week.",
        )
        addresses.append(user.email)
    return addresses


@pytest.fixture
def sink():
    server = SlowSink()
    server.start()
    yield server
    server.stop()


# Several workers at once is a PostgreSQL set-up; on SQLite one worker runs.
@pytest.mark.postgres_only
def test_two_workers_on_postgresql_send_each_reminder_once(transactional_db, tmp_path, sink):
    addresses = _people_with_something_due(12)
    workers = [_worker(tmp_path, sink, MORNING, "--once") for _ in range(2)]
    for process in workers:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert sorted(sink.recipients) == sorted(addresses)
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}


def test_kill_9_mid_batch_then_restart_neither_repeats_nor_loses(transactional_db, tmp_path, sink):
    """The worker claimed all four reminders in one batch, sent two and was killed during the
    third: the third and the fourth (claimed, never begun) both stay in `sending`, since a
    killed process releases nothing. A worker started after CLAIM_LEASE takes both over."""
    addresses = _people_with_something_due(4)
    sink.stall_at = 3
    first = _worker(tmp_path, sink, MORNING, "--once")
    assert sink.stalled.wait(timeout=60), first.communicate(timeout=5)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert len(sink.received) == 2
    states = sorted(Reminder.objects.values_list("status", flat=True))
    assert states == ["sending", "sending", "sent", "sent"]

    sink.stall_at = None
    sink.release.set()
    again = _worker(tmp_path, sink, LATER, "--once")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert sorted(sink.recipients) == sorted(addresses)
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}


def test_sigterm_stops_the_loop_cleanly(transactional_db, tmp_path, sink):
    addresses = _people_with_something_due(3)
    sink.stall_at = 2
    worker = _worker(tmp_path, sink, MORNING, "--pause", "0.2")
    assert sink.stalled.wait(timeout=60)
    worker.send_signal(signal.SIGTERM)
    sink.release.set()  # the row in hand is finished, then it stops
    _, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
    assert "Stopped." in err
    assert len(sink.recipients) == 2
    assert sorted(Reminder.objects.values_list("status", flat=True)) == ["queued", "sent", "sent"]
    assert set(sink.recipients) < set(addresses)
