"""`closer export`, `closer import`, `closer backup`, `closer check --deploy`, `closer invite`."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import sys

import pytest
from accounts.world import close_for
from typer.testing import CliRunner

from closer.cli import app

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_export_then_import_into_a_fresh_account(alice, tmp_path):
    close_for(alice)
    out = tmp_path / "export.json"
    assert run("export", "--out", str(out), "--csv", str(tmp_path / "t.zip")).exit_code == 0
    document = json.loads(out.read_text())
    assert len(document["tables"]["pipeline.action"]) >= 2
    assert (tmp_path / "t.zip").stat().st_size > 0

    from closer.accounts.services import account_delete, local_user

    account_delete(user=alice)
    result = run("import", str(out))
    assert result.exit_code == 0, result.output
    assert "Imported" in result.output
    from closer.pipeline.models import Action

    assert Action.objects.filter(owner=local_user()).count() == len(
        document["tables"]["pipeline.action"]
    )


def test_import_says_what_is_wrong(alice, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run("import", str(bad))
    assert result.exit_code == 1 and "is not JSON" in result.output
    close_for(alice)
    good = tmp_path / "good.json"
    run("export", "--out", str(good))
    result = run("import", str(good))
    assert result.exit_code == 1 and "has data already" in result.output


def test_hosted_export_needs_a_user(people):
    result = run("export")
    assert result.exit_code == 1 and "--user" in result.output
    result = run("export", "--user", "alice@example.org")
    assert result.exit_code == 0 and json.loads(result.output)["format"] == "closer-export"


@pytest.mark.sqlite_only
@pytest.mark.django_db(transaction=True)
def test_backup_copies_the_database(alice, tmp_path):
    close_for(alice)
    target = tmp_path / "backup.sqlite3"
    result = run("backup", str(target))
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM pipeline_action").fetchone()[0] >= 2


@pytest.mark.postgres_only
def test_backup_on_postgresql_points_at_pg_dump(db, tmp_path):
    result = run("backup", str(tmp_path / "x"))
    assert result.exit_code == 1 and "pg_dump" in result.output


def test_invite_prints_a_sign_up_link(db):
    result = run("invite", "sam@example.org")
    assert result.exit_code == 0 and "/signup/?invite=" in result.output


def _closer(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CLOSER_", "DJANGO_"))}
    clean.pop("SECRET_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "closer.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_production_settings(tmp_path):
    result = _closer(
        "check",
        "--deploy",
        CLOSER_MODE="hosted",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="closer.example.org",
        CSRF_TRUSTED_ORIGINS="https://closer.example.org",
        CLOSER_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_check_deploy_fails_on_a_development_setting(tmp_path):
    result = _closer(
        "check",
        "--deploy",
        CLOSER_MODE="hosted",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="closer.example.org",
        DEBUG="1",
        CLOSER_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 1 and "DEBUG" in result.stderr


def test_hosted_mode_without_a_secret_key_refuses_to_start(tmp_path):
    result = _closer("check", CLOSER_MODE="hosted", CLOSER_DATA_DIR=str(tmp_path))
    assert result.returncode == 1 and "SECRET_KEY" in result.stderr
