"""Fixtures for the command line: run `closer` in-process against the test database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from closer.cli import app

Invoke = Callable[..., Result]


@pytest.fixture
def cli() -> Invoke:
    """cli("plan", "Acme", "--json") runs `closer plan Acme --json`; a bug raises, as usual."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def frozen(monkeypatch) -> Callable[[str], None]:
    """frozen("2026-11-25T15:30") sets CLOSER_NOW (New York wall-clock time for alice)."""

    def freeze(moment: str) -> None:
        monkeypatch.setenv("CLOSER_NOW", moment)

    return freeze
