"""Server time and SQL queries per page, for a heavy user and inside a full career centre.

    python -m bench.pages                      # SQLite, heavy user
    DATABASE_URL=postgresql://... python -m bench.pages --centre 10000

Each run uses its own database (a temporary SQLite file, or a PostgreSQL database created
and dropped here), so a benchmark never touches anyone's data. Times are measured around
Django's test client in this process: the server's own time, without the network.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POST_PAGE = "Log the close (POST)"


@dataclass(frozen=True)
class PageTiming:
    page: str
    p50_ms: float
    p95_ms: float
    queries: int


@contextmanager
def bench_database(postgres_url: str | None) -> Iterator[str]:
    """A fresh, empty database for this run; yields a label for the report."""
    if not postgres_url:
        with tempfile.TemporaryDirectory(prefix="closer-bench-") as folder:
            os.environ["CLOSER_DATA_DIR"] = folder
            os.environ.pop("DATABASE_URL", None)
            yield "SQLite"
        return
    import psycopg

    name = f"closer_bench_{os.getpid()}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = postgres_url.rsplit("/", 1)[0] + "/" + name
    try:
        yield "PostgreSQL"
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "closer.settings"
    os.environ.setdefault("CLOSER_NOW", "2026-11-25T15:00")
    # Django's test client calls itself "testserver".
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    # As in Django's own test runner: keep one connection for the whole run, so query
    # capture sees every query and no request pays for reconnecting.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


def measure(client, method: str, url: str, data: dict | None, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = client.post if method == "POST" else client.get
    for _ in range(3):  # warm-up: templates compiled, connections open
        response = call(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        call(url, data or {})
    # Counted now: the next request starts by clearing the connection's query log.
    queries = len(captured)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call(url, data or {})
        samples.append((time.perf_counter() - start) * 1000)
    return samples, queries


def pages(runs: int) -> list[PageTiming]:
    """Today, the opportunity list, the busiest opportunity page and the close POST."""
    from django.db.models import Count
    from django.test import Client

    from closer.accounts.services import local_user
    from closer.pipeline.models import Interview, Opportunity

    me = local_user()
    busiest = (
        Opportunity.objects.filter(owner=me)
        .annotate(n=Count("interviews__actions"))
        .order_by("-n")
        .first()
    )
    interview = Interview.objects.filter(opportunity=busiest).order_by("-starts_at").first()
    close = {
        "asked_for_job": "on",
        "answer": "pending",
        "expected_words": "end of next week",
        "permission": "yes",
    }
    targets = [
        ("Today", "GET", "/", None),
        ("Opportunities", "GET", "/opportunities/", None),
        ("Opportunity page", "GET", f"/opportunities/{busiest.pk}/", None),
        ("Contacts", "GET", "/contacts/", None),
        (POST_PAGE, "POST", f"/interviews/{interview.pk}/close/", close),
    ]
    client = Client()
    results = {}
    # Writes first: logging the close re-plans (the first time, it adds actions), so every
    # page read after it sees the same data, in a first run and in a run after more seeding.
    for name, method, url, data in sorted(targets, key=lambda t: t[1] != "POST"):
        samples, queries = measure(client, method, url, data, runs)
        results[name] = PageTiming(
            name, statistics.median(samples), statistics.quantiles(samples, n=20)[18], queries
        )
    return [results[name] for name, *_ in targets]


def startup(runs: int) -> list[str]:
    """`closer today --json` for the seeded user against a bare Django start-up, wall time."""
    import subprocess

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "closer.settings"}
    commands = {
        "`closer today --json`": [sys.executable, "-m", "closer.cli", "today", "--json"],
        '`python -c "import django; django.setup()"`': [
            sys.executable,
            "-c",
            "import django; django.setup()",
        ],
    }
    medians = {}
    for label, command in commands.items():
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times.append((time.perf_counter() - start) * 1000)
        medians[label] = statistics.median(times[1:])  # the first run warms the disk cache
    (_, today_ms), (_, bare_ms) = medians.items()
    lines = [f"- {label}: median {ms:.0f} ms over {runs} runs" for label, ms in medians.items()]
    ratio = today_ms / bare_ms
    return [*lines, f"- {mark(ratio <= 1.5)} ratio ≤ 1.5×: {ratio:.2f}×", ""]


def table(title: str, rows: list[PageTiming]) -> list[str]:
    lines = [f"**{title}**", "", "| Page | p50 ms | p95 ms | SQL queries |", "|---|---:|---:|---:|"]
    lines += [f"| {r.page} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | {r.queries} |" for r in rows]
    return [*lines, ""]


def mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def query_check(rows: list[PageTiming]) -> str:
    """Every page (GET) at or under 10 queries; the close POST is a write and is reported."""
    pages = [r for r in rows if r.page != POST_PAGE]
    most = max(pages, key=lambda r: r.queries)
    return f"- {mark(most.queries <= 10)} ≤ 10 queries on every page: at most {most.queries}"


def centre_check(alone: list[PageTiming], among: list[PageTiming]) -> list[str]:
    """The same pages with the whole centre in the database: equal query counts, and times
    within noise (here: p50 within 25 % or 2 ms, whichever is larger)."""
    lines = []
    for before, after in zip(alone, among, strict=True):
        slack = max(2.0, before.p50_ms * 0.25)
        same = after.queries == before.queries and after.p50_ms <= before.p50_ms + slack
        lines.append(
            f"- {mark(same)} {before.page}: p50 {before.p50_ms:.1f} → {after.p50_ms:.1f} ms, "
            f"queries {before.queries} → {after.queries}"
        )
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-page server time and SQL queries.")
    parser.add_argument("--postgres", metavar="URL", help="measure on PostgreSQL at this URL")
    parser.add_argument("--centre", type=int, default=0, help="other users to add (ordinary)")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--startup", type=int, default=0, help="also time the CLI N times")
    parser.add_argument("--small", action="store_true", help="tiny data (the smoke test)")
    opts = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with bench_database(opts.postgres) as label:
        setup_django()
        from bench import seed
        from closer import clock
        from closer.accounts.services import local_user, settings_for

        now, rng = clock.now(), random.Random(7)
        me = local_user()
        zone = settings_for(me)
        zone.time_zone = "America/New_York"
        zone.save()
        lines = []
        if opts.centre:
            seed.seed_user(me, seed.ORDINARY, now, rng)
            seed.tidy()  # as autovacuum would: the planner knows the tables' sizes
            alone = pages(opts.runs)
            lines += table(f"{label}, an ordinary user alone", alone)
            started = time.perf_counter()
            total = seed.seed_centre(opts.centre, now - timedelta(minutes=1), rng)
            seconds = time.perf_counter() - started
            seed.tidy()
            among = pages(opts.runs)
            lines += table(
                f"{label}, the same user among {opts.centre:,} others ({total:,} actions; "
                f"seeded in {seconds:.0f} s)",
                among,
            )
            lines += centre_check(alone, among)
        else:
            who, shape = ("small user", seed.ORDINARY) if opts.small else ("heavy user", seed.HEAVY)
            seed.seed_user(me, shape, now, rng)
            seed.tidy()
            measured = pages(opts.runs)
            lines += table(f"{label}, {who} ({shape.actions:,} actions)", measured)
            today = measured[0]
            if label == "SQLite":  # the target is set for the local, single-user set-up
                ok = mark(today.p95_ms <= 25)
                lines.append(f"- {ok} Today p95 ≤ 25 ms: {today.p95_ms:.1f} ms")
            lines += [query_check(measured), ""]
            if opts.startup:
                lines += [f"**Command-line start-up, {who}**", "", *startup(opts.startup)]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
