"""A real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright's sync API.

A missing browser fails the run on purpose: a browser test that silently skips proves nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(live_server, transactional_db, monkeypatch) -> Iterator:
    """A page in a 375 px wide viewport, pointed at the live server."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still plain synchronous code, so Django's async guard must stand aside.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    assert Path(CHROMIUM).exists(), f"Chromium is missing at {CHROMIUM}; install Debian's chromium."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport=PHONE, base_url=live_server.url)
            context.set_default_timeout(10_000)
            yield context.new_page()
            context.close()
        finally:
            browser.close()
