"""Exit 0 when the database in DATABASE_URL answers, 1 otherwise (used by `make test`)."""

from __future__ import annotations

import os
import sys


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(f"DATABASE_URL is not a PostgreSQL URL: {url!r}", file=sys.stderr)
        return 1
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL did not answer: {exc}".strip(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
