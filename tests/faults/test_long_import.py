"""A long import on SQLite while the web app and the worker run on the same file, all as real
processes: the import writes in short steps, so pages (reads and writes) keep answering,
never with a 500, and the worker keeps running."""

from __future__ import annotations

import http.cookiejar
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from outbox.smtp_server import SmtpServer

REPO = Path(__file__).resolve().parents[2]


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CLOSER_NOW"}}
    env.update(CLOSER_DATA_DIR=str(data), TZ="America/New_York", PYTHONPATH=str(REPO), **extra)
    return env


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args], env=_env(data), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done


class _Browser:
    """Pages asked for over and over, some of them writes (a new opportunity), with cookies
    and the CSRF token as a browser sends them."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.statuses: list[int] = []
        self.stop = threading.Event()

    def _open(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, data=body)
        if data is not None:
            request.add_header("Referer", self.url + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as answered:
            return answered.code, answered.read().decode()

    def browse(self) -> None:
        n = 0
        while not self.stop.is_set():
            for path in ("/", "/opportunities/", "/contacts/"):
                self.statuses.append(self._open(path)[0])
            status, form = self._open("/opportunities/new/")
            self.statuses.append(status)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
            if token:
                n += 1
                status, _ = self._open(
                    "/opportunities/new/",
                    {
                        "csrfmiddlewaretoken": token.group(1),
                        "company": f"Walk-in {n}",
                        "role": "Analyst",
                        "status": "applied",
                        "sales_role": "auto",
                        "senior": "auto",
                    },
                )
                self.statuses.append(status)


@pytest.mark.sqlite_only
def test_a_long_import_keeps_the_web_app_and_the_worker_going(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    _run(source, "-m", "bench.generate", "--data-dir", str(source), "--heavy")
    export = tmp_path / "heavy.json"
    _run(source, "-m", "closer.cli", "export", "--out", str(export))

    sink = SmtpServer()
    sink.start()
    mail = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink.port), "DEFAULT_FROM_EMAIL": "a@b.c"}
    server = subprocess.Popen(
        [sys.executable, "-m", "closer.cli", "serve", "--port", "0"],
        env=_env(target),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "closer.cli", "worker", "--pause", "0.2"],
        env=_env(target, **mail),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith("Closer is running at"), server.stderr
        browser = _Browser(line.split(" at ", 1)[1].split()[0])
        importing = subprocess.Popen(
            [sys.executable, "-m", "closer.cli", "import", str(export)],
            env=_env(target),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Browsing (and writing) starts once the import has begun on the empty account.
        database = target / "closer.sqlite3"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and importing.poll() is None:
            with sqlite3.connect(database) as peek:
                if peek.execute("SELECT count(*) FROM accounts_dataimport").fetchone()[0]:
                    break
            time.sleep(0.05)
        walker = threading.Thread(target=browser.browse)
        walker.start()
        out, err = importing.communicate(timeout=300)
        browser.stop.set()
        walker.join(timeout=120)
        assert importing.returncode == 0, err
        assert "Imported 41500 rows" in out
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        assert server.poll() is None
        assert len(browser.statuses) >= 8, "the pages were not asked for during the import"
        assert 500 not in browser.statuses
        assert set(browser.statuses) <= {200, 302, 503}, sorted(set(browser.statuses))
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=30)
        sink.stop()
