"""`closer today --json` is what scripts and status bars run over and over, so it starts
without loading what it does not use: other commands, Rich, pydantic (through Typer's help
flag) or the migration graph of an up-to-date database."""

from __future__ import annotations

import os
import subprocess
import sys

NOT_NEEDED = (
    "rich",
    "pydantic",
    "closer.cli.log",
    "closer.cli.note",
    "closer.cli.account",
    "django.db.migrations.executor",
)

# `closer today --json`, then the names of every module it loaded, one a line on stderr.
TODAY_AND_MODULES = """
import atexit, sys
atexit.register(lambda: print("\\n".join(sys.modules), file=sys.stderr))
from closer.cli import main
main()
"""


def test_it_loads_only_what_today_json_uses(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CLOSER_DATA_DIR"] = str(tmp_path / "data")

    def today_modules() -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", TODAY_AND_MODULES, "today", "--json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return set(result.stderr.splitlines())

    today_modules()  # the first run sets the database up, which takes the full path
    loaded = today_modules()
    assert "closer.cli.pipeline" in loaded
    unneeded = {n for n in loaded if n in NOT_NEEDED or n.split(".")[0] in NOT_NEEDED}
    assert unneeded == set()
