"""Rules that used to live in two places and now live in one: each test checks that every
place that shows the rule agrees."""

from __future__ import annotations

from dataclasses import fields

import pytest
from helpers import at

from closer.accounts.models import PLAN_NUMBERS, UserSettings
from closer.accounts.services import settings_for
from closer.core.records import ActionKind, CloseAnswer, PlanSettings
from closer.pipeline.models import Action, Opportunity
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    ReferralInput,
    close_log_new,
    opportunity_create,
    opportunity_open_for,
)

pytestmark = pytest.mark.django_db

# Entered first, but last by name: "the first interviewer" is the first by name everywhere.
ZED = PersonInput("Zed Young", "zed@initech.example")
ANN = PersonInput("Ann Able", "ann@initech.example")


def test_every_plan_number_is_a_setting_the_user_can_change(alice):
    stored = {f.name for f in UserSettings._meta.get_fields()}
    plain = {f.name for f in fields(PlanSettings)} - {"tz", "work_week"}
    assert plain <= stored
    assert set(PLAN_NUMBERS) == plain - {"holiday_country", "holiday_subdivision"}
    mine = settings_for(alice)
    mine.gone_quiet_days, mine.confirm_round_days = 9, 3
    mine.save()
    read = settings_for(alice).plan_settings()
    assert (read.gone_quiet_days, read.confirm_round_days) == (9, 3)


def test_an_internal_referral_opens_an_opportunity_like_any_other(alice):
    close_log_new(
        owner=alice,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[ZED, ANN],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NOT_A_FIT,
            referrals=(
                ReferralInput(
                    PersonInput("Milton", "milton@initech.example"),
                    internal=True,
                    role="Senior Account Executive",
                ),
                ReferralInput(PersonInput("Bob", "bob@initech.example"), internal=True),
            ),
        ),
        now=at("2026-11-25 11:00"),
    )
    referred = Opportunity.objects.get(role="Senior Account Executive")
    assert (referred.sales_role, referred.senior) == (True, True)
    assert referred.status == Opportunity.Status.WISHLIST
    assert Opportunity.objects.filter(role="Referred by Zed Young").exists()


def test_the_plan_the_note_the_contacts_page_and_the_history_name_one_referrer(
    client, alice, monkeypatch
):
    from closer.outbox.selectors import note_facts

    monkeypatch.setenv("CLOSER_NOW", "2026-11-26T09:00")
    close = close_log_new(
        owner=alice,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[ZED, ANN],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NOT_A_FIT,
            referrals=(ReferralInput(PersonInput("Peter Gibbons", "peter@example.org")),),
        ),
        now=at("2026-11-25 11:00"),
    )
    outreach = Action.objects.get(kind=ActionKind.REFERRAL_OUTREACH)
    assert "Zed Young pointed you to Peter Gibbons" in outreach.reason
    assert note_facts(outreach, now=at("2026-11-25 12:00")).referrer == "Zed Young"
    chains = client.get("/contacts/").content.decode().split('id="referrals-heading"')[1]
    assert "Zed Young" in chains and "Ann Able" not in chains
    page = client.get(f"/opportunities/{close.interview.opportunity_id}/").content.decode()
    assert "Suggested by Zed Young (outside)." in page.split('id="history"')[1]


def test_a_lead_can_come_from_any_interviewer_not_only_the_first(alice):
    from closer.outbox.selectors import note_facts

    close_log_new(
        owner=alice,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[ZED, ANN],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NOT_A_FIT,
            referrals=(
                ReferralInput(PersonInput("Peter Gibbons", "peter@example.org"), referrer=ANN),
            ),
        ),
        now=at("2026-11-25 11:00"),
    )
    outreach = Action.objects.get(kind=ActionKind.REFERRAL_OUTREACH)
    assert "Ann Able pointed you to Peter Gibbons" in outreach.reason
    assert note_facts(outreach, now=at("2026-11-25 12:00")).referrer == "Ann Able"


def test_logging_and_importing_an_invite_find_the_same_open_opportunity(alice):
    first = opportunity_create(owner=alice, company_name="Acme", role="Account Executive")
    same = opportunity_open_for(owner=alice, company_name=" acme ", role="account executive")
    assert same.pk == first.pk
    first.status = Opportunity.Status.REJECTED
    first.save()
    fresh = opportunity_open_for(owner=alice, company_name="Acme", role="Account Executive")
    assert fresh.pk != first.pk
