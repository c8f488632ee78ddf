"""The whole loop on a phone-sized screen: prepare, log the close, see the plan, send the
thank-you, record a rejection and see the plan turn to feedback and allies.

Set CLOSER_SCREENSHOTS to a folder (e.g. docs/screenshots) to save pages on the way.
"""

from __future__ import annotations

import re

import pytest
from browser.screens import fits_the_screen, watch_console
from django.db import connections
from playwright.sync_api import Page, expect

from closer.pipeline.models import Action

pytestmark = pytest.mark.browser


def test_it_closes_an_interview_and_plans_the_follow_up(phone: Page, alice, monkeypatch):
    # An hour after the interview, on the same day (New York, alice's zone).
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:00")
    page = phone
    problems = watch_console(page)

    # Today starts empty and tells the user what to do; focus is visible from the first Tab.
    page.goto("/")
    expect(page.get_by_role("heading", name="Nothing to do right now")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert skip.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"

    # A new opportunity; the sales flag is left to the guess from the title.
    page.get_by_role("link", name="Add your next interview").click()
    page.get_by_label("Company", exact=True).fill("Acme")
    page.get_by_label("Role", exact=True).fill("Account Executive")
    fits_the_screen(page)
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
    fits_the_screen(page)

    # Walking out: log the close in a few taps (5 here, the save included).
    page.get_by_role("link", name="Log the close").click()
    page.get_by_label("I asked for the job").check()
    expect(page.get_by_label("No decision yet")).to_be_checked()
    # Only the questions for this answer show: no feedback box while it is still open.
    expect(page.get_by_label("Feedback they gave")).to_be_hidden()
    # Their words are read as they are typed.
    page.get_by_label("When they expect to decide").press_sequentially("end of next week")
    expect(page.locator("#reading-expected")).to_have_text(
        "→ Fri 4 Dec 2026, from “end of next week”"
    )
    page.get_by_label("The latest you should hear").press_sequentially("the 10th at the latest")
    expect(page.locator("#reading-latest")).to_contain_text("→ Thu 10 Dec 2026")
    page.get_by_label("Yes, I may get in touch").check()
    fits_the_screen(page)
    page.get_by_role("button", name="Save and plan").click()

    # The plan: a thank-you to Dana tonight, and a follow-up timed against the latest date.
    expect(page).to_have_url(re.compile(r"/opportunities/\d+/#plan$"))
    opportunity_url = page.url.split("#")[0]
    plan = page.locator("#plan")
    thank_you = plan.locator(".action", has_text="Send a thank-you note")
    expect(thank_you).to_contain_text("Dana Lee")
    expect(thank_you).to_contain_text("Wed 25 Nov, 21:00")
    expect(thank_you.locator(".tag-today")).to_have_text("today")
    follow_up = plan.locator(".action", has_text="Follow up")
    expect(follow_up).to_contain_text("Fri 11 Dec, 10:00")
    expect(follow_up.locator(".action-reason")).to_contain_text("Thu 10 Dec")
    fits_the_screen(page)

    # Back on Today, the thank-you is due today; its draft is one tap away.
    page.get_by_role("link", name="Today", exact=True).click()
    due_today = page.locator(".group-today")
    expect(due_today).to_contain_text("Send a thank-you note")
    due_today.get_by_role("link", name="Write the note").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("to Dana Lee")
    page.get_by_role("button", name="I sent it myself").click()
    expect(page.get_by_role("status")).to_contain_text("Marked as sent to Dana Lee")

    # A week later the answer comes: no.
    monkeypatch.setenv("CLOSER_NOW", "2026-12-02T11:00")
    page.goto(opportunity_url)
    page.get_by_label("A rejection").check()
    page.get_by_label("Feedback they gave").fill("Wanted more enterprise experience.")
    page.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_role("status")).to_contain_text("Answer recorded")
    plan = page.locator("#plan")
    expect(plan.locator(".action", has_text="Follow up")).to_have_count(0)
    expect(plan.locator(".action", has_text="Ask for feedback")).to_have_count(0)
    expect(plan.locator(".action", has_text="Thank them for the feedback")).to_have_count(1)
    expect(plan.locator(".action", has_text="Reconnect")).to_contain_text("Dana Lee")
    history = page.locator("#history")
    expect(history.locator(".event").first).to_contain_text("Answer: A rejection")
    expect(history).to_contain_text("Note sent to Dana Lee")

    # Dana is an ally now, with a reconnect date on the contacts page.
    page.get_by_role("link", name="Contacts").click()
    dana = page.locator(".person", has_text="Dana Lee")
    expect(dana.locator(".role-ally")).to_be_visible()
    expect(dana).to_contain_text("Next reconnect")
    fits_the_screen(page)
    assert problems == []

    try:
        thank = Action.objects.get(kind="thank_you")
        assert thank.status == Action.Status.DONE
        assert Action.objects.get(kind="follow_up").status == Action.Status.CANCELLED
    finally:
        # Inside Playwright's sync API the ORM runs in another context and so opens a second
        # connection; close it, or PostgreSQL cannot drop the test database afterwards.
        connections.close_all()


def test_it_logs_a_close_with_the_keyboard_only(phone: Page, interview, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:00")
    page = phone
    problems = watch_console(page)
    try:
        page.goto(f"/interviews/{interview.pk}/close/")
        # Tab from the top of the page to the first question; every stop shows its focus.
        for _ in range(30):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.id")
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline == "solid", f"no visible focus on #{focused}"
            if focused == "id_asked_for_job":
                break
        page.keyboard.press("Space")
        expect(page.get_by_label("I asked for the job")).to_be_checked()
        page.keyboard.press("Tab")  # into the answer radios, on "No decision yet"
        page.keyboard.press("ArrowDown")  # "We agreed it is not a fit"
        page.keyboard.press("ArrowDown")  # "They turned me down"
        expect(page.get_by_label("They turned me down")).to_be_checked()
        # The feedback question appears for a rejection; the timing questions step aside.
        expect(page.get_by_label("Feedback they gave")).to_be_visible()
        expect(page.get_by_label("When they expect to decide")).to_be_hidden()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "id_feedback"
        page.keyboard.type("Wanted more enterprise deals.")
        # Past the notes box to the save button, and Enter.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Save and plan")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/opportunities/\d+/#plan$"))
        expect(page.locator("#plan")).to_contain_text("Thank them for the feedback")
        assert problems == []
    finally:
        connections.close_all()
