"""Every page, start-up, load and worker benchmark, each in a fresh process (each needs its own
database), gathered into the "pages" section of BENCHMARKS.md.

    python -m bench.report --postgres postgresql://postgres@127.0.0.1:5432/postgres \\
        --centre 10000 --write BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from collections import deque
from datetime import date
from pathlib import Path

from bench.markdown import write_section

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> str:
    """One benchmark's report (its standard output). Its progress (standard error) is passed
    on as it comes, so a long run shows how far it has got; the end of it is kept for the
    report if the benchmark fails."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    tail: deque[str] = deque(maxlen=40)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        assert child.stderr is not None
        for line in child.stderr:
            sys.stderr.write(line)
            tail.append(line)
        child.wait()
        out.seek(0)
        report = out.read()
    if child.returncode != 0:
        return f"`{' '.join(args)}` failed:\n\n```\n{''.join(tail).strip()[-2000:]}\n```\n"
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the page benchmarks and report them.")
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--centre", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=60, help="load test length")
    parser.add_argument("--small", action="store_true", help="tiny data (the smoke test)")
    parser.add_argument("--write", type=Path, metavar="PATH")
    opts = parser.parse_args(argv)
    small = ["--small", "--runs", "3"] if opts.small else []
    parts = [
        "## Pages, start-up and load",
        "",
        f"Measured {date.today()} on {platform.platform()} ({os.cpu_count()} CPUs), "
        f"Python {platform.python_version()}. Server time is measured around Django's test "
        "client in-process (no network); p95 over 40 requests after 3 warm-up requests.",
        "",
        run("bench.pages", "--startup", "1" if opts.small else "10", *small),
    ]
    if opts.postgres:
        parts.append(run("bench.pages", "--postgres", opts.postgres, *small))
        centre = ["--centre", str(3 if opts.small else opts.centre)]
        parts.append(run("bench.pages", "--postgres", opts.postgres, *centre, *small))
    parts.append(run("bench.load", "--seconds", str(1 if opts.small else opts.seconds),
                     *(["--small"] if opts.small else [])))  # fmt: skip
    if opts.postgres:
        sizes = ["--small"] if opts.small else ["--users", str(opts.centre)]
        parts.append(run("bench.worker", "--postgres", opts.postgres, *sizes))
    section = "\n".join(parts)
    print(section)
    if opts.write:
        write_section(opts.write, "pages", section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
