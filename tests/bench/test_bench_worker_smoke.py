"""A tiny run of the worker benchmark, so it cannot rot unnoticed (no timings asserted).

It runs in a child process, as bench.report runs bench.pages: the benchmark sets Django up
against a database of its own, which this test process (already set up) cannot do."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench.worker import SMALL

ROOT = Path(__file__).resolve().parents[2]


def test_the_worker_benchmark_runs_on_tiny_data(tmp_path):
    postgres = os.environ.get("DATABASE_URL", "")
    args = ["--small", "--postgres", postgres] if postgres.startswith("postgres") else ["--small"]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CLOSER_NOW")}
    done = subprocess.run(
        [sys.executable, "-m", "bench.worker", *args],
        cwd=ROOT,
        env={**env, "CLOSER_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout
    label = "PostgreSQL" if postgres.startswith("postgres") else "SQLite"
    assert f"**{label}, the worker among {SMALL.users} users" in text
    assert "| Operation | Rows | p50 ms | p95 ms | SQL queries |" in text
    claims = re.findall(r"^\| Claim .* \| (\d+) claimed \|", text, flags=re.MULTILINE)
    assert claims == [str(SMALL.due), str(SMALL.due)], text
    assert re.search(r"^[✅❌] Claiming ", text, flags=re.MULTILINE), text
