"""`closer ics` and `closer import-ics`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from closer.pipeline.models import Interview

DATA = Path(__file__).parent.parent / "data" / "ics"


def test_ics_prints_the_plan(cli, frozen, acme_close):
    frozen("2026-11-25T15:30")
    result = cli("ics")
    assert result.exit_code == 0
    events = Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    assert any("Dana Lee" in str(e["summary"]) for e in events)


def test_ics_out_writes_a_file(cli, acme_close, tmp_path):
    target = tmp_path / "plan.ics"
    result = cli("ics", "--out", str(target))
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_import_with_yes_uses_the_guesses(cli, alice):
    result = cli("import-ics", str(DATA / "outlook_invite.ics"), "--yes", "--json")
    assert result.exit_code == 0, result.output
    (imported,) = json.loads(result.stdout)
    assert (imported["company"], imported["role"]) == ("Initech", "Account Executive")
    assert imported["interviewers"] == ["Chidi Okafor", "Sam Whitfield", "talent@initech.co.uk"]


def test_import_skips_all_day_and_repeating_events_unless_picked(cli, alice):
    result = cli("import-ics", str(DATA / "apple_export.ics"), "--yes")
    assert result.exit_code == 0, result.output
    assert "Imported 1 interview." in result.stdout
    picked = cli(
        "import-ics", str(DATA / "apple_export.ics"), "--pick", "2",
        "--company", "Fair Co", "--role", "Any", "--yes",
    )  # fmt: skip
    assert picked.exit_code == 0, picked.output
    assert Interview.objects.count() == 2


def test_import_asks_in_a_terminal(cli, alice, monkeypatch):
    monkeypatch.setattr("closer.cli.ics.stdin_is_interactive", lambda: True)
    result = cli("import-ics", str(DATA / "google_invite.ics"), input="y\nGlobex Inc\n\n")
    assert result.exit_code == 0, result.output
    interview = Interview.objects.get()
    assert interview.opportunity.company.name == "Globex Inc"
    assert interview.opportunity.role == "Product Designer"


def test_import_without_a_terminal_needs_yes(cli, alice):
    result = cli("import-ics", str(DATA / "google_invite.ics"))
    assert result.exit_code == 1
    assert "--yes" in result.stderr
    assert not Interview.objects.exists()


def test_a_broken_file_imports_nothing(cli, alice):
    result = cli("import-ics", str(DATA / "broken_truncated.ics"), "--yes")
    assert result.exit_code == 1
    assert "Nothing was imported." in result.stderr
    assert "Traceback" not in result.output
    assert not Interview.objects.exists()


def test_a_missing_file_is_a_clear_error(cli, alice, tmp_path):
    result = cli("import-ics", str(tmp_path / "nope.ics"))
    assert result.exit_code == 1
    assert "could not read" in result.stderr


@pytest.mark.parametrize(("command", "what"), [("import-ics", "calendar"), ("import", "export")])
def test_an_endless_file_is_refused_while_it_is_read(cli, alice, command, what):
    # /dev/zero never ends: it must be refused at the size limit, not read for ever.
    result = cli(command, "/dev/zero")
    assert result.exit_code == 1
    assert "too big for a" in result.stderr and what in result.stderr
    assert "Nothing was imported" in result.stderr
