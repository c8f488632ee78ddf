"""Contacts and allies: roles, last contact, reconnect dates that move forward when you are in
touch, referral chains, ownership."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import at

from closer.core.planner import plan_close
from closer.core.records import (
    ActionKind,
    CloseAnswer,
    CloseRecord,
    Person,
    PlanSettings,
)
from closer.people.models import Contact
from closer.pipeline.models import Action
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    ReferralInput,
    action_complete,
    close_log_new,
)

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-26T09:00")


@pytest.fixture
def rejection(alice):
    return close_log_new(
        owner=alice,
        company_name="Acme",
        role="Account Executive",
        starts_at=at("2026-11-25 14:00"),
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.REJECTED),
        now=at("2026-11-25 15:00"),
    )


def _reconnect() -> Action:
    """The reconnect still to do (each contact starts a new cycle; older ones are history)."""
    return Action.objects.get(kind=ActionKind.RECONNECT, status=Action.Status.OPEN)


def _record(dana: Person) -> CloseRecord:
    return CloseRecord(
        interview_key="1",
        company="Acme",
        role="AE",
        starts_at=datetime(2026, 11, 25, 14, tzinfo=NEW_YORK),
        ends_at=None,
        logged_at=datetime(2026, 11, 25, 15, tzinfo=NEW_YORK),
        interviewers=(dana,),
        asked_for_job=True,
        answer=CloseAnswer.REJECTED,
    )


def test_the_planner_counts_the_reconnect_from_the_last_contact():
    settings = PlanSettings(tz=NEW_YORK)
    now = datetime(2026, 11, 25, 15, tzinfo=NEW_YORK)
    plain = plan_close(_record(Person("7", "Dana")), (), settings, now)
    later = plan_close(
        _record(Person("7", "Dana", last_contact=date(2027, 1, 4))), (), settings, now
    )

    def due(plan):
        return next(a.due for a in plan.actions if a.kind is ActionKind.RECONNECT)

    assert due(plain).date() == date(2027, 2, 23)  # 90 days after the rejection
    assert due(later).date() == date(2027, 4, 5)  # 4 Jan + 90 days is Sun 4 Apr -> Mon
    reason = next(a.reason for a in later.actions if a.kind is ActionKind.RECONNECT)
    assert "last in touch with Dana on Mon 4 Jan" in reason


def test_a_rejection_makes_each_interviewer_an_ally(rejection):
    assert Contact.objects.get(name="Dana Lee").is_ally


def test_sending_a_note_moves_the_reconnect_forward(rejection):
    before = _reconnect().due_at
    feedback = Action.objects.get(kind=ActionKind.FEEDBACK_REQUEST)
    action_complete(action=feedback, now=at("2026-12-20 11:00"))
    assert Contact.objects.get(name="Dana Lee").last_contact == date(2026, 12, 20)
    after = _reconnect().due_at
    assert after > before
    assert after.astimezone(ZoneInfo("America/New_York")).date() == date(2027, 3, 22)


def test_the_contacts_page_lists_people_with_their_dates(client, rejection, frozen):
    text = client.get("/contacts/").content.decode()
    person = text.split('class="person"')[1]
    assert "Dana Lee" in person
    assert "interviewer" in person and "ally" in person
    assert "Wed 25 Nov 2026" in person  # met at the interview
    assert "Tue 23 Feb 2027" in person  # 90 days after the rejection


def test_logging_a_contact_moves_the_reconnect(client, rejection, frozen):
    dana = Contact.objects.get(name="Dana Lee")
    response = client.post(f"/contacts/{dana.pk}/touch/", {"on": "2026-12-01"}, follow=True)
    assert "you were in touch with Dana Lee" in response.content.decode()
    dana.refresh_from_db()
    assert dana.last_contact == date(2026, 12, 1)
    assert _reconnect().due_at == at("2027-03-01 10:00")


def test_a_bad_day_is_explained_next_to_the_field(client, rejection, frozen):
    dana = Contact.objects.get(name="Dana Lee")
    response = client.post(f"/contacts/{dana.pk}/touch/", {"on": "soon"})
    assert response.status_code == 400
    text = response.content.decode()
    assert f'id="touch-{dana.pk}-error"' in text
    assert 'value="soon"' in text


def test_it_shows_referral_chains(client, alice, frozen):
    close_log_new(
        owner=alice,
        company_name="Initech",
        role="Engineer",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[PersonInput("Bill Lumbergh", "bill@initech.example")],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NOT_A_FIT,
            referrals=(
                ReferralInput(PersonInput("Peter Gibbons", "peter@example.org")),
                ReferralInput(PersonInput("Milton", "milton@initech.example"), internal=True),
            ),
        ),
        now=at("2026-11-25 11:00"),
    )
    text = client.get("/contacts/").content.decode()
    chains = text.split('id="referrals-heading"')[1]
    assert "Bill Lumbergh" in chains and "Peter Gibbons" in chains
    assert "Reach out by" in chains
    assert "A new opportunity" in chains


def test_a_stranger_cannot_log_a_contact(client, charlie):
    stranger = Contact.objects.create(owner=charlie, name="Hank")
    response = client.post(f"/contacts/{stranger.pk}/touch/", {"on": "2026-12-01"})
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.last_contact is None


def test_doing_a_reconnect_plans_the_next_one(rejection):
    first = _reconnect()
    action_complete(action=first, now=at("2027-02-23 12:00"))
    first.refresh_from_db()
    assert first.status == Action.Status.DONE
    following = _reconnect()
    assert following.pk != first.pk
    assert following.due_at == at("2027-05-24 10:00")  # 90 days after Tue 23 Feb


def test_the_page_draws_the_next_to_reconnect_with_first_and_offers_everyone(client, alice):
    from closer.pipeline.views.people import CONTACT_ROWS

    Contact.objects.bulk_create(
        [Contact(owner=alice, name=f"Person {n:02d}") for n in range(CONTACT_ROWS + 4)]
    )
    soon = Contact.objects.create(
        owner=alice, name="Zed Soon", is_ally=True, last_contact=date(2026, 9, 1)
    )
    page = client.get("/contacts/").content.decode()
    assert page.count('<li class="person"') == CONTACT_ROWS
    assert f"Show all {CONTACT_ROWS + 5}</a> (5 more)" in page
    # An ally due a reconnect comes before everyone else, though last by name.
    assert page.index(f'id="contact-{soon.pk}"') < page.index("Person 00")

    everyone = client.get("/contacts/?show=all").content.decode()
    assert everyone.count('<li class="person"') == CONTACT_ROWS + 5
    assert "Show all" not in everyone
