"""A thank-you from Today on a phone: the countdown, the note page, the email-app link
following the edits, and "I sent it myself"."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.db import connections
from playwright.sync_api import Page, expect

from closer.pipeline.models import Action

pytestmark = pytest.mark.browser


def _screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("CLOSER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_it_writes_the_thank_you_from_today(phone: Page, acme_close, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    page = phone
    try:
        page.goto("/")
        row = page.locator(".group-today .action", has_text="Send a thank-you note")
        expect(row.locator(".tag-countdown")).to_have_text("due tonight, 5 h left")
        expect(row.get_by_role("button", name="Copy the note")).to_be_visible()
        _screenshot(page, "today-notes.png")
        row.get_by_role("link", name="Write the note").click()

        expect(page.get_by_role("heading", level=1)).to_contain_text("to Dana Lee")
        body = page.get_by_role("textbox", name="Note")
        expect(body).to_have_value(re.compile(r"^Hi Dana,\n\nThank you for talking with me today"))
        body.fill("Hi Dana,\n\nThank you for the chat about Lisbon.\n\nZoë")
        href = page.get_by_role("link", name="Open in your email app").get_attribute("href")
        assert "Lisbon" in unquote(href) and "%0D%0A" in href and "+" not in href
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"]
        _screenshot(page, "note.png")

        page.get_by_role("button", name="I sent it myself").click()
        expect(page.get_by_role("status")).to_contain_text("Marked as sent to Dana Lee")
        expect(page.locator(".note-body")).to_contain_text("Thank you for the chat about Lisbon.")
        assert Action.objects.get(kind="thank_you").status == Action.Status.DONE
    finally:
        connections.close_all()
