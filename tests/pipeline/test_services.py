"""Services: closes, answers and re-planning against the real database."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from helpers import at

from closer.core.records import AnswerKind, CloseAnswer, Permission
from closer.pipeline.models import Action, Opportunity
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    ReferralInput,
    action_complete,
    answer_record,
    close_log,
    close_log_new,
    interview_create,
    opportunity_create,
    plan_refresh,
)

pytestmark = pytest.mark.django_db

DANA = PersonInput("Dana Lee", "dana@acme.example")
SAM = PersonInput("Sam Ortiz", "sam@acme.example")


def actions(opportunity, status=Action.Status.OPEN):
    return list(Action.objects.filter(interview__opportunity=opportunity, status=status))


def test_it_plans_the_acceptance_scenario(acme_close):
    opportunity = acme_close.interview.opportunity
    by_kind = {a.kind: a for a in actions(opportunity)}
    assert set(by_kind) == {"thank_you", "follow_up"}
    assert by_kind["thank_you"].due_at == at("2026-11-25 21:00")
    assert by_kind["thank_you"].contact.name == "Dana Lee"
    assert by_kind["follow_up"].due_at == at("2026-12-11 10:00")
    assert "10 Dec" in by_kind["follow_up"].reason
    assert opportunity.status == Opportunity.Status.INTERVIEWING


def test_it_replans_idempotently(acme_close):
    opportunity = acme_close.interview.opportunity
    before = sorted(Action.objects.values_list("pk", "kind", "due_at"))
    for _ in range(3):
        plan_refresh(opportunity=opportunity, now=at("2026-11-26 09:00"))
    assert sorted(Action.objects.values_list("pk", "kind", "due_at")) == before


def test_it_never_touches_done_actions_when_replanning(acme_close):
    opportunity = acme_close.interview.opportunity
    thank_you = Action.objects.get(kind="thank_you")
    action_complete(action=thank_you, now=at("2026-11-25 18:00"))
    answer_record(
        opportunity=opportunity, kind=AnswerKind.REJECTED, received_at=at("2026-11-27 09:00")
    )
    thank_you.refresh_from_db()
    assert thank_you.status == Action.Status.DONE
    assert thank_you.completed_at == at("2026-11-25 18:00")


def test_it_cancels_the_follow_up_when_an_answer_arrives(acme_close):
    opportunity = acme_close.interview.opportunity
    answer_record(
        opportunity=opportunity, kind=AnswerKind.REJECTED, received_at=at("2026-11-30 09:00")
    )
    follow_up = Action.objects.get(kind="follow_up")
    assert follow_up.status == Action.Status.CANCELLED
    open_kinds = {a.kind for a in actions(opportunity)}
    assert {"feedback_request", "reconnect", "revisit"} <= open_kinds
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.REJECTED


def test_it_updates_the_plan_when_the_close_is_corrected(acme_close):
    interview = acme_close.interview
    close_log(
        interview=interview,
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.PENDING,
            expected_date=date(2026, 12, 4),
            permission=Permission.YES,
        ),
        now=at("2026-11-25 16:00"),
    )
    follow_ups = Action.objects.filter(kind="follow_up")
    assert follow_ups.count() == 1
    assert follow_ups.get().due_at == at("2026-12-07 10:00")


def test_it_reuses_contacts_and_the_open_opportunity(alice, acme_close):
    second = close_log_new(
        owner=alice,
        company_name="acme",
        role="Account Executive",
        starts_at=at("2026-12-02 10:00"),
        interviewers=[DANA, SAM],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
        now=at("2026-12-02 11:00"),
    )
    assert second.interview.opportunity == acme_close.interview.opportunity
    assert second.interview.round == 2
    assert alice.contact_set.count() == 2
    # The newer interview supersedes the first one's follow-up.
    first_follow_up = Action.objects.get(kind="follow_up", interview=acme_close.interview)
    assert first_follow_up.status == Action.Status.CANCELLED


def test_it_creates_an_opportunity_for_an_internal_referral(alice):
    opportunity = opportunity_create(owner=alice, company_name="Globex", role="Data Analyst")
    interview = interview_create(
        opportunity=opportunity, starts_at=at("2026-11-25 10:00"), interviewers=[DANA]
    )
    close_log(
        interview=interview,
        data=CloseInput(
            asked_for_job=False,
            answer=CloseAnswer.NOT_A_FIT,
            referrals=(ReferralInput(SAM, internal=True, role="Analytics Engineer"),),
        ),
        now=at("2026-11-25 11:00"),
    )
    referred = Opportunity.objects.get(role="Analytics Engineer")
    assert referred.company == opportunity.company
    assert referred.status == Opportunity.Status.WISHLIST
    outreach = Action.objects.get(kind="referral_outreach")
    assert outreach.contact.name == "Sam Ortiz"
    assert "Dana Lee" in outreach.reason


def test_it_guesses_sales_and_senior_roles(alice):
    sales = opportunity_create(owner=alice, company_name="Initech", role="Account Executive")
    senior = opportunity_create(owner=alice, company_name="Initech", role="Director of Finance")
    assert (sales.sales_role, sales.senior) == (True, False)
    assert senior.senior is True


def test_the_database_refuses_a_duplicate_action(acme_close):
    action = Action.objects.get(kind="follow_up")
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            owner=action.owner,
            opportunity=action.opportunity,
            interview=action.interview,
            kind=action.kind,
            step=action.step,
            contact=action.contact,
            due_at=action.due_at,
            reason="duplicate",
        )


def test_the_database_refuses_a_duplicate_action_without_contact(acme_close):
    interview = acme_close.interview
    fields = dict(
        owner=interview.owner,
        opportunity=interview.opportunity,
        interview=interview,
        kind="revisit",
        due_at=at("2027-05-01 10:00"),
    )
    Action.objects.create(reason="first", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(reason="second", **fields)
