"""The real `closer` process: a fresh data directory, a real SQLite file, no test database.

These run `python -m closer.cli` with DATABASE_URL removed, so they exercise first-run
migration and the SQLite default even when the rest of the suite runs on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CLOSER_NOW"}}
    env.update(CLOSER_DATA_DIR=str(data_dir), TZ="America/New_York", **extra)
    return env


def closer(data_dir: Path, *args: str, now: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "closer.cli", *args],
        env=_env(data_dir, CLOSER_NOW=now),
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_acceptance_scenario(tmp_path):
    data = tmp_path / "fresh"
    logged = closer(
        data,
        "log",
        "--company", "Acme",
        "--role", "Account Executive",
        "--interviewer", "Dana Lee <dana@acme.example>",
        "--at", "2026-11-25 14:00",
        "--asked-for-job",
        "--answer", "pending",
        "--expected", "2026-12-04",
        "--latest", "2026-12-10",
        "--permission", "yes",
        now="2026-11-25T15:00",
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    assert (data / "closer.sqlite3").exists()

    today = closer(data, "today", "--json", now="2026-11-25T15:30")
    assert today.returncode == 0, today.stderr
    due_today = json.loads(today.stdout)["today"]
    assert {
        "kind": "thank_you",
        "contact": "Dana Lee",
        "due": "2026-11-25T21:00:00-05:00",
    }.items() <= due_today[0].items()

    plan = closer(data, "plan", "Acme", "--json", now="2026-11-25T15:30")
    assert plan.returncode == 0, plan.stderr
    follow_up = next(a for a in json.loads(plan.stdout) if a["kind"] == "follow_up")
    assert follow_up["due"] == "2026-12-11T10:00:00-05:00"
    assert "10 Dec" in follow_up["reason"]


def test_it_reports_errors_in_one_line_without_a_traceback(tmp_path):
    result = closer(tmp_path / "fresh", "plan", "Nowhere", now="2026-11-25T15:30")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == "Error: No opportunity matches 'Nowhere'."
    assert "Traceback" not in result.stderr

    bad_clock = closer(tmp_path / "fresh", "today", now="soon")
    assert bad_clock.returncode == 1
    assert bad_clock.stderr.startswith("Error: CLOSER_NOW")
    assert "Traceback" not in bad_clock.stderr


def test_it_reports_an_unreachable_database_in_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "closer.cli", "today"],
        # Nothing listens on port 1, so the connection is refused at once.
        env={**_env(tmp_path), "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/closer"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: the database could not be used: ")
    assert line.endswith("Check DATABASE_URL or CLOSER_DATA_DIR.")


def test_it_serves_the_web_app_on_loopback(tmp_path):
    data = tmp_path / "fresh"
    server = subprocess.Popen(
        [sys.executable, "-m", "closer.cli", "serve", "--port", "0"],
        env=_env(data),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # If the server never prints its address, readline() would wait for ever.
    watchdog = threading.Timer(60, server.kill)
    watchdog.start()
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith("Closer is running at http://127.0.0.1:"), server.stderr.read()
        url = line.split(" at ", 1)[1].split()[0]
        try:
            status = urllib.request.urlopen(url, timeout=10).status
        except urllib.error.HTTPError as answered:
            status = answered.code
        # Any HTTP answer will do: the pages themselves are tested elsewhere.
        assert 200 <= status < 500
        assert (data / "closer.sqlite3").exists()
    finally:
        watchdog.cancel()
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_it_refuses_a_public_address_in_local_mode(cli, host):
    result = cli("serve", "--host", host)
    assert result.exit_code == 1
    assert result.output.startswith("Error: Local mode only listens on this computer")


def test_hosted_mode_without_a_secret_key_says_which_setting_and_how(tmp_path):
    env = {k: v for k, v in _env(tmp_path / "data").items() if k != "SECRET_KEY"}
    done = subprocess.run(
        [sys.executable, "-m", "closer.cli", "today"],
        env={**env, "CLOSER_MODE": "hosted"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: Hosted mode needs SECRET_KEY")
    assert "secrets.token_urlsafe(50)" in done.stderr
    assert "did not expect" not in done.stderr and "Traceback" not in done.stderr
