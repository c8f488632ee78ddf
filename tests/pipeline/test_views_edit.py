"""Correcting the record on the web: edit, rename, reschedule, cancel, merge, delete, Undo."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from helpers import at

from closer.accounts.services import settings_for
from closer.core.records import CloseAnswer
from closer.outbox.models import Note
from closer.people.models import Contact
from closer.pipeline.models import Action, Change, Close, Interview, Opportunity
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    close_log_new,
    opportunity_create,
)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")


def _text(response) -> str:
    return response.content.decode()


def _draft(close, kind="thank_you") -> Note:
    action = Action.objects.get(interview=close.interview, kind=kind)
    return Note.objects.create(
        owner=action.owner,
        action=action,
        to="Dana Lee <dana@acme.example>",
        subject="Thank you from your Acme interview",
        body="Hi Dana,\n\nThank you for the time today at Acme.\n\nBest,",
        message_id=f"<draft-{action.pk}@example.org>",
    )


def test_a_company_typo_is_renamed_everywhere_unsent_notes_included(client, alice):
    close = close_log_new(
        owner=alice,
        company_name="Acme Crop",
        role="Account Executive",
        starts_at=at("2026-11-25 14:00"),
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
        now=at("2026-11-25 15:00"),
    )
    draft = _draft(close)
    draft.subject, draft.body = "Thanks from Acme Crop", "Hi Dana, thanks for the Acme Crop visit."
    draft.save()
    opportunity = close.interview.opportunity
    response = client.post(f"/opportunities/{opportunity.pk}/company/", {"name": "Acme Corp"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.subject, draft.body) == (
        "Thanks from Acme Corp",
        "Hi Dana, thanks for the Acme Corp visit.",
    )
    page = _text(client.get(f"/opportunities/{opportunity.pk}/"))
    assert "Company renamed: Acme Crop → Acme Corp" in page.split('id="history"')[1]
    assert "Acme Crop" not in _text(client.get("/opportunities/"))


def test_editing_the_details_shows_them_and_replans(client, alice):
    opportunity = opportunity_create(owner=alice, company_name="Initech", role="Analyst")
    form = {
        "company": "Initech",
        "role": "Analyst",
        "sales_role": "no",
        "senior": "no",
        "job_url": "https://initech.example/jobs/42",
        "location": "Austin, remote",
        "salary": "$90–100k",
        "source": "job_board",
        "applied_on": "2026-11-16",
        "remarks": "Found on a Friday.",
    }
    response = client.post(f"/opportunities/{opportunity.pk}/edit/", form)
    assert response.status_code == 302, _text(response)
    page = _text(client.get(f"/opportunities/{opportunity.pk}/"))
    for shown in ("Austin, remote", "$90–100k", "A job board", "https://initech.example/jobs/42"):
        assert shown in page
    # Applied nine days ago with no answer: the application's own follow-up is on the plan.
    assert Action.objects.filter(opportunity=opportunity, kind="application_follow_up").exists()


def test_a_bad_link_or_a_clashing_id_is_a_message_not_a_500(client, alice):
    first = opportunity_create(owner=alice, company_name="Initech", role="Analyst")
    second = opportunity_create(owner=alice, company_name="Hooli", role="Analyst")
    Opportunity.objects.filter(pk=first.pk).update(external_id="huntr-1")
    base = {"company": "Hooli", "role": "Analyst", "sales_role": "no", "senior": "no"}
    bad_link = client.post(
        f"/opportunities/{second.pk}/edit/", {**base, "job_url": "javascript:alert(1)"}
    )
    assert bad_link.status_code == 200 and "Enter a valid URL" in _text(bad_link)
    clash = client.post(f"/opportunities/{second.pk}/edit/", {**base, "external_id": "huntr-1"})
    assert clash.status_code == 200 and "already has the id" in _text(clash)
    second.refresh_from_db()
    assert (second.job_url, second.external_id) == ("", "")
    assert not Change.objects.filter(opportunity=second).exists()


def _next_round(alice) -> Interview:
    """Round 1 ended with another round booked for Thu 3 Dec, 10:00, with Bill."""
    close = close_log_new(
        owner=alice,
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


def _open(opportunity_id: int, kind: str) -> Action:
    return Action.objects.get(opportunity_id=opportunity_id, kind=kind, status="open")


def test_rescheduling_moves_the_evening_to_prepare(client, alice):
    booked = _next_round(alice)
    assert _open(booked.opportunity_id, "prepare_round").due_at.date().isoformat() == "2026-12-02"
    response = client.post(
        f"/interviews/{booked.pk}/edit/",
        {"starts_at": "2026-12-08T10:00", "interviewers": "Bill Lumbergh <bill@initech.example>"},
    )
    assert response.status_code == 302
    moved = _open(booked.opportunity_id, "prepare_round")
    assert moved.due_at.astimezone(settings_for(alice).zone).date().isoformat() == "2026-12-07"
    # The close that booked it follows too.
    assert Close.objects.get(next_interview=booked).next_round_at == at("2026-12-08 10:00")


def test_a_thank_you_moves_when_the_time_of_the_interview_is_corrected(client, alice, acme_close):
    thank_you = _open(acme_close.interview.opportunity_id, "thank_you")
    client.post(
        f"/interviews/{acme_close.interview.pk}/edit/",
        {"starts_at": "2026-11-24T14:00", "interviewers": "Dana Lee <dana@acme.example>"},
    )
    moved = Action.objects.get(pk=thank_you.pk)
    # Logged the day after the corrected date: the note is late now, and says so.
    assert "The interview was on Tue 24 Nov" in moved.reason and moved.late


def test_calling_an_interview_off_removes_its_plan_and_undo_brings_it_back(client, alice):
    booked = _next_round(alice)
    prepare = _open(booked.opportunity_id, "prepare_round")
    response = client.post(f"/interviews/{booked.pk}/cancel/", follow=True)
    assert "is called off" in _text(response)
    assert not Action.objects.filter(pk=prepare.pk, status="open").exists()
    assert not Action.objects.filter(interview=booked, status="open").exists()
    change = Change.objects.get(kind="cancel")
    client.post(f"/changes/{change.pk}/undo/")
    assert Action.objects.filter(pk=prepare.pk, status="open").exists()


def test_a_logged_interview_cannot_be_called_off(client, alice, acme_close):
    response = client.post(f"/interviews/{acme_close.interview.pk}/cancel/", follow=True)
    assert "can&#x27;t be called off" in _text(response)
    assert Interview.objects.get(pk=acme_close.interview.pk).cancelled_at is None


def test_an_interview_after_a_rejection_shows_the_rejection(client, alice, acme_close):
    client.post(
        f"/opportunities/{acme_close.interview.opportunity_id}/answer/", {"kind": "rejected"}
    )
    page = _text(client.get(f"/opportunities/{acme_close.interview.opportunity_id}/"))
    interviews = page.split('id="interviews-heading"')[1].split('id="answers"')[0]
    assert "No decision yet at the time; then: A rejection, Wed 25 Nov" in interviews


def test_merging_two_contacts_leaves_one_person_with_both_histories(client, alice, acme_close):
    second = close_log_new(
        owner=alice,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-24 10:00"),
        interviewers=[PersonInput("Dana Lee", "dana.lee@initech.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
        now=at("2026-11-24 11:00"),
    )
    keep = acme_close.interview.interviewers.get()
    other = second.interview.interviewers.get()
    # Correcting the address to one already on file offers the merge rather than a duplicate.
    clash = client.post(
        f"/contacts/{other.pk}/edit/", {"name": "Dana Lee", "email": "DANA@acme.example"}
    )
    assert clash.status_code == 200 and f"/contacts/{keep.pk}/merge/" in _text(clash)
    client.post(f"/contacts/{keep.pk}/merge/", {"other": other.pk})
    assert list(Contact.objects.filter(owner=alice).values_list("pk", flat=True)) == [keep.pk]
    assert set(Interview.objects.filter(interviewers=keep).values_list("pk", flat=True)) == {
        acme_close.interview.pk,
        second.interview.pk,
    }


def test_a_contact_added_by_hand_and_edited(client, alice):
    client.post("/contacts/new/", {"name": "Joanna Ng", "email": "jo@hooli.example"})
    joanna = Contact.objects.get(owner=alice, email="jo@hooli.example")
    client.post(
        f"/contacts/{joanna.pk}/edit/",
        {"name": "Joanna Ng", "email": "jo@hooli.example", "title": "Head of Sales"},
    )
    joanna.refresh_from_db()
    assert joanna.title == "Head of Sales"
    assert "Head of Sales" in _text(client.get("/contacts/"))
    again = client.post("/contacts/new/", {"name": "Jo", "email": "JO@hooli.example"})
    assert again.status_code == 200 and "already has the address" in _text(again)
    assert Contact.objects.filter(owner=alice).count() == 1


def test_renaming_a_contact_updates_their_unsent_notes(client, alice, acme_close):
    draft = _draft(acme_close)
    dana = acme_close.interview.interviewers.get()
    client.post(f"/contacts/{dana.pk}/edit/", {"name": "Diana Lee", "email": "diana@acme.example"})
    draft.refresh_from_db()
    assert draft.to == "Diana Lee <diana@acme.example>"
    assert draft.body.startswith("Hi Diana,")


def test_done_is_undone_in_place_with_htmx(client, alice, acme_close):
    action = Action.objects.get(interview=acme_close.interview, kind="thank_you")
    htmx = {"HTTP_HX_REQUEST": "true"}
    done = client.post(f"/actions/{action.pk}/done/", {"next": "/"}, **htmx)
    assert "Undo" in _text(done)
    change = Change.objects.get(kind="action")
    assert f"/changes/{change.pk}/undo/" in _text(done)
    back = client.post(f"/changes/{change.pk}/undo/", {"next": "/"}, **htmx)
    assert f'id="action-{action.pk}"' in _text(back) and ">Done</button>" in _text(back)
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN
    again = client.post(f"/changes/{change.pk}/undo/", follow=True)
    assert "undone already" in _text(again)


def test_a_board_move_offers_undo_in_its_message(client, alice, acme_close):
    opportunity = acme_close.interview.opportunity
    page = client.post(f"/opportunities/{opportunity.pk}/move/", {"status": "offer"}, follow=True)
    change = Change.objects.get(kind="move")
    assert f'action="/changes/{change.pk}/undo/"' in _text(page)
    client.post(f"/changes/{change.pk}/undo/")
    opportunity.refresh_from_db()
    assert opportunity.status == "interviewing"
    listed = _text(client.get("/changes/"))
    assert "Undone:" in listed


def test_deleting_an_opportunity_says_what_goes_and_takes_it_everywhere(client, alice, acme_close):
    opportunity = acme_close.interview.opportunity
    _draft(acme_close)
    confirm = _text(client.get(f"/opportunities/{opportunity.pk}/delete/"))
    assert "1 interview" in confirm and "1 close you logged" in confirm and "1 note" in confirm
    client.post(f"/opportunities/{opportunity.pk}/delete/")
    assert not Opportunity.objects.filter(pk=opportunity.pk).exists()
    gone = f"/opportunities/{opportunity.pk}/"
    assert gone not in _text(client.get("/")) and "Thank" not in _text(client.get("/"))
    assert gone not in _text(client.get("/opportunities/"))
    assert "Acme" not in client.get("/calendar/closer.ics").content.decode()
    from closer.accounts.dataio import export_data

    assert "Acme" not in json.dumps(export_data(alice), default=str)
    # Undo puts it all back, the same rows with the same ids.
    change = Change.objects.get(kind="deleted")
    client.post(f"/changes/{change.pk}/undo/")
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    assert Note.objects.filter(action__opportunity=opportunity).count() == 1


def test_every_correction_refuses_a_post_without_its_csrf_token(alice, acme_close):
    strict = Client(enforce_csrf_checks=True)
    opportunity = acme_close.interview.opportunity
    dana = acme_close.interview.interviewers.get()
    for url, data in [
        (f"/opportunities/{opportunity.pk}/edit/", {"company": "X", "role": "Y"}),
        (f"/opportunities/{opportunity.pk}/company/", {"name": "X"}),
        (f"/opportunities/{opportunity.pk}/delete/", {}),
        (f"/interviews/{acme_close.interview.pk}/delete/", {}),
        (f"/contacts/{dana.pk}/edit/", {"name": "X"}),
        (f"/contacts/{dana.pk}/delete/", {}),
        ("/contacts/new/", {"name": "X"}),
    ]:
        assert strict.post(url, data).status_code == 403, url
    assert Opportunity.objects.get(pk=opportunity.pk).company.name == "Acme"
    assert Contact.objects.filter(owner=alice).count() == 1


def test_an_interview_for_a_rejected_opportunity_asks_to_reopen_it(client, alice, acme_close):
    opportunity = acme_close.interview.opportunity
    client.post(f"/opportunities/{opportunity.pk}/answer/", {"kind": "rejected"})
    form = _text(client.get(f"/opportunities/{opportunity.pk}/interviews/new/"))
    assert "It is marked rejected. Reopen it?" in form
    client.post(
        f"/opportunities/{opportunity.pk}/interviews/new/",
        {"starts_at": "2026-12-09T10:00", "reopen": "no"},
    )
    opportunity.refresh_from_db()
    assert opportunity.status == "rejected"
    client.post(
        f"/opportunities/{opportunity.pk}/interviews/new/",
        {"starts_at": "2026-12-10T10:00", "reopen": "yes"},
    )
    opportunity.refresh_from_db()
    assert opportunity.status == "interviewing"


def test_a_new_opportunity_can_carry_its_details_and_plans_the_apply_reminder(client, alice):
    client.post(
        "/opportunities/new/",
        {
            "company": "Hooli",
            "role": "Analyst",
            "status": "wishlist",
            "sales_role": "auto",
            "senior": "auto",
            "apply_by": "2026-12-11",
            "location": "Palo Alto",
        },
    )
    hooli = Opportunity.objects.get(company__name="Hooli")
    assert hooli.location == "Palo Alto"
    apply = Action.objects.get(opportunity=hooli, kind="apply")
    assert apply.due_at.astimezone(settings_for(alice).zone).date().isoformat() == "2026-12-09"
