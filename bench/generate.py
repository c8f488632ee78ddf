"""Fill a database with realistic Closer data, fast, to try the app at scale.

    python -m bench.generate --data-dir /tmp/heavy --heavy
    CLOSER_DATA_DIR=/tmp/heavy closer today          # the heavy user is the local user

    python -m bench.generate --postgres postgresql://postgres@127.0.0.1:5432/centre \\
        --users 10000 --opportunities 10

The target is always named: a data directory (its SQLite file is created and migrated) or a
PostgreSQL database that exists already. Nothing goes into your own data by default. Seeding
twice adds to what is there.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Fill a database with realistic Closer data: a career centre of ordinary "
        "job seekers and, with --heavy, one heavy user (the local user).",
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--data-dir", type=Path, metavar="DIR", help="SQLite in this directory")
    target.add_argument("--postgres", metavar="URL", help="an existing PostgreSQL database")
    parser.add_argument("--users", type=int, default=0, metavar="N", help="ordinary users to add")
    parser.add_argument(
        "--opportunities", type=int, default=10, metavar="M", help="per ordinary user (10)"
    )
    parser.add_argument(
        "--heavy",
        action="store_true",
        help="also give the local user 2,000 opportunities and 20,000 actions",
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed (7)")
    opts = parser.parse_args(argv)
    if opts.users < 0 or opts.opportunities < 1:
        parser.error("--users must be 0 or more and --opportunities 1 or more")
    if not (opts.users or opts.heavy):
        parser.error("nothing to do: give --users N, --heavy or both")
    return opts


def main(argv: list[str] | None = None) -> int:
    opts = parse(argv)
    if opts.data_dir:
        opts.data_dir.mkdir(parents=True, exist_ok=True)
        os.environ["CLOSER_DATA_DIR"] = str(opts.data_dir.resolve())
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = opts.postgres
    os.environ["DJANGO_SETTINGS_MODULE"] = "closer.settings"
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command
    from django.db import OperationalError

    django.setup()
    try:
        call_command("migrate", verbosity=0)
    except OperationalError as error:
        print(f"Error: cannot open the database: {error}".strip(), file=sys.stderr)
        return 1

    from bench import seed
    from closer import clock
    from closer.accounts.services import local_user

    now, rng = clock.now(), random.Random(opts.seed)
    started = time.perf_counter()
    actions = 0
    if opts.users:
        shape = seed.ordinary(opts.opportunities)
        actions += seed.seed_centre(opts.users, now, rng, shape=shape)
    if opts.heavy:
        print("Seeding the heavy user…", file=sys.stderr, flush=True)
        actions += seed.seed_user(local_user(), seed.HEAVY, now, rng)
    seed.tidy()
    print(
        f"Added {opts.users + opts.heavy:,} users and {actions:,} actions "
        f"in {time.perf_counter() - started:.0f} s.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
