"""Correcting the record on a phone, by tapping and typing: a company's typo renamed into every
unsent note, an interview rescheduled and then called off, two entries of one person merged,
a Done and a board move undone, and an opportunity deleted from everywhere it showed.

Data may be set up through the services first; every correction itself goes through the page.
"""

from __future__ import annotations

import json
import re

import pytest
from browser.screens import fits_the_screen, watch_console
from django.db import connections
from helpers import acme_close_for, at
from playwright.sync_api import Locator, Page, expect

from closer.core.records import CloseAnswer
from closer.people.models import Contact
from closer.pipeline.models import Action, Change, Interview, Opportunity
from closer.pipeline.services import CloseInput, PersonInput, close_log_new

pytestmark = pytest.mark.browser


def _seen(page: Page) -> None:
    """The page loaded fully and fits a phone: no sideways scrolling."""
    page.wait_for_load_state("networkidle")
    fits_the_screen(page)


def _nav(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def _message(page: Page) -> Locator:
    return page.locator(".messages")


def _next_round(owner) -> Interview:
    """Initech round 1 on Wed 25 Nov ended with round 2 booked for Thu 3 Dec, 10:00, with Bill."""
    close = close_log_new(
        owner=owner,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[PersonInput("Peter Gibbons", "peter@initech.example")],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NEXT_ROUND,
            next_round_at=at("2026-12-03 10:00"),
            next_round_with=(PersonInput("Bill Lumbergh", "bill@initech.example"),),
        ),
        now=at("2026-11-25 11:00"),
    )
    assert close.next_interview is not None
    return close.next_interview


