"""Throughput under load: Today with nothing due, for an ordinary user and for a heavy one,
against a trivial Django view, all served by gunicorn with 2 workers on loopback and hit by
wrk with 50 connections.

    python -m bench.load --seconds 60
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.pages import mark

ROOT = Path(__file__).resolve().parents[1]
# wrk's Lua hook: print the percentiles wrk itself does not (p95) in a line we parse.
REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("closer-bench p50=%d p95=%d errors=%d requests=%d\\n",
    latency:percentile(50), latency:percentile(95),
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    summary.requests))
end
"""


NOTHING_DUE = "Today, nothing due yet"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not start on port {port}")


def run_wrk(settings: str, seconds: int, connections: int, env: dict[str, str]) -> dict[str, float]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "closer.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        cwd=ROOT,
    )  # fmt: skip
    try:
        wait_for(port)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(REPORT)
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script.name,
             f"http://127.0.0.1:{port}/"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        os.unlink(script.name)
    finally:
        server.terminate()
        server.wait(timeout=10)
    found = re.search(r"closer-bench p50=(\d+) p95=(\d+) errors=(\d+) requests=(\d+)", out)
    if not found:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    p50, p95, errors, requests = (int(x) for x in found.groups())
    return {"p50_ms": p50 / 1000, "p95_ms": p95 / 1000, "errors": errors, "rps": requests / seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Today under load next to a trivial view.")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--small", action="store_true", help="tiny data (the smoke test)")
    opts = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("Error: wrk is not installed (apt-get install wrk).", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    from bench.pages import bench_database, setup_django

    results = {}
    # One database for every run: Django reads its settings once per process. The ordinary
    # user is the one the throughput target is about; then the same user grows into the
    # heavy one (20,000 actions more) to show how far that moves it.
    with bench_database(None):
        setup_django()
        from bench import seed
        from closer import clock
        from closer.accounts.services import local_user, user_now
        from closer.pipeline.selectors import actions_today

        env = dict(os.environ)
        me, rng = local_user(), random.Random(7)
        trivial = run_wrk("bench.trivial_settings", opts.seconds, opts.connections, env)
        # The page's own fixed cost (menu, an empty plan, one query), before any data.
        results[NOTHING_DUE] = run_wrk("closer.settings", opts.seconds, opts.connections, env)
        # Someone in the middle of a search: ten opportunities over three months.
        seed.seed_user(me, seed.ORDINARY, clock.now(), rng)
        shown = sum(actions_today(me, user_now(me)).totals.values())
        ordinary = f"Today, an ordinary user ({shown} actions on it)"
        results[ordinary] = run_wrk("closer.settings", opts.seconds, opts.connections, env)
        if not opts.small:
            seed.seed_user(me, seed.HEAVY, clock.now(), rng)
            results["Today, the heavy user"] = run_wrk(
                "closer.settings", opts.seconds, opts.connections, env
            )
        results["trivial Django view"] = trivial
    lines = [
        f"**Under load** (gunicorn, 2 workers, SQLite; wrk, {opts.connections} connections, "
        f"{opts.seconds} s each, loopback; the trivial view runs through the same middleware)",
        "",
        "| Served | requests/s | p50 ms | p95 ms | errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
            f"{r['errors']:.0f} |"
        )
    share = results[ordinary]["rps"] / trivial["rps"]
    errors = sum(r["errors"] for r in results.values())
    lines += [
        "",
        f"- {mark(share >= 0.5)} Today's throughput ≥ 50 % of the trivial view's "
        f"(ordinary user): {share:.0%}",
        f"- Today with nothing due: {results[NOTHING_DUE]['rps'] / trivial['rps']:.0%} of the "
        "trivial view's",
    ]
    if "Today, the heavy user" in results:
        heavy = results["Today, the heavy user"]["rps"] / trivial["rps"]
        lines.append(f"- Today for the heavy user: {heavy:.0%} of the trivial view's")
    lines += [
        f"- {mark(results[ordinary]['p95_ms'] < 300)} p95 < 300 ms with {opts.connections} clients "
        f"(ordinary user): {results[ordinary]['p95_ms']:.1f} ms",
        f"- {mark(errors == 0)} no errors: {errors:.0f}",
        "",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
