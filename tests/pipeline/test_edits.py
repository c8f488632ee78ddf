"""Correcting the record: opportunities, companies, interviews and referral leads.

What every edit promises, checked for each: it re-plans through the planner, leaves what was
done, skipped or sent exactly as it was, leaves an entry on the opportunity's history, writes
nothing at all when it fails half-way, and cannot reach another user's rows.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.db import IntegrityError
from helpers import at

from closer.accounts.services import settings_for
from closer.coaching.models import Comment
from closer.core.records import AnswerKind, CloseAnswer, ReferralOutcome
from closer.outbox.models import Note
from closer.people.models import Contact
from closer.people.services import contact_upsert
from closer.pipeline.models import (
    Action,
    Answer,
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
    EditError,
    OpportunityDetails,
    OpportunityEdit,
    PersonInput,
    ReferralEdit,
    ReferralInput,
    action_complete,
    action_skip,
    answer_record,
    change_undo,
    close_log,
    close_log_new,
    company_rename,
    contact_delete,
    contact_merge,
    contact_update,
    interview_cancel,
    interview_create,
    interview_delete,
    interview_update,
    opportunity_create,
    opportunity_delete,
    opportunity_merge,
    opportunity_update,
    plan_refresh,
    referral_delete,
    referral_update,
)
from closer.pipeline.services import contacts as contact_services
from closer.pipeline.services import edits as edit_services
from closer.worker import worker

pytestmark = pytest.mark.django_db

NOW = at("2026-11-26 09:00")
BILL = PersonInput("Bill Lumbergh", "bill@initech.example")
SAM = PersonInput("Sam Ortiz", "sam@initech.example")
JO = PersonInput("Joanna Ng", "jo@hooli.example")
DANA = PersonInput("Dana Lee", "dana@globex.example")
Status = Opportunity.Status

# Every table an edit may write (the links of many-to-many fields among them).
TABLES = (
    Company,
    Opportunity,
    Interview,
    Interview.interviewers.through,
    Close,
    Close.next_round_with.through,
    Answer,
    Referral,
    Action,
    Note,
    Contact,
    Change,
    Comment,
)


def everything() -> dict[str, list[dict]]:
    """Every row of every table above, as plain values, to compare before and after."""
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in TABLES}


def next_round(owner) -> Close:
    """Initech, Analyst: round 1 with Bill on Wed 25 Nov 10:00, logged at 11:00. Round 2 with
    Sam is booked for Thu 3 Dec 10:00, and Bill pointed to Joanna at Hooli."""
    return close_log_new(
        owner=owner,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[BILL],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NEXT_ROUND,
            next_round_at=at("2026-12-03 10:00"),
            next_round_with=(SAM,),
            referrals=(ReferralInput(JO),),
        ),
        now=at("2026-11-25 11:00"),
    )


def not_a_fit(owner, *leads: ReferralInput) -> Close:
    """Globex, Data Analyst: round 1 with Dana on Wed 25 Nov 10:00; not a fit, with leads."""
    return close_log_new(
        owner=owner,
        company_name="Globex",
        role="Data Analyst",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[DANA],
        data=CloseInput(asked_for_job=False, answer=CloseAnswer.NOT_A_FIT, referrals=leads),
        now=at("2026-11-25 11:00"),
    )


def booked_round(close: Close) -> Interview:
    """The next round a close booked, as the database has it (its round number set)."""
    return Interview.objects.get(pk=close.next_interview_id)


def action(kind: str, **where) -> Action:
    return Action.objects.get(kind=kind, **where)


def note(action: Action, *, status=Note.Status.DRAFT, **fields) -> Note:
    values = {
        "to": "Bill Lumbergh <bill@initech.example>",
        "subject": "Thank you from your Initech interview",
        "body": "Hi Bill,\n\nThank you for your time today at Initech.\n\nBest,",
        **fields,
    }
    return Note.objects.create(
        owner=action.owner,
        action=action,
        status=status,
        message_id=f"<note-{action.pk}@example.org>",
        **values,
    )


def local_day(moment) -> str:
    return moment.astimezone(at("2026-01-01 00:00").tzinfo).date().isoformat()


def edit_of(opportunity: Opportunity, **changes) -> OpportunityEdit:
    """The opportunity as it stands, with `changes` (company_name, role, or any detail)."""
    details = {name: getattr(opportunity, name) for name in OpportunityDetails().values()}
    details.update({k: v for k, v in changes.items() if k in details})
    return OpportunityEdit(
        company_name=changes.get("company_name", opportunity.company.name),
        role=changes.get("role", opportunity.role),
        sales_role=changes.get("sales_role", opportunity.sales_role),
        senior=changes.get("senior", opportunity.senior),
        details=OpportunityDetails(**details),
    )


def referral_edit(referral: Referral, **changes) -> ReferralEdit:
    values = {
        "referrer": referral.referrer,
        "internal": referral.internal,
        "role": referral.role,
        "organisation": referral.person.organisation,
        "outcome": ReferralOutcome(referral.outcome),
        **changes,
    }
    return ReferralEdit(**values)


# --- the promises every edit keeps ----------------------------------------------------------


@pytest.fixture
def world(alice):
    """Initech after round 1 (see next_round): the thank-you to Bill was sent and is done, the
    confirmation of round 2 skipped; a second Initech opportunity, applied to on 2 Nov."""
    close = next_round(alice)
    first = close.interview
    thank_you = action("thank_you", interview=first)
    note(thank_you, status=Note.Status.SENT, sent_at=at("2026-11-25 17:59"))
    action_complete(action=thank_you, now=at("2026-11-25 18:00"), undoable=False)
    action_skip(action=action("confirm_round", interview=first), now=at("2026-11-25 18:05"))
    other = opportunity_create(
        owner=alice,
        company_name="Initech",
        role="Data Analyst",
        details=OpportunityDetails(applied_on=date(2026, 11, 2)),
        now=at("2026-11-25 18:10"),
    )
    # Bill again, under another address: merged into Bill below.
    contact_upsert(owner=alice, name="B. Lumbergh", email="bl@initech.example")
    return SimpleNamespace(
        owner=alice,
        close=close,
        first=first,
        booked=booked_round(close),
        opportunity=first.opportunity,
        other=other,
        finished=[thank_you.pk, action("confirm_round", interview=first).pk],
    )


def _bill(w) -> Contact:
    return Contact.objects.get(email="bill@initech.example")


EDITS = {
    "opportunity_update": lambda w: opportunity_update(
        opportunity=w.opportunity, edit=edit_of(w.opportunity, role="Senior Analyst"), now=NOW
    ),
    "company_rename": lambda w: company_rename(
        company=w.opportunity.company, name="Initech Corp", now=NOW
    ),
    "opportunity_merge": lambda w: opportunity_merge(keep=w.opportunity, other=w.other, now=NOW),
    "interview_update_time": lambda w: interview_update(
        interview=w.first,
        starts_at=at("2026-11-25 09:30"),
        ends_at=at("2026-11-25 10:30"),
        interviewers=[BILL],
        now=NOW,
    ),
    "interview_update_people": lambda w: interview_update(
        interview=w.first,
        starts_at=w.first.starts_at,
        ends_at=None,
        interviewers=[BILL, PersonInput("Milton Waddams")],
        now=NOW,
    ),
    "interview_update_next_round": lambda w: interview_update(
        interview=w.booked,
        starts_at=at("2026-12-08 10:00"),
        ends_at=None,
        interviewers=[SAM],
        now=NOW,
    ),
    "interview_cancel": lambda w: interview_cancel(interview=w.booked, now=NOW),
    "interview_delete": lambda w: interview_delete(interview=w.booked, now=NOW),
    "referral_update": lambda w: referral_update(
        referral=Referral.objects.get(),
        edit=referral_edit(Referral.objects.get(), internal=True, role="Data Engineer"),
        now=NOW,
    ),
    "referral_delete": lambda w: referral_delete(referral=Referral.objects.get(), now=NOW),
    "contact_update": lambda w: contact_update(
        contact=_bill(w), edit=ContactEdit("William Lumbergh", "bill@initech.example"), now=NOW
    ),
    "contact_merge": lambda w: contact_merge(
        keep=_bill(w),
        other=Contact.objects.get(email="bl@initech.example"),
        now=NOW,
    ),
    "contact_delete": lambda w: contact_delete(
        contact=Contact.objects.get(email="jo@hooli.example"), now=NOW
    ),
}


def _finished(w) -> list[dict]:
    return list(Action.objects.filter(pk__in=w.finished).order_by("pk").values())


@pytest.mark.parametrize("name", EDITS)
def test_every_edit_leaves_what_was_done_skipped_or_sent_as_it_was(world, name):
    done_and_skipped, sent = _finished(world), list(Note.objects.values())
    assert [a["status"] for a in done_and_skipped] == ["done", "skipped"]
    EDITS[name](world)
    assert _finished(world) == done_and_skipped
    assert list(Note.objects.values()) == sent


@pytest.mark.parametrize("name", EDITS)
def test_every_edit_leaves_an_entry_on_the_opportunitys_history(world, name):
    before = set(Change.objects.filter(opportunity=world.opportunity).values_list("pk", flat=True))
    EDITS[name](world)
    new = Change.objects.filter(opportunity=world.opportunity).exclude(pk__in=before)
    assert new.exists(), f"{name} left nothing on the history"
    assert all(c.at == NOW and c.summary for c in new)


@pytest.mark.parametrize("name", EDITS)
def test_every_edit_replans_through_the_planner(world, name):
    """After the edit, re-planning every opportunity again finds nothing left to change: the
    edit already brought the stored plan in line with the planner."""
    EDITS[name](world)
    after = everything()
    for opportunity in Opportunity.objects.all():
        plan_refresh(opportunity=opportunity, now=NOW)
    assert everything() == after


@pytest.mark.parametrize("name", EDITS)
@pytest.mark.parametrize("step", ["plan_refresh", "change_record"])
def test_an_edit_that_fails_half_way_writes_nothing(world, name, step, monkeypatch):
    def broken(**kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(edit_services, step, broken)
    monkeypatch.setattr(contact_services, step, broken)
    before = everything()
    with pytest.raises(IntegrityError):
        EDITS[name](world)
    assert everything() == before


# --- opportunities --------------------------------------------------------------------------


def test_a_corrected_deadline_moves_the_reminder_to_apply(alice):
    saved = opportunity_create(
        owner=alice,
        company_name="Hooli",
        role="Analyst",
        status=Status.WISHLIST,
        details=OpportunityDetails(apply_by=date(2026, 12, 11)),
        now=NOW,
    )
    reminder = action("apply", opportunity=saved)
    assert local_day(reminder.due_at) == "2026-12-09"
    change = opportunity_update(
        opportunity=saved, edit=edit_of(saved, apply_by=date(2026, 12, 18)), now=NOW
    )
    moved = Action.objects.get(pk=reminder.pk)
    assert (moved.status, moved.due_at) == ("open", at("2026-12-16 10:00"))
    assert change.opportunity == saved and change.kind == "edit"
    assert change.detail == "Apply by: Fri 11 Dec 2026 → Fri 18 Dec 2026"
    assert Opportunity.objects.get(pk=saved.pk).apply_by == date(2026, 12, 18)


def test_a_date_of_application_starts_its_follow_ups(alice):
    applied = opportunity_create(owner=alice, company_name="Hooli", role="Analyst", now=NOW)
    assert not Action.objects.filter(opportunity=applied).exists()
    opportunity_update(
        opportunity=applied, edit=edit_of(applied, applied_on=date(2026, 11, 23)), now=NOW
    )
    follow_ups = Action.objects.filter(opportunity=applied, kind="application_follow_up")
    assert [(a.step, a.due_at) for a in follow_ups.order_by("step")] == [
        (1, at("2026-12-02 10:00")),
        (2, at("2026-12-09 10:00")),
    ]


def test_an_edit_that_changes_nothing_leaves_nothing(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    before = everything()
    assert opportunity_update(opportunity=opportunity, edit=edit_of(opportunity), now=NOW) is None
    assert everything() == before


def test_each_corrected_field_is_listed_on_the_history(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    edit = edit_of(
        opportunity,
        role="Account Director",
        senior=True,
        location="  Boston  ",
        source="recruiter",
        remarks="x" * 80,
    )
    change = opportunity_update(opportunity=opportunity, edit=edit, now=NOW)
    assert change.summary == "Edited Account Director at Acme"
    assert change.detail.splitlines() == [
        "Role: Account Executive → Account Director",
        "Senior role: no → yes",
        "Location: (none) → Boston",
        "Found through: (none) → A recruiter",
        "Remarks: (none) → " + "x" * 57 + "…",
    ]
    saved = Opportunity.objects.get(pk=opportunity.pk)
    assert (saved.location, saved.role, saved.senior) == ("Boston", "Account Director", True)


def test_a_new_company_name_on_the_only_opportunity_corrects_the_company(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    company = opportunity.company
    opportunity_update(
        opportunity=opportunity, edit=edit_of(opportunity, company_name="Acme Corp"), now=NOW
    )
    assert Company.objects.get(pk=company.pk).name == "Acme Corp"
    assert Opportunity.objects.get(pk=opportunity.pk).company_id == company.pk
    assert Company.objects.count() == 1


def test_with_others_at_the_company_only_this_opportunity_moves(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    sibling = opportunity_create(owner=alice, company_name="Acme", role="Sales Engineer")
    opportunity_update(
        opportunity=opportunity, edit=edit_of(opportunity, company_name="Acme Labs"), now=NOW
    )
    assert Opportunity.objects.get(pk=opportunity.pk).company.name == "Acme Labs"
    assert Opportunity.objects.get(pk=sibling.pk).company.name == "Acme"
    assert sorted(Company.objects.values_list("name", flat=True)) == ["Acme", "Acme Labs"]


def test_moving_the_only_opportunity_to_a_known_company_leaves_no_empty_company(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    known = opportunity_create(owner=alice, company_name="Acme Corp", role="Sales Engineer")
    opportunity_update(
        opportunity=opportunity, edit=edit_of(opportunity, company_name="acme corp"), now=NOW
    )
    assert Opportunity.objects.get(pk=opportunity.pk).company_id == known.company_id
    assert list(Company.objects.values_list("name", flat=True)) == ["Acme Corp"]


def test_a_corrected_company_reaches_unsent_notes_but_never_sent_ones(alice, acme_close):
    interview = acme_close.interview
    thank_you = action("thank_you", interview=interview)
    draft = note(thank_you, subject="Thanks from Acme", body="Hi Dana, thanks for Acme today.")
    follow_up = action("follow_up", interview=interview)
    sent = note(
        follow_up,
        status=Note.Status.SENT,
        subject="Acme: checking in",
        body="Hi Dana, any news at Acme?",
    )
    opportunity = interview.opportunity
    opportunity_update(
        opportunity=opportunity,
        edit=edit_of(opportunity, company_name="Acme Corp", role="Account Manager"),
        now=NOW,
    )
    draft.refresh_from_db()
    assert (draft.subject, draft.body) == (
        "Thanks from Acme Corp",
        "Hi Dana, thanks for Acme Corp today.",
    )
    assert Note.objects.filter(pk=sent.pk).values("subject", "body").get() == {
        "subject": "Acme: checking in",
        "body": "Hi Dana, any news at Acme?",
    }


def test_an_id_another_opportunity_has_is_refused_and_nothing_changes(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    opportunity_create(
        owner=alice,
        company_name="Hooli",
        role="Analyst",
        details=OpportunityDetails(external_id="huntr-42"),
    )
    before = everything()
    with pytest.raises(EditError, match="huntr-42"):
        opportunity_update(
            opportunity=opportunity,
            edit=edit_of(opportunity, role="Changed", external_id=" huntr-42 "),
            now=NOW,
        )
    assert everything() == before


def test_another_users_id_is_no_clash(alice, charlie, acme_close):
    opportunity_create(
        owner=charlie,
        company_name="Hooli",
        role="Analyst",
        details=OpportunityDetails(external_id="huntr-42"),
    )
    opportunity = acme_close.interview.opportunity
    opportunity_update(
        opportunity=opportunity, edit=edit_of(opportunity, external_id="huntr-42"), now=NOW
    )
    assert Opportunity.objects.get(pk=opportunity.pk).external_id == "huntr-42"


@pytest.mark.parametrize("blank", [{"company_name": "  "}, {"role": ""}])
def test_an_opportunity_needs_a_company_and_a_role(alice, acme_close, blank):
    opportunity = acme_close.interview.opportunity
    before = everything()
    with pytest.raises(EditError, match="needs a company and a role"):
        opportunity_update(opportunity=opportunity, edit=edit_of(opportunity, **blank), now=NOW)
    assert everything() == before


def test_a_company_name_charlie_has_is_not_charlies_company(alice, charlie, acme_close):
    theirs = opportunity_create(owner=charlie, company_name="Hooli", role="Analyst")
    opportunity = acme_close.interview.opportunity
    opportunity_update(
        opportunity=opportunity, edit=edit_of(opportunity, company_name="Hooli"), now=NOW
    )
    mine = Opportunity.objects.get(pk=opportunity.pk).company
    assert mine.owner == alice and mine.pk != theirs.company_id
    assert Company.objects.get(pk=theirs.company_id).name == "Hooli"


# --- renaming a company ---------------------------------------------------------------------


def test_renaming_a_company_takes_every_opportunity_there_along(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    sibling = opportunity_create(owner=alice, company_name="Acme", role="Sales Engineer")
    draft = note(action("thank_you"), subject="Thanks from Acme", body="Acme was great.")
    company = company_rename(company=opportunity.company, name=" Acme Corp ", now=NOW)
    assert company.pk == opportunity.company_id and company.name == "Acme Corp"
    assert {o.company.name for o in Opportunity.objects.all()} == {"Acme Corp"}
    for each in (opportunity, sibling):
        entry = Change.objects.get(opportunity=each)
        assert entry.summary == "Company renamed: Acme → Acme Corp"
    draft.refresh_from_db()
    assert (draft.subject, draft.body) == ("Thanks from Acme Corp", "Acme Corp was great.")


def test_renaming_to_a_company_already_there_joins_the_two(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    old = opportunity.company
    there = opportunity_create(owner=alice, company_name="Acme Corp", role="Sales Engineer")
    draft = note(action("thank_you"), subject="Thanks from Acme", body="Acme was great.")
    company = company_rename(company=old, name="ACME CORP", now=NOW)
    assert company.pk == there.company_id and company.name == "Acme Corp"
    assert not Company.objects.filter(pk=old.pk).exists()
    assert Opportunity.objects.get(pk=opportunity.pk).company_id == there.company_id
    assert (
        Change.objects.get(opportunity=opportunity).summary == "Company renamed: Acme → Acme Corp"
    )
    # Notes take the spelling of the company they joined, not the one typed.
    draft.refresh_from_db()
    assert (draft.subject, draft.body) == ("Thanks from Acme Corp", "Acme Corp was great.")


def test_a_rename_to_the_same_name_does_nothing(alice, acme_close):
    before = everything()
    company_rename(company=acme_close.interview.opportunity.company, name="Acme", now=NOW)
    assert everything() == before


def test_a_company_needs_a_name(alice, acme_close):
    before = everything()
    with pytest.raises(EditError):
        company_rename(company=acme_close.interview.opportunity.company, name="  ", now=NOW)
    assert everything() == before


def test_renaming_never_joins_another_users_company(alice, charlie, acme_close):
    theirs = opportunity_create(owner=charlie, company_name="Acme Corp", role="Analyst")
    company = company_rename(
        company=acme_close.interview.opportunity.company, name="Acme Corp", now=NOW
    )
    assert company.owner == alice and company.pk != theirs.company_id
    assert Opportunity.objects.get(pk=theirs.pk).company_id == theirs.company_id
    assert Opportunity.objects.filter(company=company).count() == 1


# --- deleting an opportunity ----------------------------------------------------------------


def test_deleting_an_opportunity_takes_everything_on_it_and_no_one(alice, world):
    opportunity, pk = world.opportunity, world.opportunity.pk
    Comment.objects.create(owner=alice, opportunity=opportunity, body="Ask about the TPS reports")
    people = set(Contact.objects.values_list("pk", flat=True))
    change = opportunity_delete(opportunity=opportunity, now=NOW)
    assert not Opportunity.objects.filter(pk=pk).exists()
    assert not Interview.objects.filter(opportunity_id=pk).exists()
    assert not Action.objects.filter(opportunity_id=pk).exists()
    assert not Referral.objects.exists() and not Note.objects.exists()
    assert not Comment.objects.exists()
    # People are not deleted with it: they may be on other opportunities, and are allies.
    assert set(Contact.objects.values_list("pk", flat=True)) == people
    # The other opportunity at Initech keeps the company.
    assert Opportunity.objects.get(pk=world.other.pk).company.name == "Initech"
    assert (change.kind, change.opportunity, change.summary) == (
        "deleted",
        None,
        "Deleted Analyst at Initech",
    )
    assert change.undo["opportunity"] == pk


def test_deleting_the_only_opportunity_at_a_company_takes_the_company(alice, acme_close):
    company = acme_close.interview.opportunity.company
    opportunity_delete(opportunity=acme_close.interview.opportunity, now=NOW)
    assert not Company.objects.filter(pk=company.pk).exists()


# --- merging two opportunities --------------------------------------------------------------


@pytest.fixture
def twins(alice):
    """The same Acme job entered twice: the one kept (round 2, on 2 Dec) and the other
    (round 1, on 25 Nov, with the job link, an answer, a comment and some history)."""
    keep = opportunity_create(owner=alice, company_name="Acme", role="Account Executive")
    other = opportunity_create(
        owner=alice,
        company_name="Acme",
        role="AE",
        details=OpportunityDetails(
            job_url="https://acme.example/jobs/7", remarks="Found on the board", external_id="t-7"
        ),
    )
    first = interview_create(
        opportunity=other, starts_at=at("2026-11-25 14:00"), interviewers=[DANA]
    )
    close_log(
        interview=first,
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
        now=at("2026-11-25 15:00"),
    )
    action_complete(action=action("thank_you", interview=first), now=at("2026-11-25 18:00"))
    second = interview_create(
        opportunity=keep, starts_at=at("2026-12-02 10:00"), interviewers=[SAM]
    )
    Comment.objects.create(owner=alice, opportunity=other, body="Dana likes numbers")
    return SimpleNamespace(keep=keep, other=other, first=first, second=second)


def test_merging_brings_the_others_interviews_answers_and_history(alice, twins):
    keep, other = twins.keep, twins.other
    answer = answer_record(
        opportunity=other, kind=AnswerKind.NEXT_ROUND, received_at=at("2026-11-27 09:00")
    )
    earlier = Change.objects.create(
        owner=alice, opportunity=other, kind="edit", summary="x", at=NOW
    )
    done = action("thank_you", interview=twins.first)
    change = opportunity_merge(keep=keep, other=other, now=NOW)
    assert not Opportunity.objects.filter(pk=other.pk).exists()
    rounds = list(Interview.objects.filter(opportunity=keep).values_list("pk", "round"))
    assert rounds == [(twins.first.pk, 1), (twins.second.pk, 2)]
    assert Answer.objects.get(pk=answer.pk).opportunity_id == keep.pk
    assert Change.objects.get(pk=earlier.pk).opportunity_id == keep.pk
    assert Comment.objects.get().opportunity_id == keep.pk
    kept = Action.objects.get(pk=done.pk)
    assert (kept.opportunity_id, kept.status, kept.completed_at) == (
        keep.pk,
        "done",
        at("2026-11-25 18:00"),
    )
    assert (change.opportunity, change.summary) == (keep, "Merged in AE at Acme")
    merged = Opportunity.objects.get(pk=keep.pk)
    assert merged.job_url == "https://acme.example/jobs/7"
    assert merged.remarks == "Found on the board"
    assert merged.external_id == "t-7"
    assert merged.role == "Account Executive"


def test_merging_never_moves_the_kept_one_back(alice):
    keep = opportunity_create(owner=alice, company_name="Acme", role="AE", status=Status.APPLIED)
    other = opportunity_create(owner=alice, company_name="Acme", role="AE", status=Status.WISHLIST)
    opportunity_merge(keep=keep, other=other, now=NOW)
    assert Opportunity.objects.get(pk=keep.pk).status == Status.APPLIED


def test_merging_takes_the_others_status_when_it_got_further(alice, twins):
    assert (twins.keep.status, twins.other.status) == (Status.INTERVIEWING, Status.INTERVIEWING)
    saved = opportunity_create(owner=alice, company_name="Acme", role="AE", status=Status.WISHLIST)
    opportunity_merge(keep=saved, other=twins.other, now=NOW)
    assert Opportunity.objects.get(pk=saved.pk).status == Status.INTERVIEWING


def test_a_done_application_follow_up_of_the_other_stays_in_the_history(alice):
    applied = OpportunityDetails(applied_on=date(2026, 11, 2))
    keep = opportunity_create(owner=alice, company_name="Acme", role="AE", details=applied, now=NOW)
    other = opportunity_create(
        owner=alice, company_name="Acme", role="AE", details=applied, now=NOW
    )
    done = Action.objects.get(opportunity=other, kind="application_follow_up", step=1)
    action_complete(action=done, now=NOW)
    opportunity_merge(keep=keep, other=other, now=NOW)
    follow_ups = Action.objects.filter(opportunity=keep, kind="application_follow_up")
    assert follow_ups.filter(status="done").get().pk == done.pk
    assert follow_ups.filter(status="open").count() == 2  # the kept one's own plan
    assert follow_ups.count() == 3


@pytest.mark.parametrize("who", ["itself", "charlie"])
def test_an_opportunity_merges_only_with_another_of_the_same_user(alice, charlie, twins, who):
    other = (
        twins.keep
        if who == "itself"
        else opportunity_create(owner=charlie, company_name="Acme", role="AE")
    )
    before = everything()
    with pytest.raises(EditError):
        opportunity_merge(keep=twins.keep, other=other, now=NOW)
    assert everything() == before


# --- rescheduling and correcting an interview -----------------------------------------------


def test_moving_the_next_round_moves_the_evening_to_prepare(alice):
    close = next_round(alice)
    booked = booked_round(close)
    prepare = action("prepare_round", status="open")
    assert prepare.due_at == at("2026-12-02 18:00")
    change = interview_update(
        interview=booked,
        starts_at=at("2026-12-08 10:00"),
        ends_at=None,
        interviewers=[SAM],
        now=NOW,
    )
    moved = Action.objects.get(pk=prepare.pk)
    assert (moved.status, moved.due_at) == ("open", at("2026-12-07 18:00"))
    assert "Tue 8 Dec" in moved.reason
    assert Close.objects.get(pk=close.pk).next_round_at == at("2026-12-08 10:00")
    assert change.summary == "Round 2 changed"
    assert change.detail == "Time: Thu 3 Dec 2026, 10:00 → Tue 8 Dec 2026, 10:00"


def test_moving_a_round_booked_by_an_answer_keeps_the_answer_in_step(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    answer = answer_record(
        opportunity=opportunity,
        kind=AnswerKind.NEXT_ROUND,
        received_at=at("2026-11-27 09:00"),
        next_round_at=at("2026-12-03 10:00"),
    )
    booked = answer.next_interview
    interview_update(
        interview=booked, starts_at=at("2026-12-10 15:00"), ends_at=None, interviewers=[], now=NOW
    )
    assert Answer.objects.get(pk=answer.pk).next_round_at == at("2026-12-10 15:00")
    assert action("prepare_round", status="open").due_at == at("2026-12-09 18:00")


def test_the_thank_you_moves_with_the_day_of_the_interview(alice):
    # Logged the morning after, the thank-you is late; the interview was in fact that day.
    close = close_log_new(
        owner=alice,
        company_name="Acme",
        role="Account Executive",
        starts_at=at("2026-11-25 14:00"),
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
        now=at("2026-11-26 08:00"),
    )
    thank_you = action("thank_you")
    assert thank_you.late and thank_you.due_at == at("2026-11-26 08:00")
    interview_update(
        interview=close.interview,
        starts_at=at("2026-11-26 07:00"),
        ends_at=at("2026-11-26 07:45"),
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        now=at("2026-11-26 08:05"),
    )
    moved = Action.objects.get(pk=thank_you.pk)
    assert (moved.late, moved.due_at) == (False, at("2026-11-26 21:00"))
    assert "Thu 26 Nov" in moved.reason


def test_an_interview_that_ran_late_moves_its_thank_you_to_midnight(alice, acme_close):
    interview_update(
        interview=acme_close.interview,
        starts_at=at("2026-11-25 14:00"),
        ends_at=at("2026-11-25 21:30"),
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        now=NOW,
    )
    assert action("thank_you").due_at == at("2026-11-25 23:59")
    change = Change.objects.get(kind="edit")
    # Only the end moved: the history says so, rather than showing the same time twice.
    assert "21:30" in change.detail
    left, right = change.detail.removeprefix("Time: ").split(" → ")
    assert left != right


def test_a_done_thank_you_stays_where_it_was(alice, acme_close):
    thank_you = action("thank_you")
    action_complete(action=thank_you, now=at("2026-11-25 18:00"))
    before = Action.objects.filter(pk=thank_you.pk).values().get()
    interview_update(
        interview=acme_close.interview,
        starts_at=at("2026-11-24 14:00"),
        ends_at=None,
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        now=NOW,
    )
    assert Action.objects.filter(pk=thank_you.pk).values().get() == before


def test_editing_the_interviewers_thanks_the_new_one_and_drops_the_one_not_there(alice, world):
    milton = PersonInput("Milton Waddams", "milton@initech.example")
    change = interview_update(
        interview=world.first,
        starts_at=world.first.starts_at,
        ends_at=None,
        interviewers=[milton],
        now=NOW,
    )
    thanks = Action.objects.filter(interview=world.first, kind="thank_you")
    by_person = {a.contact.name: a.status for a in thanks}
    # Bill's was sent already: it stays done. Milton's is new and open.
    assert by_person == {"Bill Lumbergh": "done", "Milton Waddams": "open"}
    assert change.detail == "Interviewers: Bill Lumbergh → Milton Waddams"
    assert list(world.first.interviewers.values_list("name", flat=True)) == ["Milton Waddams"]


def test_an_open_thank_you_to_someone_no_longer_listed_is_cancelled(alice, acme_close):
    thank_you = action("thank_you")
    interview_update(
        interview=acme_close.interview,
        starts_at=acme_close.interview.starts_at,
        ends_at=None,
        interviewers=[PersonInput("Sam Ortiz", "sam@acme.example")],
        now=NOW,
    )
    assert Action.objects.get(pk=thank_you.pk).status == "cancelled"
    assert action("thank_you", status="open").contact.name == "Sam Ortiz"
    # The follow-up goes to the first interviewer, now Sam.
    assert action("follow_up", status="open").contact.name == "Sam Ortiz"


def test_a_different_person_of_the_same_name_is_a_change_too(alice, acme_close):
    """Two Dana Lees: the right one (another address) is a different contact, and the plan
    must follow, though the names read the same."""
    dana = acme_close.interview.interviewers.get()
    change = interview_update(
        interview=acme_close.interview,
        starts_at=acme_close.interview.starts_at,
        ends_at=None,
        interviewers=[PersonInput("Dana Lee", "dana.lee@acme-sales.example")],
        now=NOW,
    )
    assert change is not None
    right = Contact.objects.get(email="dana.lee@acme-sales.example")
    assert action("thank_you", status="open").contact == right
    assert Action.objects.get(kind="thank_you", contact=dana).status == "cancelled"


def test_a_reschedule_that_changes_nothing_leaves_nothing(alice, acme_close):
    before = everything()
    change = interview_update(
        interview=acme_close.interview,
        starts_at=acme_close.interview.starts_at,
        ends_at=None,
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        now=NOW,
    )
    assert change is None and everything() == before


def test_rounds_follow_the_order_the_interviews_happen_in(alice, world):
    interview_update(
        interview=world.booked,
        starts_at=at("2026-11-20 10:00"),
        ends_at=None,
        interviewers=[SAM],
        now=NOW,
    )
    assert Interview.objects.get(pk=world.booked.pk).round == 1
    assert Interview.objects.get(pk=world.first.pk).round == 2
    assert Change.objects.filter(kind="edit").latest("pk").summary == "Round 1 changed"


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        ("2026-11-25 10:00", "2026-11-25 09:00", "can't end before it starts"),
        ("2026-11-27 10:00", None, "can't move to a time still to come"),
    ],
)
def test_a_reschedule_that_cannot_be_is_refused_and_nothing_changes(
    alice, world, starts, ends, message
):
    before = everything()
    with pytest.raises(EditError, match=message):
        interview_update(
            interview=world.first,
            starts_at=at(starts),
            ends_at=at(ends) if ends else None,
            interviewers=[BILL, SAM],
            now=NOW,
        )
    assert everything() == before


def test_interviewers_are_always_the_users_own_contacts(alice, charlie, acme_close):
    theirs = contact_upsert(owner=charlie, name="Sam Ortiz", email="sam@acme.example")
    interview_update(
        interview=acme_close.interview,
        starts_at=acme_close.interview.starts_at,
        ends_at=None,
        interviewers=[PersonInput("Sam Ortiz", "sam@acme.example")],
        now=NOW,
    )
    (sam,) = acme_close.interview.interviewers.all()
    assert sam.owner == alice and sam.pk != theirs.pk
    assert not Action.objects.filter(contact=theirs).exists()


# --- calling an interview off ---------------------------------------------------------------


def test_calling_off_the_next_round_cancels_its_open_actions(alice):
    close = next_round(alice)
    booked = booked_round(close)
    opened = {a.kind: a.pk for a in Action.objects.filter(status="open")}
    assert {"confirm_round", "prepare_round"} <= set(opened)
    change = interview_cancel(interview=booked, now=NOW)
    for kind in ("confirm_round", "prepare_round"):
        assert Action.objects.get(pk=opened[kind]).status == "cancelled"
    # The thank-you for round 1 is still owed.
    assert Action.objects.get(pk=opened["thank_you"]).status == "open"
    kept = Interview.objects.get(pk=booked.pk)
    assert kept.cancelled_at == NOW and kept.round == 2
    assert (change.kind, change.opportunity) == ("cancel", booked.opportunity)
    assert change.summary == "Cancelled round 2 (Thu 3 Dec 2026, 10:00)"


def test_nothing_is_sent_for_a_round_called_off_and_undo_brings_it_back(
    alice, mailoutbox, monkeypatch
):
    prefs = settings_for(alice)
    prefs.from_email = "alice@example.org"
    prefs.save()
    close = next_round(alice)
    confirm = action("confirm_round")
    queued = note(confirm, status=Note.Status.QUEUED, to="Sam Ortiz <sam@initech.example>")
    change = interview_cancel(interview=booked_round(close), now=NOW)
    worker(lambda: NOW, notes_only=True).run_once()
    assert mailoutbox == []
    queued.refresh_from_db()
    assert queued.status == Note.Status.DRAFT and queued.sent_at is None
    assert Action.objects.get(pk=confirm.pk).status == "cancelled"

    change_undo(change=change, now=NOW)
    assert Interview.objects.get(pk=close.next_interview_id).cancelled_at is None
    assert Action.objects.get(pk=confirm.pk).status == "open"
    assert action("prepare_round").status == "open"
    # Open again, the same note goes when queued: the check above was not vacuous.
    Note.objects.filter(pk=queued.pk).update(status=Note.Status.QUEUED)
    worker(lambda: NOW, notes_only=True).run_once()
    assert [m.to for m in mailoutbox] == [["Sam Ortiz <sam@initech.example>"]]


def test_calling_off_a_round_booked_by_an_answer_cancels_preparing_for_it(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    answer = answer_record(
        opportunity=opportunity,
        kind=AnswerKind.NEXT_ROUND,
        received_at=at("2026-11-27 09:00"),
        next_round_at=at("2026-12-03 10:00"),
    )
    prepare = action("prepare_round")
    interview_cancel(interview=answer.next_interview, now=at("2026-11-28 09:00"))
    assert Action.objects.get(pk=prepare.pk).status == "cancelled"


def test_a_logged_interview_cannot_be_called_off(alice, acme_close):
    before = everything()
    with pytest.raises(EditError, match="can't be called off"):
        interview_cancel(interview=acme_close.interview, now=NOW)
    assert everything() == before


def test_undoing_a_call_off_after_the_interview_went_is_refused_in_words(alice):
    from closer.pipeline.services import UndoError

    close = next_round(alice)
    booked = booked_round(close)
    change = interview_cancel(interview=booked, now=NOW)
    interview_delete(interview=booked, now=NOW)
    before = everything()
    with pytest.raises(UndoError):
        change_undo(change=change, now=NOW)
    assert everything() == before


# --- deleting an interview ------------------------------------------------------------------


def test_deleting_an_interview_takes_its_close_referrals_and_actions(alice, world):
    first = world.first.pk
    change = interview_delete(interview=world.first, now=NOW)
    assert not Interview.objects.filter(pk=first).exists()
    assert not Close.objects.filter(pk=world.close.pk).exists()
    assert not Referral.objects.exists()
    assert not Action.objects.filter(interview_id=first).exists()
    # The round booked after it is round 1 now.
    assert Interview.objects.get(pk=world.booked.pk).round == 1
    assert change.opportunity == world.opportunity and change.kind == "deleted"
    assert change.summary == "Deleted round 1 (Wed 25 Nov 2026, 10:00)"


def test_deleting_the_last_interview_moves_the_opportunity_back_to_applied(alice, acme_close):
    opportunity = acme_close.interview.opportunity
    interview_delete(interview=acme_close.interview, now=NOW)
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.APPLIED
    assert not Action.objects.filter(opportunity=opportunity, status="open").exists()


def test_deleting_an_interview_keeps_the_opportunity_its_referral_opened(alice):
    close = not_a_fit(alice, ReferralInput(JO, internal=True, role="Data Engineer"))
    opened = Opportunity.objects.get(role="Data Engineer")
    interview_delete(interview=close.interview, now=NOW)
    kept = Opportunity.objects.get(pk=opened.pk)
    assert kept.referred_by is None and kept.status == Status.WISHLIST


# --- referral leads -------------------------------------------------------------------------


def test_a_lead_made_internal_opens_an_opportunity_at_the_same_company(alice):
    close = not_a_fit(alice, ReferralInput(JO))
    referral = Referral.objects.get()
    outreach = action("referral_outreach")
    assert "at another company" in outreach.reason
    change = referral_update(
        referral=referral,
        edit=referral_edit(referral, internal=True, role=" Data Engineer "),
        now=NOW,
    )
    opened = Opportunity.objects.get(referred_by=referral)
    assert (opened.company_id, opened.role, opened.status, opened.source) == (
        close.interview.opportunity.company_id,
        "Data Engineer",
        Status.WISHLIST,
        "referral",
    )
    assert Action.objects.get(pk=outreach.pk).status == "open"
    assert "for another role at Globex" in Action.objects.get(pk=outreach.pk).reason
    assert change.opportunity == close.interview.opportunity
    assert change.summary == "Referral to Joanna Ng edited"
    assert "another role here" in change.detail


def test_a_lead_made_external_again_takes_back_the_untouched_opportunity(alice):
    not_a_fit(alice, ReferralInput(JO, internal=True, role="Data Engineer"))
    referral = Referral.objects.get()
    assert Opportunity.objects.filter(referred_by=referral).exists()
    referral_update(referral=referral, edit=referral_edit(referral, internal=False), now=NOW)
    assert not Opportunity.objects.filter(role="Data Engineer").exists()


def test_an_opportunity_the_user_began_on_stays_whatever_the_lead_says(alice):
    not_a_fit(alice, ReferralInput(JO, internal=True, role="Data Engineer"))
    referral = Referral.objects.get()
    opened = Opportunity.objects.get(referred_by=referral)
    interview_create(opportunity=opened, starts_at=at("2026-12-01 10:00"), now=NOW)
    referral_update(
        referral=referral, edit=referral_edit(referral, internal=False, role="ML Engineer"), now=NOW
    )
    assert Opportunity.objects.get(pk=opened.pk).role == "Data Engineer"


def test_a_corrected_role_renames_the_untouched_opportunity(alice):
    not_a_fit(alice, ReferralInput(JO, internal=True, role="Data Engineer"))
    referral = Referral.objects.get()
    referral_update(referral=referral, edit=referral_edit(referral, role="ML Engineer"), now=NOW)
    assert Opportunity.objects.get(referred_by=referral).role == "ML Engineer"


def test_a_corrected_referrer_is_named_in_the_outreach(alice):
    not_a_fit(alice, ReferralInput(JO))
    referral = Referral.objects.get()
    assert "Dana Lee pointed you to Joanna Ng" in action("referral_outreach").reason
    sam = contact_upsert(owner=alice, name="Sam Ortiz", email="sam@globex.example")
    change = referral_update(
        referral=referral,
        edit=referral_edit(
            referral, referrer=sam, organisation="Hooli", outcome=ReferralOutcome.WROTE
        ),
        now=NOW,
    )
    assert "Sam Ortiz pointed you to Joanna Ng" in action("referral_outreach").reason
    assert Contact.objects.get(email="jo@hooli.example").organisation == "Hooli"
    assert Referral.objects.get().outcome == "wrote"
    assert change.detail.startswith("Suggested by Sam Ortiz; outside;")


def test_an_unchanged_lead_leaves_nothing(alice):
    not_a_fit(alice, ReferralInput(JO))
    referral = Referral.objects.get()
    before = everything()
    assert referral_update(referral=referral, edit=referral_edit(referral), now=NOW) is None
    assert everything() == before


def test_the_referrer_must_be_the_users_own_contact(alice, charlie):
    not_a_fit(alice, ReferralInput(JO))
    referral = Referral.objects.get()
    theirs = contact_upsert(owner=charlie, name="Sam Ortiz", email="sam@globex.example")
    before = everything()
    with pytest.raises(EditError, match="your own contacts"):
        referral_update(referral=referral, edit=referral_edit(referral, referrer=theirs), now=NOW)
    assert everything() == before


def test_a_lead_that_fails_half_way_opens_no_opportunity(alice, monkeypatch):
    not_a_fit(alice, ReferralInput(JO))
    referral = Referral.objects.get()
    before = everything()

    def broken(**kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(edit_services, "change_record", broken)
    with pytest.raises(IntegrityError):
        referral_update(
            referral=referral, edit=referral_edit(referral, internal=True, role="X"), now=NOW
        )
    assert everything() == before


def test_deleting_a_lead_cancels_its_outreach_and_undo_brings_it_back(alice):
    not_a_fit(alice, ReferralInput(JO, internal=True, role="Data Engineer"))
    referral = Referral.objects.get()
    pk = referral.pk
    opened = Opportunity.objects.get(referred_by=referral)
    outreach = action("referral_outreach")
    change = referral_delete(referral=referral, now=NOW)
    assert not Referral.objects.exists()
    assert Action.objects.get(pk=outreach.pk).status == "cancelled"
    # The opportunity it opened stays; only its link to the lead goes.
    assert Opportunity.objects.get(pk=opened.pk).referred_by is None
    assert change.summary == "Deleted the referral to Joanna Ng"
    assert change.opportunity.company.name == "Globex" and change.opportunity != opened

    change_undo(change=change, now=NOW)
    assert Referral.objects.get().pk == pk
    assert Opportunity.objects.get(pk=opened.pk).referred_by_id == pk
    assert Action.objects.get(pk=outreach.pk).status == "open"


def test_only_leads_of_the_user_are_counted_when_a_lead_opens_one(alice, charlie):
    """Charlie's referrals never stand in for alice's: the opportunity a lead opens is looked
    up among alice's own."""
    not_a_fit(alice, ReferralInput(JO))
    not_a_fit(charlie, ReferralInput(JO, internal=True, role="Data Engineer"))
    mine = Referral.objects.get(owner=alice)
    referral_update(referral=mine, edit=referral_edit(mine, internal=True, role="Analyst"), now=NOW)
    opened = Opportunity.objects.get(referred_by=mine)
    assert opened.owner == alice and opened.company.owner == alice
    assert Opportunity.objects.filter(owner=charlie, role="Data Engineer").count() == 1