def test_a_company_typo_is_renamed_in_the_unsent_note_too(phone: Page, alice, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:00")
    page = phone
    problems = watch_console(page)
    try:
        # Entered in a hurry, with a typo in the company.
        page.goto("/")
        page.get_by_role("link", name="Add your next interview").click()
        page.get_by_label("Company", exact=True).fill("Acme Crop")
        page.get_by_label("Role", exact=True).fill("Account Executive")
        page.get_by_role("button", name="Save the opportunity").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("at Acme Crop")
        page.get_by_role("link", name="Add an interview").click()
        page.get_by_label("Starts at").fill("2026-11-25T14:00")
        page.get_by_label("Interviewers").fill("Dana Lee <dana@acme.example>")
        page.get_by_role("button", name="Add the interview").click()
        expect(_message(page)).to_contain_text("Interview added.")
        page.locator(".interview").get_by_role("link", name="Log the close").click()
        page.get_by_label("I asked for the job").check()
        page.get_by_role("button", name="Save and plan").click()
        expect(page).to_have_url(re.compile(r"/opportunities/\d+/#plan$"))
        opportunity_url = page.url.split("#")[0]

        # The thank-you is planned; its draft, saved, names the company with the typo.
        thank_you = page.locator("#plan .action", has_text="Send a thank-you note")
        thank_you.get_by_role("link", name="Write the note").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("to Dana Lee")
        body = page.get_by_role("textbox", name="Note")
        expect(body).to_have_value(re.compile(r"at Acme Crop\b"))
        page.get_by_label("Subject").fill("Our talk at Acme Crop")
        _seen(page)
        page.get_by_role("button", name="Save draft").click()
        expect(_message(page)).to_contain_text("Draft saved")
        note_url = page.url.split("?")[0]

        # The correction, from the opportunity.
        page.get_by_role("link", name="Account Executive at Acme Crop").click()
        expect(page).to_have_url(re.compile(re.escape(opportunity_url)))
        _seen(page)
        page.get_by_text("Correct this opportunity").click()
        page.get_by_role("link", name="Rename Acme Crop").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Rename Acme Crop")
        name = page.get_by_label("Company name")
        expect(name).to_have_value("Acme Crop")
        _seen(page)
        name.fill("Acme Corp")
        page.get_by_role("button", name="Rename").click()
        expect(_message(page)).to_contain_text("Renamed to Acme Corp, everywhere it appears.")
        expect(page.get_by_role("heading", level=1)).to_contain_text("at Acme Corp")
        expect(page.locator("#history")).to_contain_text("Company renamed: Acme Crop → Acme Corp")
        _seen(page)

        # The unsent note follows: its subject and its body say Acme Corp now.
        page.locator("#plan .action", has_text="Send a thank-you note").get_by_role(
            "link", name="Write the note"
        ).click()
        expect(page).to_have_url(re.compile(re.escape(note_url)))
        expect(page.get_by_label("Subject")).to_have_value("Our talk at Acme Corp")
        body = page.get_by_role("textbox", name="Note")
        expect(body).to_have_value(re.compile(r"at Acme Corp\b"))
        assert "Acme Crop" not in body.input_value()
        _seen(page)

        # Nor is the typo left on the board.
        _nav(page, "Pipeline").click()
        expect(page.locator("#board")).to_contain_text("Acme Corp")
        expect(page.locator("#board")).not_to_contain_text("Acme Crop")
        _seen(page)
        assert problems == []
    finally:
        # Inside Playwright's sync API the ORM runs in another context and so opens a second
        # connection; close it, or PostgreSQL cannot drop the test database afterwards.
        connections.close_all()


def test_a_round_is_rescheduled_then_called_off(phone: Page, alice, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    booked = _next_round(alice)
    page = phone
    problems = watch_console(page)
    try:
        page.goto(f"/opportunities/{booked.opportunity_id}/")
        prepare = page.locator("#plan .action", has_text="Prepare for the next round")
        expect(prepare.locator(".action-due")).to_contain_text("Wed 2 Dec")
        _seen(page)

        # Moved to the Tuesday after: the evening to prepare moves with it.
        page.get_by_role("link", name="Reschedule or edit round 2").click()
        starts = page.get_by_label("Starts at")
        expect(starts).to_have_value("2026-12-03T10:00")
        _seen(page)
        starts.fill("2026-12-08T10:00")
        page.get_by_role("button", name="Save the interview").click()
        expect(_message(page)).to_contain_text("the plan moved with the interview")
        expect(page.locator(f"#interview-{booked.pk} h3")).to_contain_text("Tue 8 Dec, 10:00")
        expect(prepare.locator(".action-due")).to_contain_text("Mon 7 Dec")
        expect(prepare.locator(".action-due")).not_to_contain_text("Wed 2 Dec")
        _seen(page)

        # Then they call it off: nothing is planned for it any more.
        # It sits in the row of links for that round (a form inside a <p> would fall out).
        links = page.locator(f"#interview-{booked.pk} .interview-links")
        expect(links.get_by_role("link", name="Reschedule or edit round 2")).to_be_visible()
        links.get_by_role("button", name="Call off round 2").click()
        expect(_message(page)).to_contain_text("Round 2 is called off; its plan is gone.")
        expect(page.locator(f"#interview-{booked.pk}")).to_contain_text("called off")
        expect(page.locator("#plan .action", has_text="Prepare for the next round")).to_have_count(
            0
        )
        _seen(page)
        assert not Action.objects.filter(interview=booked, status=Action.Status.OPEN).exists()
        assert not Action.objects.filter(
            opportunity_id=booked.opportunity_id, kind="prepare_round", status="open"
        ).exists()

        # Called off by mistake? The message's Undo puts the round and its plan back.
        _message(page).get_by_role("button", name="Undo").click()
        expect(_message(page)).to_contain_text("Undone:")
        expect(
            page.locator("#plan .action", has_text="Prepare for the next round")
        ).to_contain_text("Mon 7 Dec")
        assert Interview.objects.get(pk=booked.pk).cancelled_at is None
        assert problems == []
    finally:
        connections.close_all()


def test_two_entries_of_one_person_are_merged_from_contacts(phone: Page, alice, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    acme = acme_close_for(alice)
    initech = close_log_new(
        owner=alice,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-24 10:00"),
        interviewers=[PersonInput("Dana Lee", "dana.lee@initech.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
        now=at("2026-11-24 11:00"),
    )
    keep = acme.interview.interviewers.get()
    other = initech.interview.interviewers.get()
    page = phone
    problems = watch_console(page)
    try:
        page.goto("/")
        _nav(page, "Contacts").click()
        people = page.locator(".person", has_text="Dana Lee")
        expect(people).to_have_count(2)
        _seen(page)

        # The one at Acme stays; the Initech address was the same Dana, who moved on.
        page.locator(f"#contact-{keep.pk}").get_by_role("link", name="Edit Dana Lee").click()
        _seen(page)
        page.get_by_role("link", name="Merge with another").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Merge into Dana Lee")
        page.get_by_label("Merge with").select_option(label="Dana Lee <dana.lee@initech.example>")
        _seen(page)
        page.get_by_role("button", name="Merge").click()
        expect(_message(page)).to_contain_text("Dana Lee and Dana Lee are one now.")

        # One Dana on the page, at both interviews.
        expect(page).to_have_url(re.compile(rf"/contacts/#contact-{keep.pk}$"))
        expect(people).to_have_count(1)
        expect(page.locator(f"#contact-{keep.pk}")).to_contain_text("dana@acme.example")
        _seen(page)
        assert list(Contact.objects.filter(owner=alice).values_list("pk", flat=True)) == [keep.pk]
        assert not Contact.objects.filter(pk=other.pk).exists()
        assert set(Interview.objects.filter(interviewers=keep).values_list("pk", flat=True)) == {
            acme.interview.pk,
            initech.interview.pk,
        }
        for opportunity in (acme.interview.opportunity_id, initech.interview.opportunity_id):
            page.goto(f"/opportunities/{opportunity}/")
            expect(page.locator(".interview").first).to_contain_text("With Dana Lee")
            _seen(page)
        assert problems == []
    finally:
        connections.close_all()


def test_a_done_and_a_board_move_are_undone(phone: Page, alice, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    close = acme_close_for(alice)
    opportunity = close.interview.opportunity
    thank_you = Action.objects.get(interview=close.interview, kind="thank_you")
    page = phone
    problems = watch_console(page)
    try:
        # Done by a slip of the thumb: htmx swaps the row for one line with Undo in it.
        page.goto("/")
        row = page.locator(f"#action-{thank_you.pk}")
        expect(row).to_contain_text("Send a thank-you note")
        _seen(page)
        row.get_by_role("button", name=re.compile(r"^Done: ")).click()
        expect(row).to_have_class(re.compile(r"\baction-resolved\b"))
        expect(row).to_have_text(re.compile(r"^\s*Done: Send a thank-you note.*Undo\s*$", re.S))
        expect(row.get_by_role("button", name=re.compile(r"^Undo"))).to_be_visible()
        assert Action.objects.get(pk=thank_you.pk).status == Action.Status.DONE
        _seen(page)
        row.get_by_role("button", name=re.compile(r"^Undo")).click()
        expect(row).to_have_class(re.compile(r"(^|\s)action(\s|$)"))
        expect(row.get_by_role("button", name=re.compile(r"^Done: "))).to_be_visible()
        expect(row).to_contain_text("Send a thank-you note")
        assert Action.objects.get(pk=thank_you.pk).status == Action.Status.OPEN
        _seen(page)
        # Still there after a reload: the undo is real, not only on the screen.
        page.reload()
        expect(page.locator(f"#action-{thank_you.pk}")).to_contain_text("Send a thank-you note")

        # Moved to Offer on the board by mistake; Undo in the message moves it back.
        _nav(page, "Pipeline").click()
        _seen(page)
        page.get_by_label("Move Acme to").select_option("offer")
        page.locator(f"#opportunity-{opportunity.pk}").get_by_role("button", name="Move").click()
        expect(_message(page)).to_contain_text("Acme moved to Offer")
        expect(page.locator("#board .column-offer")).to_contain_text("Acme")
        assert Action.objects.filter(kind="respond_offer", status="open").exists()
        _seen(page)
        _message(page).get_by_role("button", name="Undo").click()
        expect(_message(page)).to_contain_text("Undone:")
        expect(page.locator("#board .column-offer")).not_to_contain_text("Acme")
        expect(page.locator(f"#opportunity-{opportunity.pk}")).to_be_visible()
        _seen(page)
        assert Opportunity.objects.get(pk=opportunity.pk).status == "interviewing"
        assert not Action.objects.filter(kind="respond_offer", status="open").exists()
        assert Action.objects.get(pk=thank_you.pk).status == Action.Status.OPEN
        assert problems == []
    finally:
        connections.close_all()


def _download(page: Page, link: str) -> str:
    """Tap a download link and read the file it saves."""
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    with open(download.value.path(), encoding="utf-8") as saved:
        return saved.read()


def test_a_deleted_opportunity_is_gone_from_everywhere(phone: Page, alice, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    close = acme_close_for(alice)
    opportunity = close.interview.opportunity
    _next_round(alice)  # Initech stays, so "gone" is not just "everything is empty"
    page = phone
    problems = watch_console(page)
    try:
        # Before: Acme is on Today, in the calendar file and in the export.
        page.goto("/")
        expect(page.locator(".action", has_text="Dana Lee")).to_contain_text("Acme")
        _nav(page, "Calendar").click()
        _seen(page)
        assert "Acme" in _download(page, "Download your plan as an .ics file")
        _nav(page, "Settings").click()
        page.get_by_role("link", name="Your account, coaches and data").click()
        _seen(page)
        assert "Acme" in _download(page, "Download everything (one JSON file)")

        # The delete, from the board's card, asks first and says what goes with it.
        _nav(page, "Pipeline").click()
        page.locator(f"#opportunity-{opportunity.pk}").get_by_role("link", name="Acme").click()
        page.get_by_text("Correct this opportunity").click()
        page.locator(".corrections").get_by_role("link", name="Delete").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Delete Account Executive at Acme?"
        )
        goes = page.locator(".lede")
        expect(goes).to_contain_text("1 interview")
        expect(goes).to_contain_text("1 close you logged")
        _seen(page)
        page.get_by_role("button", name="Delete").click()
        expect(_message(page)).to_contain_text("Deleted Account Executive at Acme.")
        expect(page.get_by_role("heading", level=1)).to_have_text("Pipeline")
        expect(page.locator(f"#opportunity-{opportunity.pk}")).to_have_count(0)
        expect(page.locator("#board")).to_contain_text("Initech")
        expect(page.locator("#board")).not_to_contain_text("Acme")
        _seen(page)
        assert not Opportunity.objects.filter(pk=opportunity.pk).exists()

        # Gone from Today, from the calendar file and from the export; Initech is still there.
        _nav(page, "Today").click()
        expect(page.locator("main")).to_contain_text("Initech")
        expect(page.locator("main")).not_to_contain_text("Acme")
        expect(page.locator(".action", has_text="Dana Lee")).to_have_count(0)
        _seen(page)
        _nav(page, "Calendar").click()
        calendar = _download(page, "Download your plan as an .ics file")
        assert "Initech" in calendar and "Acme" not in calendar
        _nav(page, "Settings").click()
        page.get_by_role("link", name="Your account, coaches and data").click()
        exported = _download(page, "Download everything (one JSON file)")
        assert json.loads(exported)["format"] == "closer-export"
        assert "Initech" in exported and "Acme" not in exported
        assert Change.objects.filter(kind="deleted").count() == 1
        assert problems == []
    finally:
        connections.close_all()
