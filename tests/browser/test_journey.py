"""The whole loop on a phone-sized screen: prepare, log the close, see the plan, act on it.

Set CLOSER_SCREENSHOTS to a folder (e.g. docs/screenshots) to save the close form and the
opportunity page as PNGs on the way.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.db import connections
from helpers import at
from playwright.sync_api import Page, expect

from closer.pipeline.models import Action

pytestmark = pytest.mark.browser


def _fits_the_screen(page: Page) -> None:
    """One column at 375 px: nothing wider than the viewport, so no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


def _screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("CLOSER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_it_closes_an_interview_and_plans_the_follow_up(phone: Page, alice, monkeypatch):
    # An hour after the interview, on the same day (New York, alice's zone).
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:00")
    page = phone

    # Today starts empty and tells the user what to do; focus is visible from the first Tab.
    page.goto("/")
    expect(page.get_by_role("heading", name="Nothing to do right now")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert skip.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"

    # A new opportunity; the sales flag is left to the guess from the title.
    page.get_by_role("link", name="New opportunity").first.click()
    page.get_by_label("Company", exact=True).fill("Acme")
    page.get_by_label("Role", exact=True).fill("Account Executive")
    _fits_the_screen(page)
    page.get_by_role("button", name="Save the opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Account Executive")

    # The interview, with its interviewer.
    page.get_by_role("link", name="Add an interview").click()
    page.get_by_label("Starts at").fill("2026-11-25T14:00")
    page.get_by_label("Interviewers").fill("Dana Lee <dana@acme.example>")
    page.get_by_role("button", name="Add the interview").click()
    expect(page.get_by_text("Interview added.")).to_be_visible()

    # The close card, read before walking in: a sales role leads with the ask.
    page.get_by_role("link", name="Close card").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Close card: Account Executive at Acme"
    )
    expect(page.locator(".close-card .lede")).to_have_text("Wed 25 Nov at 14:00 with Dana Lee")
    headings = page.locator(".close-card h2").all_inner_texts()
    assert headings[0] == "Ask for the job"
    # The print stylesheet keeps the card to one sheet of paper.
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    _fits_the_screen(page)

    # Walking out: log the close in a few taps.
    page.get_by_role("link", name="Log the close").click()
    page.get_by_label("I asked for the job").check()
    expect(page.get_by_label("No decision yet")).to_be_checked()
    # Their words are read as they are typed.
    page.get_by_label("When they expect to decide").press_sequentially("end of next week")
    expect(page.locator("#reading-expected")).to_have_text("→ Fri 4 Dec 2026 (end of next week)")
    page.get_by_label("The latest you should hear").press_sequentially("the 10th at the latest")
    expect(page.locator("#reading-latest")).to_contain_text("→ Thu 10 Dec 2026")
    page.get_by_label("Yes, I may get in touch").check()
    _fits_the_screen(page)
    _screenshot(page, "close-form.png")
    page.get_by_role("button", name="Save and plan").click()

    # The plan: a thank-you to Dana tonight, and a follow-up timed against the latest date.
    expect(page).to_have_url(re.compile(r"/opportunities/\d+/#plan$"))
    plan = page.locator("#plan")
    thank_you = plan.locator(".action", has_text="Send a thank-you note")
    expect(thank_you).to_contain_text("Dana Lee")
    expect(thank_you).to_contain_text("Wed 25 Nov, 21:00")
    expect(thank_you.locator(".tag-today")).to_have_text("today")
    follow_up = plan.locator(".action", has_text="Follow up")
    expect(follow_up).to_contain_text("Fri 11 Dec, 10:00")
    expect(follow_up.locator(".action-reason")).to_contain_text("Thu 10 Dec")
    _fits_the_screen(page)
    _screenshot(page, "opportunity.png")

    # Back on Today, the thank-you is due today; sending it takes one tap.
    page.get_by_role("link", name="Today", exact=True).click()
    due_today = page.locator(".group-today")
    expect(due_today).to_contain_text("Send a thank-you note")
    due_today.get_by_role("button", name="Done: Send a thank-you note, Dana Lee, Acme").click()
    expect(page.get_by_role("status")).to_contain_text("Done: Send a thank-you note, Dana Lee")
    expect(page.locator(".group-today .action")).to_have_count(0)

    try:
        action = Action.objects.get(kind="thank_you")
        assert action.status == Action.Status.DONE
        assert action.due_at == at("2026-11-25 21:00")
    finally:
        # Inside Playwright's sync API the ORM runs in another context and so opens a second
        # connection; close it, or PostgreSQL cannot drop the test database afterwards.
        connections.close_all()
