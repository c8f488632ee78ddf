"""Helpers for the browser tests: viewports, console watching, screenshots, fitting checks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def fits_the_screen(page: Page) -> None:
    """Nothing wider than the viewport, so no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


def screenshot(page: Page, name: str) -> None:
    """Saved only when CLOSER_SCREENSHOTS names a folder (`make screenshots`)."""
    folder = os.environ.get("CLOSER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def watch_console(page: Page) -> list[str]:
    """Every console error and uncaught exception the page logs, as text."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return problems


@contextmanager
def browser_page(base_url: str, viewport: dict[str, int]) -> Iterator[Page]:
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport=viewport, base_url=base_url)
            context.set_default_timeout(10_000)
            yield context.new_page()
            context.close()
        finally:
            browser.close()
