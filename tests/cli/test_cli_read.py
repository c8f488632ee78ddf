"""`closer read` and timing words on `closer log`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from closer.pipeline.models import Close

pytestmark = pytest.mark.django_db


def test_it_reads_words_as_json(cli, alice):
    result = cli(
        "read", "we should know by the end of next week", "--at", "2026-11-25 16:00", "--json"
    )
    assert result.exit_code == 0, result.output
    reading = json.loads(result.stdout)
    assert reading["by"] == "2026-12-04"
    assert reading["said"] == "2026-11-25"
    assert "next week" in reading["phrase"]


def test_it_prints_a_reading(cli, alice):
    result = cli("read", "end of next week", "--at", "2026-11-25 16:00")
    assert result.exit_code == 0
    assert "Fri 4 Dec 2026" in result.output


def test_it_says_when_no_date_is_understood(cli, alice):
    result = cli("read", "We'll be in touch soon.", "--at", "2026-11-25 16:00", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["by"] is None
    result = cli("read", "We'll be in touch soon.")
    assert "No date understood" in result.output


def test_it_refuses_a_bad_moment(cli, alice):
    result = cli("read", "Friday", "--at", "yesterday-ish")
    assert result.exit_code == 1
    assert result.output.startswith("Error: --at")


def test_log_reads_timing_words(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    result = cli(
        "log", "--company", "Acme", "--role", "Account Executive",
        "--interviewer", "Dana Lee <dana@acme.example>", "--at", "2026-11-25 14:00",
        "--asked-for-job", "--answer", "pending", "--expected", "end of next week",
        "--latest", "no timeline yet", "--permission", "yes", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "--expected: “end of next week” → Fri 4 Dec 2026" in result.stderr
    assert "--latest: “no timeline yet” no date understood" in result.stderr
    json.loads(result.stdout)  # the readings stay off stdout
    close = Close.objects.get()
    assert (close.expected_date, close.expected_words) == (date(2026, 12, 4), "end of next week")
    assert (close.latest_date, close.latest_words) == (None, "no timeline yet")


def test_it_reads_words_in_a_fresh_process(tmp_path):
    """A real `closer read`, which must set Django up before it imports what reads the words
    (in-process tests cannot tell: the test run has set Django up already)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CLOSER_NOW"}}
    env.update(CLOSER_DATA_DIR=str(tmp_path / "data"), CLOSER_NOW="2026-11-25T16:00")
    done = subprocess.run(
        [sys.executable, "-m", "closer.cli", "read", "we'll let you know by Friday", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["by"] == "2026-11-27"
