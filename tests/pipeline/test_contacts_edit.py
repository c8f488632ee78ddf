"""Correcting people: edit a contact, merge two rows that are one person, delete one.

A person is all over the pipeline (interviews, the round after, referrals, actions, notes), so
each of these re-plans every opportunity they are on, and says so on its history.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError
from helpers import at

from closer.core.records import CloseAnswer
from closer.outbox.models import Note
from closer.people.models import Contact
from closer.people.services import ContactError, contact_upsert
from closer.pipeline.models import (
    Action,
    Change,
    Close,
    Company,
    Interview,
    Opportunity,
    Referral,
)
from closer.pipeline.services import (
    CloseInput,
    ContactEdit,
    PersonInput,
    ReferralInput,
    action_complete,
    change_undo,
    close_log_new,
    contact_delete,
    contact_merge,
    contact_update,
    interview_update,
    plan_refresh,
)
from closer.pipeline.services import contacts as contact_services

pytestmark = pytest.mark.django_db

NOW = at("2026-11-26 09:00")
DANA = PersonInput("Dana Lee", "dana@acme.example")
# The same Dana, entered again under her Initech address.
DANA_AGAIN = PersonInput("Dana L.", "dana.l@initech.example")
SAM = PersonInput("Sam Ortiz", "sam@initech.example")
JO = PersonInput("Joanna Ng", "jo@hooli.example")

TABLES = (
    Company,
    Opportunity,
    Interview,
    Interview.interviewers.through,
    Close,
    Close.next_round_with.through,
    Referral,
    Action,
    Note,
    Contact,
    Change,
)


def everything() -> dict[str, list[dict]]:
    """Every row of every table a correction may write, as plain values."""
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in TABLES}


def without_updates(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {
        label: [{k: v for k, v in row.items() if k != "updated_at"} for row in table]
        for label, table in rows.items()
        if label != "pipeline.Change"
    }


def initech(owner, *people: PersonInput, **data) -> Close:
    """Initech, Analyst: round 1 on Tue 24 Nov 10:00 with `people`, logged at 11:00."""
    answer = data.pop("answer", CloseAnswer.PENDING)
    return close_log_new(
        owner=owner,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-24 10:00"),
        interviewers=list(people),
        data=CloseInput(asked_for_job=True, answer=answer, **data),
        now=at("2026-11-24 11:00"),
    )


def contact(email: str) -> Contact:
    return Contact.objects.get(email=email)


def note(action: Action, *, status=Note.Status.DRAFT, **fields) -> Note:
    values = {
        "to": "Dana Lee <dana@acme.example>",
        "subject": "Thank you, Dana",
        "body": "Hi Dana,\n\nThank you for your time today, Dana Lee.\n\nBest,",
        **fields,
    }
    return Note.objects.create(
        owner=action.owner,
        action=action,
        status=status,
        message_id=f"<note-{action.pk}@example.org>",
        **values,
    )


def thank_you(interview: Interview, person: Contact) -> Action:
    return Action.objects.get(interview=interview, kind="thank_you", contact=person)


# --- editing a contact ----------------------------------------------------------------------


def test_a_corrected_name_and_address_reach_the_plan_the_notes_and_the_history(alice, acme_close):
    dana = contact("dana@acme.example")
    other = initech(alice, DANA)  # the same Dana, met at Initech too
    draft = note(thank_you(acme_close.interview, dana))
    sent = note(
        Action.objects.get(interview=acme_close.interview, kind="follow_up"),
        status=Note.Status.SENT,
        subject="Checking in, Dana",
    )
    sent_before = Note.objects.filter(pk=sent.pk).values().get()
    contact_update(
        contact=dana, edit=ContactEdit("Diana Lee", "diana@acme.example", title="VP"), now=NOW
    )
    saved = Contact.objects.get(pk=dana.pk)
    assert (saved.name, saved.email, saved.title) == ("Diana Lee", "diana@acme.example", "VP")
    # The plan's reasons are written again with the new name, on both opportunities.
    for interview in (acme_close.interview, other.interview):
        assert "Thank Diana Lee" in thank_you(interview, dana).reason
    draft.refresh_from_db()
    assert draft.to == "Diana Lee <diana@acme.example>"
    assert draft.body == "Hi Diana,\n\nThank you for your time today, Diana Lee.\n\nBest,"
    assert Note.objects.filter(pk=sent.pk).values().get() == sent_before
    entries = Change.objects.filter(kind="edit")
    assert {c.opportunity_id for c in entries} == {
        acme_close.interview.opportunity_id,
        other.interview.opportunity_id,
    }
    assert {c.summary for c in entries} == {
        "Contact corrected: Dana Lee <dana@acme.example> → Diana Lee <diana@acme.example>"
    }


def test_an_address_given_for_the_first_time_fills_the_notes_to_them(alice):
    close = initech(alice, PersonInput("Sam Ortiz"))
    sam = Contact.objects.get(name="Sam Ortiz")
    draft = note(thank_you(close.interview, sam), to="", body="Hi Sam,")
    contact_update(contact=sam, edit=ContactEdit("Sam Ortiz", "sam@initech.example"), now=NOW)
    draft.refresh_from_db()
    assert draft.to == "Sam Ortiz <sam@initech.example>"


def test_correcting_only_their_details_leaves_the_plan_and_history_alone(alice, acme_close):
    dana = contact("dana@acme.example")
    plan = list(Action.objects.order_by("pk").values())
    contact_update(
        contact=dana,
        edit=ContactEdit(
            "Dana Lee", "dana@acme.example", organisation=" Acme ", remarks=" Runs sales "
        ),
        now=NOW,
    )
    saved = Contact.objects.get(pk=dana.pk)
    assert (saved.organisation, saved.remarks) == ("Acme", "Runs sales")
    assert list(Action.objects.order_by("pk").values()) == plan
    assert not Change.objects.exists()


def test_a_contact_needs_a_name(alice, acme_close):
    before = everything()
    with pytest.raises(ContactError, match="name"):
        contact_update(contact=contact("dana@acme.example"), edit=ContactEdit("  "), now=NOW)
    assert everything() == before


def test_an_address_someone_else_has_offers_the_merge_and_changes_nothing(alice, acme_close):
    initech(alice, DANA_AGAIN)
    other = contact("dana.l@initech.example")
    before = everything()
    with pytest.raises(ContactError, match="already has the address") as refused:
        contact_update(contact=other, edit=ContactEdit("Dana Lee", "DANA@acme.example"), now=NOW)
    assert refused.value.other == contact("dana@acme.example")
    assert everything() == before


def test_another_users_address_is_no_clash(alice, charlie, acme_close):
    contact_upsert(owner=charlie, name="Dana", email="diana@acme.example")
    dana = contact("dana@acme.example")
    contact_update(contact=dana, edit=ContactEdit("Diana Lee", "diana@acme.example"), now=NOW)
    assert Contact.objects.filter(email="diana@acme.example").count() == 2
    assert Contact.objects.get(pk=dana.pk).email == "diana@acme.example"


@pytest.mark.parametrize("step", ["plan_refresh", "change_record", "drafts_rewrite"])
def test_a_correction_that_fails_half_way_writes_nothing(alice, acme_close, monkeypatch, step):
    note(thank_you(acme_close.interview, contact("dana@acme.example")))

    def broken(**kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(contact_services, step, broken)
    before = everything()
    with pytest.raises(IntegrityError):
        contact_update(
            contact=contact("dana@acme.example"),
            edit=ContactEdit("Diana Lee", "diana@acme.example"),
            now=NOW,
        )
    assert everything() == before


# --- merging two contacts -------------------------------------------------------------------


@pytest.fixture
def two_danas(alice, acme_close):
    """Dana at Acme (kept, thanked already) and 'Dana L.' at Initech: interviewer there (not a
    fit; she pointed to Joanna), met again in round 2 of a third search, and the lead Sam gave
    at Hooli. One person, two rows."""
    keep = contact("dana@acme.example")
    keep.title = "Sales lead"
    keep.last_contact = date(2026, 11, 20)
    keep.save()
    action_complete(action=thank_you(acme_close.interview, keep), now=at("2026-11-25 18:00"))
    fit = initech(alice, DANA_AGAIN, answer=CloseAnswer.NOT_A_FIT, referrals=(ReferralInput(JO),))
    other = contact("dana.l@initech.example")
    other.organisation, other.remarks, other.is_ally = "Initech", "Met at the fair", True
    other.last_contact = date(2026, 11, 24)
    other.save()
    rounds = close_log_new(
        owner=alice,
        company_name="Hooli",
        role="Analyst",
        starts_at=at("2026-11-23 10:00"),
        interviewers=[SAM],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NOT_A_FIT,
            next_round_at=at("2026-12-03 10:00"),
            referrals=(ReferralInput(DANA_AGAIN, referrer=SAM),),
        ),
        now=at("2026-11-23 11:00"),
    )
    Close.objects.get(pk=rounds.pk).next_round_with.add(other)
    draft = note(
        thank_you(fit.interview, other),
        to="Dana L. <dana.l@initech.example>",
        body="Hi Dana,\n\nThanks, Dana L.",
    )
    return {
        "keep": keep,
        "other": other,
        "acme": acme_close,
        "fit": fit,
        "rounds": rounds,
        "draft": draft,
    }


def test_merging_leaves_one_person_with_both_histories(alice, two_danas):
    keep, other, fit = two_danas["keep"], two_danas["other"], two_danas["fit"]
    other_pk = other.pk
    done = thank_you(two_danas["acme"].interview, keep)
    done_before = Action.objects.filter(pk=done.pk).values().get()
    theirs = set(Action.objects.filter(contact=other).values_list("pk", flat=True))
    merged = contact_merge(keep=keep, other=other, now=NOW)
    assert merged.pk == keep.pk
    assert not Contact.objects.filter(pk=other_pk).exists()
    # Interviews, the round after, referrals (as the lead and as who suggested one), actions.
    assert set(Interview.objects.filter(interviewers=keep).values_list("pk", flat=True)) == {
        two_danas["acme"].interview.pk,
        fit.interview.pk,
    }
    assert list(Close.objects.get(pk=two_danas["rounds"].pk).next_round_with.all()) == [keep]
    assert Referral.objects.get(close=two_danas["rounds"]).person == keep
    assert Referral.objects.get(close=fit).referrer == keep
    assert set(Action.objects.filter(pk__in=theirs).values_list("contact", flat=True)) == {keep.pk}
    assert Action.objects.filter(pk=done.pk).values().get() == done_before
    saved = Contact.objects.get(pk=keep.pk)
    assert (saved.name, saved.email, saved.title, saved.organisation) == (
        "Dana Lee",
        "dana@acme.example",
        "Sales lead",
        "Initech",
    )
    assert (saved.remarks, saved.is_ally, saved.last_contact) == (
        "Met at the fair",
        True,
        date(2026, 11, 24),
    )
    # The unsent note to the other row goes to the one kept, in her name.
    draft = Note.objects.get(pk=two_danas["draft"].pk)
    assert draft.to == "Dana Lee <dana@acme.example>"
    assert draft.body == "Hi Dana,\n\nThanks, Dana Lee."
    # The reasons of the plan name her as the one kept.
    assert (
        "Dana Lee pointed you to Joanna Ng"
        in Action.objects.get(interview=fit.interview, kind="referral_outreach").reason
    )
    # Every opportunity she is on says so.
    entries = Change.objects.filter(summary="Merged Dana L. into Dana Lee")
    assert {c.opportunity_id for c in entries} == set(
        Opportunity.objects.values_list("pk", flat=True)
    )


def test_merging_fills_an_empty_address_from_the_other(alice):
    initech(alice, PersonInput("Dana Lee"), DANA_AGAIN)
    keep = Contact.objects.get(name="Dana Lee")
    contact_merge(keep=keep, other=contact("dana.l@initech.example"), now=NOW)
    assert Contact.objects.get(pk=keep.pk).email == "dana.l@initech.example"


def _twice(alice) -> tuple[Close, Contact, Contact]:
    """One interview where the same Dana was listed twice: two thank-yous, one person."""
    close = initech(alice, PersonInput("Dana Lee", "dana@initech.example"), DANA_AGAIN)
    return close, contact("dana@initech.example"), contact("dana.l@initech.example")


def test_the_same_thank_you_twice_becomes_the_one_done(alice):
    close, keep, other = _twice(alice)
    done = thank_you(close.interview, other)
    action_complete(action=done, now=at("2026-11-24 18:00"))
    twin = thank_you(close.interview, keep)
    contact_merge(keep=keep, other=other, now=NOW)
    thanks = Action.objects.filter(interview=close.interview, kind="thank_you")
    assert list(thanks.values_list("pk", "contact", "status")) == [(done.pk, keep.pk, "done")]
    assert not Action.objects.filter(pk=twin.pk).exists()


def test_when_both_were_done_both_stay_in_the_history(alice):
    close, keep, other = _twice(alice)
    for person, moment in ((keep, "2026-11-24 18:00"), (other, "2026-11-24 18:05")):
        action_complete(action=thank_you(close.interview, person), now=at(moment))
    contact_merge(keep=keep, other=other, now=NOW)
    thanks = Action.objects.filter(interview=close.interview, kind="thank_you")
    assert sorted(thanks.values_list("contact", "step", "status")) == [
        (keep.pk, 1, "done"),
        (keep.pk, 2, "done"),
    ]
    assert not thanks.filter(status="open").exists()


def test_a_thank_you_done_is_not_asked_for_again_after_a_merge(alice):
    """Dana (kept) was taken off the interview, so her thank-you was cancelled; the other row
    was thanked. Once they are one, nothing asks to thank her again."""
    close, keep, other = _twice(alice)
    done = thank_you(close.interview, other)
    action_complete(action=done, now=at("2026-11-24 18:00"))
    interview_update(
        interview=close.interview,
        starts_at=close.interview.starts_at,
        ends_at=None,
        interviewers=[DANA_AGAIN],
        now=NOW,
    )
    assert thank_you(close.interview, keep).status == "cancelled"
    contact_merge(keep=keep, other=other, now=NOW)
    thanks = Action.objects.filter(interview=close.interview, kind="thank_you")
    assert list(thanks.values_list("pk", "contact", "status")) == [(done.pk, keep.pk, "done")]
    plan_refresh(opportunity=close.interview.opportunity, now=NOW)
    assert not thanks.filter(status="open").exists()


@pytest.mark.parametrize("who", ["themselves", "charlie"])
def test_a_contact_merges_only_with_another_of_the_same_user(alice, charlie, acme_close, who):
    keep = contact("dana@acme.example")
    other = keep if who == "themselves" else contact_upsert(owner=charlie, name="Dana Lee")
    before = everything()
    with pytest.raises(ContactError):
        contact_merge(keep=keep, other=other, now=NOW)
    assert everything() == before


@pytest.mark.parametrize("step", ["plan_refresh", "change_record"])
def test_a_merge_that_fails_half_way_writes_nothing(alice, two_danas, monkeypatch, step):
    def broken(**kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(contact_services, step, broken)
    before = everything()
    with pytest.raises(IntegrityError):
        contact_merge(keep=two_danas["keep"], other=two_danas["other"], now=NOW)
    assert everything() == before


# --- deleting a contact ---------------------------------------------------------------------


def test_deleting_a_contact_takes_their_actions_and_leads_and_undo_brings_them_back(
    alice, two_danas
):
    other = two_danas["other"]
    pk, fit = other.pk, two_danas["fit"]
    before = everything()
    theirs = list(Action.objects.filter(contact=other).values_list("pk", flat=True))
    assert theirs
    change = contact_delete(contact=other, now=NOW)
    assert not Contact.objects.filter(pk=pk).exists()
    assert not Action.objects.filter(pk__in=theirs).exists()
    assert not Referral.objects.filter(person_id=pk).exists()
    # She leaves the interview; the interview stays.
    assert Interview.objects.filter(pk=fit.interview.pk).exists()
    assert not fit.interview.interviewers.exists()
    # The lead she gave is still there, with nobody recorded as giving it.
    assert Referral.objects.get(close=fit).referrer is None
    assert (change.kind, change.opportunity, change.summary) == (
        "deleted",
        None,
        "Deleted contact Dana L. <dana.l@initech.example>",
    )
    # Each opportunity she was on says so on its history.
    entries = Change.objects.filter(summary="Contact deleted: Dana L. <dana.l@initech.example>")
    assert {c.opportunity_id for c in entries} == {
        fit.interview.opportunity_id,
        two_danas["rounds"].interview.opportunity_id,
    }

    change_undo(change=change, now=NOW)
    after = everything()
    # Everything is back with the same ids; only the history has grown, and the actions the
    # plan looked at twice say when (updated_at).
    assert without_updates(after) == without_updates(before)


def test_a_contact_of_nothing_is_deleted_without_an_entry_anywhere_else(alice):
    alone = contact_upsert(owner=alice, name="Someone", email="someone@example.org")
    change = contact_delete(contact=alone, now=NOW)
    assert not Contact.objects.exists()
    assert list(Change.objects.values_list("pk", flat=True)) == [change.pk]
