"""Every command explains itself, and the command line fails in the documented ways."""

from __future__ import annotations

import re
import sys

import pytest
import typer

from closer import __version__
from closer.cli import app, main

EXPECTED = {"serve", "log", "today", "plan", "card", "answer", "demo"}


def _commands() -> dict:
    return typer.main.get_command(app).commands  # type: ignore[attr-defined]


def test_it_registers_the_documented_commands():
    assert set(_commands()) >= EXPECTED


@pytest.mark.parametrize("name", sorted(_commands()))
def test_it_gives_every_command_help_with_an_example(cli, name):
    for flag in ("--help", "-h"):
        result = cli(name, flag)
        assert result.exit_code == 0, result.output
        assert "Example" in result.output
        # Examples keep their indentation, so they read as commands to copy.
        assert re.search(r"^ {4,}closer ", result.output, re.MULTILINE), result.output
    summary = (_commands()[name].help or "").strip().splitlines()[0]
    assert summary.endswith("."), f"{name}: the first docstring line is a one-line summary"


def test_it_shows_top_level_help_with_dash_h(cli):
    result = cli("-h")
    assert result.exit_code == 0
    assert all(name in result.output for name in EXPECTED)


def test_it_shows_the_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"closer {__version__}"


def test_it_exits_2_on_a_usage_mistake(cli):
    assert cli("today", "--no-such-flag").exit_code == 2
    assert cli("log", "--answer", "maybe").exit_code == 2


@pytest.mark.django_db
def test_it_turns_a_bad_closer_now_into_one_line(cli, alice, frozen):
    frozen("next tuesday")
    result = cli("today")
    assert result.exit_code == 1
    assert result.output.startswith("Error: CLOSER_NOW")
    assert "Traceback" not in result.output


@pytest.mark.django_db
def test_it_hides_the_traceback_of_an_unexpected_error(alice, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("closer.pipeline.selectors.actions_today", broken)
    monkeypatch.setattr(sys, "argv", ["closer", "today"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "RuntimeError: boom" in err
    assert "CLOSER_DEBUG=1" in err and "Traceback" not in err
