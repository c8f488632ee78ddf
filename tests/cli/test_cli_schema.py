"""The schema check that runs before every command: a database that is new, behind, deleted
or swapped for an older file is migrated first; an up-to-date one is left alone.

Real `closer` processes on real SQLite files in fresh data directories, as in
test_cli_subprocess.py; the last test reads the database of the test run (either backend).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from closer.cli.common import all_migrations_applied

NOW = "2026-11-25T15:00"
NEW_DATABASE = "Set up a new Closer database"


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m ARGS` on this data directory's SQLite file; it must succeed."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        CLOSER_DATA_DIR=str(data_dir), CLOSER_NOW=NOW, DJANGO_SETTINGS_MODULE="closer.settings"
    )
    result = subprocess.run(
        [sys.executable, "-m", *args],
        env=env,
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def closer(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(data_dir, "closer.cli", *args)


def unapplied(data_dir: Path) -> list[str]:
    """The migrations Django itself would still apply to this data directory's database."""
    listing = _run(data_dir, "django", "showmigrations", "--list").stdout
    return [line.strip() for line in listing.splitlines() if line.strip().startswith("[ ]")]


def outdated(data_dir: Path) -> Path:
    """A database with the sample pipeline whose schema is behind: the pipeline's last three
    migrations are rolled back. (Further back would take the accounts' migrations with them,
    the sample space among them, and the sample with it.)"""
    closer(data_dir, "demo")
    _run(data_dir, "django", "migrate", "pipeline", "0005")
    assert "[ ] 0006_a_record_you_can_live_in" in unapplied(data_dir)
    return data_dir / "closer.sqlite3"


def test_it_sets_up_a_fresh_database_once(tmp_path):
    data = tmp_path / "fresh"
    first = closer(data, "today", "--json")
    assert NEW_DATABASE in first.stderr
    assert json.loads(first.stdout)["today"] == []
    assert unapplied(data) == []

    again = closer(data, "today", "--json")
    assert again.stderr == ""


def test_it_sets_up_a_new_database_when_the_file_was_deleted(tmp_path):
    data = tmp_path / "fresh"
    closer(data, "demo")
    (data / "closer.sqlite3").unlink()

    result = closer(data, "today", "--json")
    assert NEW_DATABASE in result.stderr
    assert unapplied(data) == []


def test_it_migrates_a_database_whose_schema_is_behind(tmp_path):
    data = tmp_path / "behind"
    outdated(data)

    result = closer(data, "--sample", "today", "--json")
    # Migrated in place: the same database, its data kept, so not announced as new.
    assert NEW_DATABASE not in result.stderr
    assert json.loads(result.stdout)["overdue"]
    assert unapplied(data) == []


def test_it_migrates_an_older_file_put_in_place_of_an_up_to_date_one(tmp_path):
    data = tmp_path / "current"
    closer(data, "demo")
    closer(data, "today", "--json")
    shutil.copyfile(outdated(tmp_path / "old"), data / "closer.sqlite3")
    assert unapplied(data) != []

    result = closer(data, "--sample", "today", "--json")
    assert json.loads(result.stdout)["overdue"]
    assert unapplied(data) == []


@pytest.mark.django_db
def test_it_reads_the_migration_table_of_the_database_in_use():
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    assert all_migrations_applied()
    MigrationRecorder(connection).migration_qs.latest("applied").delete()
    assert not all_migrations_applied()
