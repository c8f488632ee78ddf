"""Every page at phone (375 px) and desktop (1280 px) width: it fits, logs no console error,
and is saved as a screenshot for the README when CLOSER_SCREENSHOTS is set."""

from __future__ import annotations

import pytest
from browser.screens import DESKTOP, PHONE, browser_page, fits_the_screen, screenshot, watch_console
from django.db import connections
from helpers import at
from playwright.sync_api import expect

from closer.core.records import CloseAnswer
from closer.pipeline.models import Action, Company
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    ReferralInput,
    close_log_new,
    company_rename,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def pipeline(acme_close, alice):
    """Acme pending (the acceptance scenario), Globex turned down, Initech not a fit."""
    close_log_new(
        owner=alice,
        company_name="Globex",
        role="Sales Lead",
        starts_at=at("2026-11-20 10:00"),
        interviewers=[PersonInput("Hank Scorpio", "hank@globex.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.REJECTED, feedback="More SaaS."),
        now=at("2026-11-20 12:00"),
    )
    close_log_new(
        owner=alice,
        company_name="Initech",
        role="Business Development Manager",
        starts_at=at("2026-11-24 16:00"),
        interviewers=[PersonInput("Bill Lumbergh", "bill@initech.example")],
        data=CloseInput(
            asked_for_job=False,
            answer=CloseAnswer.NOT_A_FIT,
            referrals=(ReferralInput(PersonInput("Peter Gibbons", "peter@example.org")),),
        ),
        now=at("2026-11-24 18:00"),
    )
    return acme_close


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_every_page_fits_and_logs_no_error(
    live_server, transactional_db, monkeypatch, pipeline, width
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    opportunity = pipeline.interview.opportunity_id
    thank_you = Action.objects.get(interview=pipeline.interview, kind="thank_you").pk
    pages = {
        "today": "/",
        "pipeline": "/opportunities/",
        "opportunity": f"/opportunities/{opportunity}/",
        "close-form": f"/interviews/{pipeline.interview_id}/close/",
        "card": f"/opportunities/{opportunity}/card/",
        "note": f"/actions/{thank_you}/note/",
        "contacts": "/contacts/",
        "settings": "/settings/",
        "edit": f"/opportunities/{opportunity}/edit/",
        "changes": "/changes/",
    }
    # Something on the list of recent changes.
    initech = Company.objects.get(name="Initech")
    company_rename(company=initech, name="Initech Ltd", now=at("2026-11-25 09:00"))
    viewport = PHONE if width == "phone" else DESKTOP
    try:
        with browser_page(live_server.url, viewport) as page:
            problems = watch_console(page)
            for name, url in pages.items():
                response = page.goto(url)
                assert response is not None and response.status == 200, url
                page.wait_for_load_state("networkidle")
                fits_the_screen(page)
                screenshot(page, f"{name}-{width}.png")
            # Inline actions on Today: snooze the follow-up without leaving the page.
            page.goto("/")
            row = page.locator(".group-today .action").first
            expect(row.get_by_role("button", name="Copy the note")).to_be_visible()
            assert problems == []
    finally:
        connections.close_all()


def test_today_acts_inline_without_moving_the_page(phone, pipeline, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    page = phone
    problems = watch_console(page)
    try:
        page.goto("/")
        feedback = page.locator(".action", has_text="Thank them for the feedback").first
        feedback.locator("summary", has_text="Snooze").click()
        feedback.get_by_label("Snooze to").fill("2026-12-08")
        feedback.get_by_role("button", name="Save the snooze").click()
        expect(page.get_by_role("status").first).to_contain_text("Snoozed to Tue 8 Dec")
        skip = page.locator(".action", has_text="Reach out to a referral").first
        skip.get_by_role("button", name="Skip").click()
        expect(page.locator(".action-resolved", has_text="Skipped")).to_be_visible()
        page.reload()
        expect(page.locator(".action", has_text="Reach out to a referral")).to_have_count(0)
        assert problems == []
    finally:
        connections.close_all()


def test_the_board_moves_a_card(phone, pipeline, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-26T09:00")
    page = phone
    try:
        page.goto("/opportunities/")
        page.get_by_label("Move Acme to").select_option("offer")
        page.locator("#opportunity-" + str(pipeline.interview.opportunity_id)).get_by_role(
            "button", name="Move"
        ).click()
        expect(page.get_by_role("status")).to_contain_text("Acme moved to Offer")
        expect(page.locator("#board .column-offer")).to_contain_text("Acme")
        # A real status change: the offer is recorded and the plan asks for a reply.
        assert Action.objects.get(kind="respond_offer").status == Action.Status.OPEN
    finally:
        connections.close_all()
