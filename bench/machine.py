"""The machine and the versions every figure in BENCHMARKS.md was measured with, written as
the file's first section.

    python -m bench.machine --postgres postgresql://postgres@127.0.0.1:5432/postgres \\
        --write BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
from datetime import date
from importlib.metadata import version
from pathlib import Path

from bench.markdown import write_section


def postgres_version(url: str) -> str:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            return str(connection.execute("SHOW server_version").fetchone()[0])
    except psycopg.Error as exc:
        return f"not reachable ({type(exc).__name__})"


def wrk_version() -> str:
    if shutil.which("wrk") is None:
        return "not installed"
    done = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (done.stdout or done.stderr).split()[1] if (done.stdout or done.stderr) else "?"


def memory_gib() -> str:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return "?"
    return f"{pages * size / 2**30:.0f} GiB"


def section(postgres: str | None) -> str:
    rows = [
        ("Date", str(date.today())),
        ("Machine", f"{platform.platform()}, {os.cpu_count()} CPUs, {memory_gib()} memory"),
        ("Python", platform.python_version()),
        ("Django", version("django")),
        ("SQLite", sqlite3.sqlite_version),
        ("PostgreSQL", postgres_version(postgres) if postgres else "not measured"),
        ("gunicorn", version("gunicorn")),
        ("wrk", wrk_version()),
    ]
    lines = ["## Machine and versions", "", "| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    lines += [
        "",
        "The machine is a shared virtual one: the same CPU-bound loop takes up to 1.5× longer "
        "from one minute to the next, so single figures move by that much between runs.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Record the machine and versions.")
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--write", type=Path, metavar="PATH")
    opts = parser.parse_args(argv)
    text = section(opts.postgres)
    print(text)
    if opts.write:
        write_section(opts.write, "machine", text, first=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
