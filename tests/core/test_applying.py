"""The plan before the first interview (core.applying), through the planner's entry point."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from closer.core.applying import application_actions
from closer.core.planner import plan_opportunity
from closer.core.records import (
    ActionKind,
    ApplicationRecord,
    CloseAnswer,
    CloseRecord,
    OpportunityStatus,
    Person,
    PlanSettings,
)

Status = OpportunityStatus
NEW_YORK = ZoneInfo("America/New_York")
SETTINGS = PlanSettings(tz=NEW_YORK, holiday_country="US")
# Applied Mon 2 Nov 2026; Veterans Day (Wed 11 Nov) and Thanksgiving (Thu 26 Nov) fall in the
# weeks after, so every date below has a holiday to step over.
APPLIED = ApplicationRecord("7", "Hooli", "Analyst", applied_on=date(2026, 11, 2))
SAVED = ApplicationRecord("7", "Hooli", "Analyst", apply_by=date(2026, 12, 11))


def ny(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NEW_YORK)


def planned(application, status, now="2026-11-03 09:00", settings=SETTINGS):
    moment = ny(now) if isinstance(now, str) else now
    return plan_opportunity([], [], settings, moment, status=status, application=application)


def summary(plan) -> list[tuple[str, int, datetime]]:
    return [(a.kind.value, a.step, a.due) for a in plan.actions]


# --- the reminder to apply ------------------------------------------------------------------


def test_a_saved_job_gets_a_reminder_two_business_days_before_the_deadline():
    plan = planned(SAVED, Status.WISHLIST)
    (apply,) = plan.actions
    assert (apply.kind, apply.due) == (ActionKind.APPLY, ny("2026-12-09 10:00"))
    # An application's own action belongs to no interview and to no one.
    assert (apply.interview_key, apply.contact, apply.step) == ("", None, 1)
    assert "the Analyst role close on Fri 11 Dec" in apply.reason
    assert "apply by Wed 9 Dec" in apply.reason
    assert plan.status is Status.WISHLIST


def test_the_reminder_steps_over_a_public_holiday():
    # Mon 30 Nov: Fri 27 Nov is one business day back, Thanksgiving is not, Wed 25 Nov is two.
    plan = planned(replace(SAVED, apply_by=date(2026, 11, 30)), Status.WISHLIST)
    assert summary(plan) == [("apply", 1, ny("2026-11-25 10:00"))]


def test_the_reminder_is_never_more_than_a_week_ahead_of_the_deadline():
    # A one-day work week would put two business days a fortnight back; a week is the cap.
    mondays = replace(SETTINGS, work_week=frozenset({0}))
    plan = planned(replace(SAVED, apply_by=date(2026, 12, 14)), Status.WISHLIST, settings=mondays)
    assert summary(plan) == [("apply", 1, ny("2026-12-07 10:00"))]


def test_the_reminder_comes_at_the_users_reply_time():
    later = replace(SETTINGS, reply_at=time(8, 30))
    assert summary(planned(SAVED, Status.WISHLIST, settings=later)) == [
        ("apply", 1, ny("2026-12-09 08:30"))
    ]


def test_a_saved_job_without_a_deadline_has_nothing_to_do():
    plan = planned(replace(SAVED, apply_by=None), Status.WISHLIST)
    assert plan.actions == () and plan.status is Status.WISHLIST


def test_a_nameless_role_still_reads_well():
    (apply,) = planned(replace(SAVED, role=""), Status.WISHLIST).actions
    assert "Applications for this role close on Fri 11 Dec" in apply.reason


# --- the application's follow-ups -----------------------------------------------------------


def test_an_application_gets_two_follow_ups_after_the_set_number_of_business_days():
    plan = planned(APPLIED, Status.APPLIED)
    # 7 business days after Mon 2 Nov, Veterans Day not counted: Thu 12 Nov; 5 more: Thu 19.
    assert summary(plan) == [
        ("application_follow_up", 1, ny("2026-11-12 10:00")),
        ("application_follow_up", 2, ny("2026-11-19 10:00")),
    ]
    first, second = plan.actions
    assert "You applied for the Analyst role on Mon 2 Nov" in first.reason
    assert "7 business days" in first.reason
    assert "after the follow-up on Thu 12 Nov" in second.reason
    assert plan.status is Status.APPLIED


def test_the_follow_ups_follow_the_users_numbers():
    quicker = replace(SETTINGS, application_follow_up_days=3, second_follow_up_days=2)
    plan = planned(APPLIED, Status.APPLIED, settings=quicker)
    assert summary(plan) == [
        ("application_follow_up", 1, ny("2026-11-05 10:00")),
        ("application_follow_up", 2, ny("2026-11-09 10:00")),
    ]
    assert "3 business days" in plan.actions[0].reason


def test_an_application_that_stays_unanswered_goes_quiet_then_is_revisited():
    # Gone quiet 5 business days after the second follow-up, Thanksgiving skipped: Fri 27
    # Nov at the follow-up time. Not a minute before.
    before = planned(APPLIED, Status.APPLIED, now="2026-11-27 09:59")
    assert before.status is Status.APPLIED
    assert [a.kind for a in before.actions] == [ActionKind.APPLICATION_FOLLOW_UP] * 2
    after = planned(APPLIED, Status.APPLIED, now="2026-11-27 10:00")
    assert after.status is Status.GONE_QUIET
    assert summary(after)[-1] == ("revisit", 1, ny("2027-05-26 10:00"))
    assert "Hooli never answered your application" in after.actions[-1].reason
    assert "180 days" in after.actions[-1].reason


def test_a_quiet_application_stays_quiet_with_the_same_plan():
    # Re-planning once it has gone quiet gives the same actions: nothing flips back.
    quiet = planned(APPLIED, Status.APPLIED, now="2026-12-01 09:00")
    again = planned(APPLIED, quiet.status, now="2026-12-02 09:00")
    assert again.status is Status.GONE_QUIET
    assert summary(again) == summary(quiet)


def test_moved_to_gone_quiet_by_hand_the_user_has_given_up_waiting():
    plan = planned(APPLIED, Status.GONE_QUIET, now="2026-11-13 09:00")
    assert plan.actions == () and plan.status is Status.GONE_QUIET


def test_an_application_without_a_date_has_no_follow_ups():
    plan = planned(replace(APPLIED, applied_on=None), Status.APPLIED)
    assert plan.actions == ()


@pytest.mark.parametrize(
    "status",
    [Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN],
)
def test_nothing_is_planned_for_an_application_once_it_is_further_along(status):
    both = replace(APPLIED, apply_by=date(2026, 12, 11))
    plan = planned(both, status)
    assert plan.actions == () and plan.status is status
    assert application_actions(both, SETTINGS, ny("2026-11-03 09:00"), status) == ([], False)


def test_a_saved_job_gets_no_follow_ups_and_an_applied_one_no_reminder():
    both = replace(APPLIED, apply_by=date(2026, 12, 11))
    assert [a.kind for a in planned(both, Status.WISHLIST).actions] == [ActionKind.APPLY]
    kinds = {a.kind for a in planned(both, Status.APPLIED).actions}
    assert kinds == {ActionKind.APPLICATION_FOLLOW_UP}


def test_replanning_with_the_same_inputs_gives_the_same_actions():
    assert planned(APPLIED, Status.APPLIED) == planned(APPLIED, Status.APPLIED)
    identities = [a.identity for a in planned(APPLIED, Status.APPLIED).actions]
    assert identities == [
        ("", "application_follow_up", "", 1),
        ("", "application_follow_up", "", 2),
    ]


def test_the_moment_of_now_is_read_in_the_users_zone():
    # 15:00 UTC on Fri 27 Nov is 10:00 in New York: the moment the application goes quiet.
    at_utc = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert planned(APPLIED, Status.APPLIED, now=at_utc).status is Status.GONE_QUIET
    with pytest.raises(ValueError, match="timezone-aware"):
        planned(APPLIED, Status.APPLIED, now=datetime(2026, 11, 27, 10, 0))


def test_the_first_close_replaces_the_applications_own_plan():
    close = CloseRecord(
        interview_key="31",
        company="Hooli",
        role="Analyst",
        starts_at=ny("2026-11-09 14:00"),
        ends_at=None,
        logged_at=ny("2026-11-09 15:00"),
        interviewers=(Person("4", "Gavin Belson"),),
        asked_for_job=True,
        answer=CloseAnswer.PENDING,
    )
    now = ny("2026-11-09 15:00")
    plan = plan_opportunity(
        [close], [], SETTINGS, now, status=Status.INTERVIEWING, application=APPLIED
    )
    kinds = {a.kind for a in plan.actions}
    assert ActionKind.APPLICATION_FOLLOW_UP not in kinds
    assert ActionKind.THANK_YOU in kinds
    assert all(a.interview_key == "31" for a in plan.actions)


def test_without_an_application_or_a_close_there_is_no_plan():
    plan = plan_opportunity([], [], SETTINGS, ny("2026-11-03 09:00"), status=Status.APPLIED)
    assert plan.actions == () and plan.status is Status.APPLIED
