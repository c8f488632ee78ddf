"""The worker at career-centre scale: claiming 1,000 due reminders among a million reminder
rows, and one scheduling pass over every user.

    python -m bench.worker --postgres postgresql://postgres@127.0.0.1:5432/postgres
    python -m bench.worker --small          # tiny data in a temporary SQLite file

Like bench.pages, each run uses its own database (created and dropped here). The reminder
history goes in with one INSERT ... SELECT, which is how a million rows take seconds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
# 16:30 in New York (every seeded user's zone): past the digest hour and the nudge time, so
# a scheduling pass has both kinds to consider.
NOW = datetime(2026, 11, 25, 16, 30, tzinfo=ZoneInfo("America/New_York"))
TARGET_MS = 100


@dataclass(frozen=True)
class Size:
    users: int
    history: int  # reminder rows from earlier days, sent or skipped
    due: int  # queued reminders due now: what a claim has to find
    runs: int


FULL = Size(users=10_000, history=1_000_000, due=1_000, runs=20)
SMALL = Size(users=10, history=60, due=5, runs=3)


@dataclass(frozen=True)
class Seeded:
    actions: int
    reminders: int
    due_ids: list[int]


@dataclass(frozen=True)
class Timing:
    operation: str
    rows: str
    p50_ms: float
    p95_ms: float
    queries: int


def seed(size: Size, rng: random.Random) -> Seeded:
    """The centre, its reminder history and the due reminders."""
    from django.contrib.auth import get_user_model
    from django.db.models import Value
    from django.db.models.functions import Concat

    from bench.seed import seed_centre, tidy
    from closer.reminders.models import Reminder

    started = time.perf_counter()
    actions = seed_centre(size.users, NOW, rng)
    print(
        f"seeded {size.users:,} users, {actions:,} actions in "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    # Hosted members sign up with their email, which is where their reminders go.
    users = get_user_model().objects
    users.update(email=Concat("username", Value("@example.org")))
    started = time.perf_counter()
    days = max(1, round(size.history / (2 * size.users)))
    _insert_history(days)
    today = NOW.date()
    due = Reminder.objects.bulk_create(
        Reminder(user_id=pk, kind="digest", day=today, message_id=f"<due-{pk}@closer.invalid>")
        for pk in users.order_by("pk").values_list("pk", flat=True)[: size.due]
    )
    tidy()
    reminders = Reminder.objects.count()
    print(
        f"added {reminders:,} reminder rows ({len(due):,} due) in "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return Seeded(actions, reminders, [r.pk for r in due])


def _insert_history(days: int) -> None:
    """A digest and a nudge row for every user on each of the `days` days before today: four
    in five sent, the rest skipped. Distinct days keep (user, kind, day) unique, and the
    Message-ID is built from the same three."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from closer.reminders.models import Reminder

    ops = connection.ops
    users = ops.quote_name(get_user_model()._meta.db_table)
    past = [NOW.date() - timedelta(days=n) for n in range(1, days + 1)]
    day_rows = " UNION ALL ".join(["SELECT %s AS n, %s AS day"] * len(past))
    params: list[object] = []
    for n, day in enumerate(past, start=1):
        params += [n, ops.adapt_datefield_value(day)]
    stamp = ops.adapt_datetimefield_value(NOW - timedelta(days=1))
    table = ops.quote_name(Reminder._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (user_id, kind, day, status, attempts, next_attempt_at,
                claimed_at, sent_at, error, message_id, created_at)
            SELECT u.id, k.kind, d.day,
                CASE WHEN (u.id + d.n) %% 5 = 0 THEN 'skipped' ELSE 'sent' END,
                1, NULL, %s, %s, '',
                '<history-' || u.id || '-' || k.kind || '-' || d.n || '@closer.invalid>', %s
            FROM {users} u
            CROSS JOIN (SELECT 'digest' AS kind UNION ALL SELECT 'nudge') k
            CROSS JOIN ({day_rows}) d
            """,
            [stamp, stamp, stamp, *params],
        )


def _timed(
    operation: str,
    run: Callable[[], int],
    reset: Callable[[], None],
    runs: int,
    rows: Callable[[int], str],
) -> Timing:
    """Median and p95 of `run` over `runs` runs after one warm-up, `reset` before each. The
    queries are counted in one more run after them, so recording them slows no timed run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for _ in range(runs + 1):
        reset()
        started = time.perf_counter()
        count = run()
        samples.append((time.perf_counter() - started) * 1000)
    samples = samples[1:]
    reset()
    with CaptureQueriesContext(connection) as captured:
        run()
    queries = sum(1 for q in captured if q["sql"].split()[0] not in ("BEGIN", "COMMIT"))
    p95 = statistics.quantiles(samples, n=20)[18]
    return Timing(operation, rows(count), statistics.median(samples), p95, queries)


def measure(due_ids: list[int], runs: int) -> list[Timing]:
    """The two claims, then the two kinds of scheduling pass (claims first: a scheduling pass
    makes more reminders due)."""
    from bench.seed import tidy
    from closer.reminders.models import Reminder
    from closer.reminders.sending import ReminderQueue, reminders_claim, reminders_schedule

    due = Reminder.objects.filter(pk__in=due_ids)
    today = Reminder.objects.filter(day=NOW.date()).exclude(pk__in=due_ids)

    def back_to_queued() -> None:
        due.update(status=Reminder.Status.QUEUED, claimed_at=None)
        tidy(Reminder._meta.db_table)

    def claim_in_batches() -> int:
        claimed = 0
        while batch := reminders_claim(NOW, ReminderQueue.batch):
            claimed += len(batch)
        return claimed

    def forget_scheduled() -> None:
        today.delete()
        tidy(Reminder._meta.db_table)

    n = len(due_ids)
    timings = [
        _timed(
            f"Claim {n:,} due reminders, {ReminderQueue.batch} per claim (the worker's path)",
            claim_in_batches,
            back_to_queued,
            runs,
            rows=lambda count: f"{count:,} claimed",
        ),
        _timed(
            f"Claim {n:,} due reminders in one claim",
            lambda: len(reminders_claim(NOW, n)),
            back_to_queued,
            runs,
            rows=lambda count: f"{count:,} claimed",
        ),
    ]
    back_to_queued()
    passes = _passes(runs)
    timings.append(
        _timed(
            "Schedule: the day's first pass over every user",
            lambda: reminders_schedule(now=NOW),
            forget_scheduled,
            passes,
            rows=lambda count: f"{count:,} new",
        )
    )
    timings.append(
        _timed(
            "Schedule: a later pass (everything already made)",
            lambda: reminders_schedule(now=NOW),
            lambda: None,  # the rows the first pass made are kept
            passes,
            rows=lambda count: f"{count:,} new",
        )
    )
    return timings


def table(title: str, timings: list[Timing], runs: int, due: int) -> list[str]:
    claim = timings[0]
    verdict = "✅" if claim.p95_ms <= TARGET_MS else "❌"
    lines = [
        f"**{title}**",
        "",
        "Measured in-process around the worker's own functions: median and p95 over "
        f"{runs} runs of each claim and {_passes(runs)} scheduling passes, after one warm-up "
        "run of each. Before each run the due rows go back to the queue (or the pass's rows are "
        "deleted) and PostgreSQL vacuums; queries are counted without BEGIN and COMMIT.",
        "",
        "| Operation | Rows | p50 ms | p95 ms | SQL queries |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {t.operation} | {t.rows} | {t.p50_ms:.1f} | {t.p95_ms:.1f} | {t.queries} |"
        for t in timings
    ]
    return [
        *lines,
        "",
        f"{verdict} Claiming {due:,} due reminders the worker's way: p95 {claim.p95_ms:.1f} ms "
        f"(in one claim: p95 {timings[1].p95_ms:.1f} ms; target ≤ {TARGET_MS} ms).",
        "",
    ]


def _passes(runs: int) -> int:
    """Scheduling passes to time: fewer than claims, each makes thousands of rows."""
    return max(2, runs // 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Reminder claiming and scheduling at scale.")
    parser.add_argument("--postgres", metavar="URL", help="measure on PostgreSQL at this URL")
    parser.add_argument("--users", type=int, default=FULL.users)
    parser.add_argument("--small", action="store_true", help="tiny data (the smoke test)")
    opts = parser.parse_args(argv)
    size = SMALL if opts.small else _scaled(opts.users)
    sys.path.insert(0, str(ROOT))
    from bench.pages import bench_database, setup_django

    with bench_database(opts.postgres) as label:
        # Scheduling does nothing without a mail server; nothing is sent here.
        os.environ["EMAIL_HOST"] = "127.0.0.1"
        setup_django()
        seeded = seed(size, random.Random(7))
        timings = measure(seeded.due_ids, size.runs)
    title = (
        f"{label}, the worker among {size.users:,} users ({seeded.actions:,} actions, "
        f"{seeded.reminders:,} reminder rows, {len(seeded.due_ids):,} due)"
    )
    print("\n".join(table(title, timings, size.runs, len(seeded.due_ids))))
    return 0


def _scaled(users: int) -> Size:
    """The full run's proportions for another number of users: a hundred reminder rows each."""
    return Size(users=users, history=100 * users, due=min(FULL.due, users), runs=FULL.runs)


if __name__ == "__main__":
    raise SystemExit(main())
