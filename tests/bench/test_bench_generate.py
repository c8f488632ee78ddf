"""`python -m bench.generate`: realistic data in the shapes the benchmarks use, in a database
named on its command line. Run in child processes, as an engineer runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def generate(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CLOSER_DATA_DIR")}
    return subprocess.run(
        [sys.executable, "-m", "bench.generate", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def counts(data_dir: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data_dir / "closer.sqlite3") as db:
        return db.execute(sql).fetchall()


def mine(data_dir: Path, table: str) -> int:
    """Rows of `table` that belong to the local user, "me" (the heavy user)."""
    sql = f"SELECT count(*) FROM {table} t JOIN auth_user u ON u.id = t.owner_id"
    return counts(data_dir, sql + " WHERE u.username = 'me'")[0][0]


def test_it_seeds_the_heavy_user_and_a_centre_in_the_sizes_asked_for(tmp_path):
    done = generate("--data-dir", str(tmp_path), "--heavy", "--users", "3", "--opportunities", "4")
    assert done.returncode == 0, done.stderr
    assert "Added 4 users and 20,120 actions" in done.stderr
    per_owner = counts(
        tmp_path,
        "SELECT u.username = 'me', count(DISTINCT o.id), count(DISTINCT i.id), count(a.id) "
        "FROM auth_user u JOIN pipeline_opportunity o ON o.owner_id = u.id "
        "JOIN pipeline_interview i ON i.opportunity_id = o.id "
        "LEFT JOIN pipeline_action a ON a.interview_id = i.id GROUP BY u.id",
    )
    heavy = [row[1:] for row in per_owner if row[0]]
    ordinary = [row[1:] for row in per_owner if not row[0]]
    # The heavy user: 2,000 opportunities, 6,000 interviews, 20,000 actions.
    assert heavy == [(2000, 6000, 20_000)]
    assert ordinary == [(4, 8, 40)] * 3
    assert mine(tmp_path, "outbox_note") == 5000
    assert mine(tmp_path, "people_contact") == 1500


def test_seeding_twice_adds_new_users(tmp_path):
    for _ in range(2):
        done = generate("--data-dir", str(tmp_path), "--users", "2", "--opportunities", "1")
        assert done.returncode == 0, done.stderr
    assert counts(tmp_path, "SELECT count(*) FROM auth_user") == [(4,)]
    assert counts(tmp_path, "SELECT count(*) FROM pipeline_action") == [(40,)]


def test_it_says_what_is_wrong_with_its_arguments(tmp_path):
    done = generate("--data-dir", str(tmp_path))
    assert done.returncode == 2
    assert "nothing to do: give --users N, --heavy or both" in done.stderr
    done = generate("--users", "3")
    assert done.returncode == 2 and "--data-dir" in done.stderr
    done = generate("--data-dir", str(tmp_path), "--users", "3", "--opportunities", "0")
    assert done.returncode == 2 and "--opportunities 1 or more" in done.stderr


def test_it_names_a_database_it_cannot_open_without_a_traceback():
    done = generate("--postgres", "postgresql://postgres@127.0.0.1:5432/no_such_db", "--users", "1")
    assert done.returncode == 1
    assert done.stderr.startswith("Error: cannot open the database:")
    assert "Traceback" not in done.stderr
