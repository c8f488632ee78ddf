from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closer.core.calendar import BusinessCalendar
from closer.core.planner import plan_close, plan_opportunity
from closer.core.records import (
    ActionKind,
    AnswerKind,
    AnswerRecord,
    CloseAnswer,
    CloseRecord,
    OpportunityStatus,
    Permission,
    Person,
    Plan,
    PlannedAction,
    PlanSettings,
    ReferralLead,
)

NEW_YORK = ZoneInfo("America/New_York")
SETTINGS = PlanSettings(tz=NEW_YORK, holiday_country="US")
DANA = Person("dana", "Dana Lee", "dana@acme.example")
SAM = Person("sam", "Sam Park", "sam@acme.example")
RIA = Person("ria", "Ria Shah", "ria@globex.example")


def ny(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NEW_YORK)


def make_close(**changes: object) -> CloseRecord:
    """Wed 25 Nov 2026, 14:00-15:00 in New York with Dana Lee, logged right after."""
    base = CloseRecord(
        interview_key="acme-1",
        company="Acme",
        role="Account Executive",
        starts_at=ny("2026-11-25 14:00"),
        ends_at=ny("2026-11-25 15:00"),
        logged_at=ny("2026-11-25 15:10"),
        interviewers=(DANA,),
        asked_for_job=True,
        answer=CloseAnswer.PENDING,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def plan(
    close: CloseRecord,
    answers: Sequence[AnswerRecord] = (),
    now: datetime | None = None,
    settings: PlanSettings = SETTINGS,
) -> Plan:
    return plan_close(close, answers, settings, now or ny("2026-11-25 15:10"))


def of_kind(found: Plan, kind: ActionKind) -> list[PlannedAction]:
    return [a for a in found.actions if a.kind is kind]


def only(found: Plan, kind: ActionKind) -> PlannedAction:
    matches = of_kind(found, kind)
    assert len(matches) == 1, found.actions
    return matches[0]


def kinds(found: Plan) -> set[ActionKind]:
    return {a.kind for a in found.actions}


@pytest.mark.parametrize("tz", ["America/New_York", "UTC"])
def test_it_plans_the_acceptance_scenario(tz: str) -> None:
    zone = ZoneInfo(tz)
    close = make_close(
        starts_at=datetime(2026, 11, 25, 14, tzinfo=zone),
        ends_at=None,
        logged_at=datetime(2026, 11, 25, 15, tzinfo=zone),
        expected=date(2026, 12, 4),
        latest=date(2026, 12, 10),
        permission=Permission.YES,
    )
    found = plan_close(close, [], PlanSettings(tz=zone), datetime(2026, 11, 25, 15, tzinfo=zone))
    thank_you, follow_up = found.actions
    assert thank_you.kind is ActionKind.THANK_YOU and thank_you.contact == DANA
    assert thank_you.due == datetime(2026, 11, 25, 21, tzinfo=zone)
    assert follow_up.kind is ActionKind.FOLLOW_UP and follow_up.contact == DANA
    assert follow_up.due == datetime(2026, 12, 11, 10, tzinfo=zone)
    assert "10 Dec" in follow_up.reason and "Fri 11 Dec" in follow_up.reason
    assert found.status is not OpportunityStatus.GONE_QUIET


def test_it_thanks_each_interviewer_by_nine_on_the_interview_day() -> None:
    found = plan(make_close(interviewers=(DANA, SAM)))
    notes = of_kind(found, ActionKind.THANK_YOU)
    assert [n.contact for n in notes] == [DANA, SAM]
    assert {n.due for n in notes} == {ny("2026-11-25 21:00")}
    assert "Dana Lee" in notes[0].reason and "Wed 25 Nov" in notes[0].reason
    assert not any(n.late for n in notes)


def test_it_gives_until_midnight_when_the_interview_ends_late() -> None:
    close = make_close(starts_at=ny("2026-11-25 19:00"), ends_at=ny("2026-11-25 21:30"))
    note = only(plan(close, now=ny("2026-11-25 21:40")), ActionKind.THANK_YOU)
    assert note.due == ny("2026-11-25 23:59")
    assert "21:30" in note.reason and "midnight" in note.reason


def test_it_uses_the_start_when_no_end_was_logged() -> None:
    close = make_close(starts_at=ny("2026-11-25 21:15"), ends_at=None)
    assert only(plan(close), ActionKind.THANK_YOU).due == ny("2026-11-25 23:59")


def test_it_flags_a_thank_you_logged_on_a_later_day_as_late_and_due_now() -> None:
    logged = ny("2026-11-27 09:30")
    note = only(plan(make_close(logged_at=logged), now=logged), ActionKind.THANK_YOU)
    assert note.late and note.due == logged
    assert "late" in note.reason and "Wed 25 Nov" in note.reason


def test_it_thanks_on_the_interview_day_in_the_users_zone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    starts = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)  # 00:30 on the 26th in Berlin
    close = make_close(starts_at=starts, ends_at=None, logged_at=starts + timedelta(hours=1))
    note = only(plan(close, now=starts, settings=PlanSettings(tz=berlin)), ActionKind.THANK_YOU)
    assert note.due == datetime(2026, 11, 26, 21, tzinfo=berlin)
    assert note.due.tzinfo is berlin


@pytest.mark.parametrize("answer", list(CloseAnswer))
def test_it_plans_a_thank_you_for_every_answer(answer: CloseAnswer) -> None:
    assert len(of_kind(plan(make_close(answer=answer)), ActionKind.THANK_YOU)) == 1


def test_it_follows_up_after_the_latest_date_when_allowed() -> None:
    found = plan(make_close(latest=date(2026, 12, 10), permission=Permission.YES))
    follow_up = only(found, ActionKind.FOLLOW_UP)
    assert follow_up.due == ny("2026-12-11 10:00")
    assert follow_up.reason == (
        "Latest date they gave is Thu 10 Dec and they said you may get in touch; "
        "Fri 11 Dec is the first business day after."
    )


def test_it_follows_up_after_the_latest_date_when_permission_was_not_asked() -> None:
    allowed = only(plan(make_close(latest=date(2026, 12, 10))), ActionKind.FOLLOW_UP)
    assert allowed.due == ny("2026-12-11 10:00")
    assert "Thu 10 Dec" in allowed.reason and "may get in touch" not in allowed.reason


def test_it_skips_holidays_after_the_latest_date() -> None:
    follow_up = only(plan(make_close(latest=date(2026, 12, 24))), ActionKind.FOLLOW_UP)
    assert follow_up.due == ny("2026-12-28 10:00")  # Christmas Day and a weekend in between


def test_it_prefers_the_latest_date_over_the_expected_one() -> None:
    close = make_close(expected=date(2026, 12, 4), latest=date(2026, 12, 10))
    follow_up = only(plan(close), ActionKind.FOLLOW_UP)
    assert follow_up.due == ny("2026-12-11 10:00")
    assert "Fri 4 Dec" in follow_up.reason and "Thu 10 Dec" in follow_up.reason


def test_it_waits_past_both_dates_when_they_were_logged_the_wrong_way_round() -> None:
    close = make_close(expected=date(2026, 12, 10), latest=date(2026, 12, 4))
    assert only(plan(close), ActionKind.FOLLOW_UP).due == ny("2026-12-11 10:00")


def test_it_follows_up_after_the_expected_date_when_that_is_all_they_gave() -> None:
    follow_up = only(plan(make_close(expected=date(2026, 12, 4))), ActionKind.FOLLOW_UP)
    assert follow_up.due == ny("2026-12-07 10:00")
    assert follow_up.contact == DANA
    assert follow_up.reason == (
        "They expect to decide by Fri 4 Dec; following up on Mon 7 Dec is neither early nor late."
    )


@pytest.mark.parametrize(
    ("expected", "latest", "due"),
    [
        (date(2026, 12, 4), date(2026, 12, 10), "2026-12-11 10:00"),
        (date(2026, 12, 4), None, "2026-12-07 10:00"),
        (None, None, "2026-12-03 10:00"),
    ],
)
def test_it_sets_a_private_check_in_instead_when_permission_is_refused(
    expected: date | None, latest: date | None, due: str
) -> None:
    close = make_close(expected=expected, latest=latest, permission=Permission.NO)
    found = plan(close, now=ny("2027-03-01 09:00"))
    assert ActionKind.FOLLOW_UP not in kinds(found)
    check_in = only(found, ActionKind.CHECK_IN)
    assert check_in.due == ny(due) and check_in.contact is None
    assert "gone quiet" in check_in.reason and "nothing to send" in check_in.reason.lower()
    assert found.status is not OpportunityStatus.GONE_QUIET


def test_it_plans_two_follow_ups_when_no_date_was_given() -> None:
    found = plan(make_close(), now=ny("2026-12-17 09:59"))
    first, second = of_kind(found, ActionKind.FOLLOW_UP)
    assert (first.step, first.due) == (1, ny("2026-12-03 10:00"))  # Thanksgiving skipped
    assert (second.step, second.due) == (2, ny("2026-12-10 10:00"))
    assert "Wed 25 Nov" in first.reason and "Thu 3 Dec" in second.reason
    assert first.reason != second.reason
    assert found.status is not OpportunityStatus.GONE_QUIET
    assert kinds(found) == {ActionKind.THANK_YOU, ActionKind.FOLLOW_UP}


def test_it_marks_the_opportunity_gone_quiet_after_the_second_follow_up() -> None:
    found = plan(make_close(), now=ny("2026-12-17 10:00"))
    assert found.status is OpportunityStatus.GONE_QUIET
    assert len(of_kind(found, ActionKind.FOLLOW_UP)) == 2
    feedback = only(found, ActionKind.FEEDBACK_REQUEST)
    assert (feedback.due, feedback.contact) == (ny("2026-12-18 10:00"), DANA)
    assert "Thu 10 Dec" in feedback.reason
    revisit = only(found, ActionKind.REVISIT)
    assert (revisit.due, revisit.contact) == (ny("2027-06-15 10:00"), None)
    assert "Thu 17 Dec" in revisit.reason


def test_it_confirms_and_prepares_a_next_round() -> None:
    close = make_close(
        answer=CloseAnswer.NEXT_ROUND,
        next_round_at=ny("2026-12-02 14:00"),
        next_round_with=(SAM,),
    )
    found = plan(close)
    confirm = only(found, ActionKind.CONFIRM_ROUND)
    assert (confirm.due, confirm.contact) == (ny("2026-11-27 10:00"), SAM)
    assert "Sam Park" in confirm.reason and "Wed 25 Nov" in confirm.reason
    prepare = only(found, ActionKind.PREPARE_ROUND)
    assert (prepare.due, prepare.contact) == (ny("2026-12-01 18:00"), None)
    assert "Wed 2 Dec" in prepare.reason
    assert ActionKind.FOLLOW_UP not in kinds(found)


def test_it_asks_whom_you_will_meet_when_the_next_round_is_vague() -> None:
    found = plan(make_close(answer=CloseAnswer.NEXT_ROUND))
    confirm = only(found, ActionKind.CONFIRM_ROUND)
    assert confirm.contact == DANA and "whom" in confirm.reason
    assert ActionKind.PREPARE_ROUND not in kinds(found)


def test_it_responds_to_an_offer_by_its_deadline() -> None:
    found = plan(make_close(answer=CloseAnswer.OFFERED, offer_deadline=date(2026, 12, 4)))
    respond = only(found, ActionKind.RESPOND_OFFER)
    assert (respond.due, respond.contact) == (ny("2026-12-04 10:00"), DANA)
    assert "Fri 4 Dec" in respond.reason


def test_it_asks_for_a_deadline_when_an_offer_has_none() -> None:
    respond = only(plan(make_close(answer=CloseAnswer.OFFERED)), ActionKind.RESPOND_OFFER)
    assert respond.due == ny("2026-11-27 10:00")
    assert "No deadline" in respond.reason and "ask" in respond.reason


def test_it_reaches_out_to_each_referral_naming_the_referrer() -> None:
    close = make_close(
        answer=CloseAnswer.NOT_A_FIT,
        referrals_asked=True,
        interviewers=(DANA, SAM),
        referrals=(
            ReferralLead(person=SAM, referrer=DANA, internal=True),
            ReferralLead(person=RIA),
        ),
    )
    found = plan(close)
    outreach = {a.contact: a for a in of_kind(found, ActionKind.REFERRAL_OUTREACH)}
    internal, external = outreach[SAM], outreach[RIA]
    assert {internal.due, external.due} == {ny("2026-11-30 10:00")}
    assert "mention that Dana Lee suggested you get in touch" in internal.reason
    assert "another role at Acme" in internal.reason
    assert "another company" in external.reason
    # No referrer recorded: the first interviewer is the one who suggested it.
    assert "mention that Dana Lee suggested" in external.reason
    assert ActionKind.ASK_REFERRALS not in kinds(found)


def test_it_asks_for_referrals_when_they_did_not_come_up() -> None:
    found = plan(make_close(answer=CloseAnswer.NOT_A_FIT))
    ask = only(found, ActionKind.ASK_REFERRALS)
    assert (ask.due, ask.contact) == (ny("2026-11-27 10:00"), DANA)


def test_it_plans_only_thanks_when_referrals_were_asked_but_none_given() -> None:
    found = plan(make_close(answer=CloseAnswer.NOT_A_FIT, referrals_asked=True))
    assert kinds(found) == {ActionKind.THANK_YOU}


def test_it_turns_a_rejection_into_feedback_allies_and_a_revisit() -> None:
    found = plan(make_close(answer=CloseAnswer.REJECTED, interviewers=(DANA, SAM)))
    feedback = only(found, ActionKind.FEEDBACK_REQUEST)
    assert (feedback.due, feedback.contact) == (ny("2026-11-27 10:00"), DANA)
    reconnects = of_kind(found, ActionKind.RECONNECT)
    assert [r.contact for r in reconnects] == [DANA, SAM]
    assert {r.due for r in reconnects} == {ny("2027-02-23 10:00")}
    assert "Sam Park" in reconnects[1].reason
    revisit = only(found, ActionKind.REVISIT)
    assert (revisit.due, revisit.contact) == (ny("2027-05-24 10:00"), None)
    assert len({a.reason for a in found.actions}) == len(found.actions)


def test_it_starts_a_new_reconnect_cycle_after_each_contact() -> None:
    # Rejected on Wed 25 Nov; in touch with Dana again on Mon 1 Mar 2027.
    dana = replace(DANA, last_contact=date(2027, 3, 1))
    found = plan(make_close(answer=CloseAnswer.REJECTED, interviewers=(dana,)))
    reconnect = only(found, ActionKind.RECONNECT)
    # 90 days on is Sun 30 May, and Mon 31 May is Memorial Day.
    assert reconnect.due == ny("2027-06-01 10:00")
    assert reconnect.step == 97  # a new identity: the reconnect already done stays done
    assert "Mon 1 Mar" in reconnect.reason


def test_it_moves_a_reconnect_off_a_weekend() -> None:
    settings = replace(SETTINGS, reconnect_days=3)  # Sat 28 Nov
    found = plan(make_close(answer=CloseAnswer.REJECTED), settings=settings)
    assert only(found, ActionKind.RECONNECT).due == ny("2026-11-30 10:00")


def test_it_switches_plan_when_an_offer_arrives() -> None:
    close = make_close(latest=date(2026, 12, 10), permission=Permission.YES)
    offer = AnswerRecord(AnswerKind.OFFER, ny("2026-12-01 12:00"), offer_deadline=date(2026, 12, 8))
    found = plan(close, [offer], now=ny("2026-12-01 12:05"))
    assert kinds(found) == {ActionKind.THANK_YOU, ActionKind.RESPOND_OFFER}
    assert only(found, ActionKind.RESPOND_OFFER).due == ny("2026-12-08 10:00")


def test_it_switches_plan_when_a_next_round_arrives() -> None:
    answer = AnswerRecord(
        AnswerKind.NEXT_ROUND, ny("2026-12-01 12:00"), next_round_at=ny("2026-12-09 15:00")
    )
    found = plan(make_close(), [answer], now=ny("2026-12-20 12:00"))
    assert (
        ActionKind.FOLLOW_UP not in kinds(found)
        and found.status is not OpportunityStatus.GONE_QUIET
    )
    assert only(found, ActionKind.CONFIRM_ROUND).due == ny("2026-12-02 10:00")
    assert only(found, ActionKind.PREPARE_ROUND).due == ny("2026-12-08 18:00")


def test_it_switches_plan_when_a_rejection_arrives_even_if_chasing_was_refused() -> None:
    close = make_close(permission=Permission.NO, expected=date(2026, 12, 4))
    rejection = AnswerRecord(AnswerKind.REJECTED, ny("2026-12-01 12:00"))
    found = plan(close, [rejection])
    assert ActionKind.CHECK_IN not in kinds(found)
    assert only(found, ActionKind.FEEDBACK_REQUEST).due == ny("2026-12-02 10:00")
    # 180 days on is Sun 30 May 2027 and the Monday is Memorial Day.
    assert only(found, ActionKind.REVISIT).due == ny("2027-06-01 10:00")


def test_it_follows_the_most_recent_answer() -> None:
    answers = [
        AnswerRecord(AnswerKind.REJECTED, ny("2026-12-03 09:00")),
        AnswerRecord(AnswerKind.NEXT_ROUND, ny("2026-12-01 09:00")),
    ]
    found = plan(make_close(), answers)
    assert ActionKind.CONFIRM_ROUND not in kinds(found)
    assert only(found, ActionKind.FEEDBACK_REQUEST).due == ny("2026-12-04 10:00")


def test_it_ignores_answers_from_before_the_interview() -> None:
    earlier = AnswerRecord(AnswerKind.NEXT_ROUND, ny("2026-11-20 09:00"))
    found = plan(make_close(expected=date(2026, 12, 4)), [earlier])
    assert kinds(found) == {ActionKind.THANK_YOU, ActionKind.FOLLOW_UP}


def test_it_ignores_a_round_or_deadline_the_answer_has_overtaken() -> None:
    close = make_close(
        answer=CloseAnswer.OFFERED,
        offer_deadline=date(2026, 11, 30),
        next_round_at=ny("2026-11-30 10:00"),
    )
    offer = AnswerRecord(AnswerKind.OFFER, ny("2026-12-02 12:00"))
    respond = only(plan(close, [offer]), ActionKind.RESPOND_OFFER)
    assert respond.due == ny("2026-12-03 10:00") and "No deadline" in respond.reason
    next_round = AnswerRecord(AnswerKind.NEXT_ROUND, ny("2026-12-02 12:00"))
    assert ActionKind.PREPARE_ROUND not in kinds(plan(close, [next_round]))


def test_it_still_plans_messages_without_interviewers() -> None:
    found = plan(make_close(interviewers=(), answer=CloseAnswer.REJECTED))
    assert only(found, ActionKind.THANK_YOU).contact is None
    assert only(found, ActionKind.FEEDBACK_REQUEST).contact is None
    assert only(found, ActionKind.RECONNECT).contact is None
    follow_ups = of_kind(plan(make_close(interviewers=())), ActionKind.FOLLOW_UP)
    assert [f.contact for f in follow_ups] == [None, None]


def test_it_counts_a_person_listed_twice_once() -> None:
    found = plan(make_close(interviewers=(DANA, SAM, DANA), answer=CloseAnswer.REJECTED))
    assert [a.contact for a in of_kind(found, ActionKind.THANK_YOU)] == [DANA, SAM]
    assert len({a.identity for a in found.actions}) == len(found.actions)


def test_it_sorts_actions_by_due_time_then_kind() -> None:
    found = plan(make_close(answer=CloseAnswer.REJECTED, interviewers=(DANA, SAM)))
    keys = [(a.due, a.kind.value) for a in found.actions]
    assert keys == sorted(keys)


def test_it_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        plan(make_close(), now=datetime(2026, 11, 25, 15))


def test_it_keeps_only_thank_yous_from_earlier_interviews() -> None:
    first = make_close(answer=CloseAnswer.NEXT_ROUND, next_round_at=ny("2026-12-02 11:00"))
    second = make_close(
        interview_key="acme-2",
        starts_at=ny("2026-12-02 11:00"),
        ends_at=ny("2026-12-02 12:00"),
        logged_at=ny("2026-12-02 12:30"),
        interviewers=(SAM,),
        expected=date(2026, 12, 9),
    )
    # An answer between the two interviews belongs to the first one.
    between = AnswerRecord(AnswerKind.NEXT_ROUND, ny("2026-11-27 09:00"))
    found = plan_opportunity([second, first], [between], SETTINGS, ny("2026-12-02 12:30"))
    assert [(a.interview_key, a.kind, a.contact) for a in found.actions] == [
        ("acme-1", ActionKind.THANK_YOU, DANA),
        ("acme-2", ActionKind.THANK_YOU, SAM),
        ("acme-2", ActionKind.FOLLOW_UP, SAM),
    ]
    assert found.actions[-1].due == ny("2026-12-10 10:00")


def test_it_takes_gone_quiet_from_the_latest_interview() -> None:
    first = make_close(expected=date(2026, 12, 4))
    second = make_close(
        interview_key="acme-2",
        starts_at=ny("2026-12-02 11:00"),
        ends_at=None,
        logged_at=ny("2026-12-02 12:00"),
    )
    late = ny("2027-02-01 09:00")
    assert (
        plan_opportunity([first, second], [], SETTINGS, late).status is OpportunityStatus.GONE_QUIET
    )
    quiet = plan_opportunity([second, first], [], SETTINGS, ny("2026-12-02 12:00")).status
    assert quiet is not OpportunityStatus.GONE_QUIET


def test_it_plans_nothing_for_an_opportunity_without_interviews() -> None:
    assert plan_opportunity([], [], SETTINGS, ny("2026-11-25 15:00")) == Plan(actions=())


ZONES = [ZoneInfo(k) for k in ("America/New_York", "Europe/Berlin", "UTC", "Asia/Kolkata")]
# Kinds whose due day is a date someone gave (or the interview day), not a counted work day.
_CALENDAR_DAY_KINDS = {ActionKind.THANK_YOU, ActionKind.PREPARE_ROUND, ActionKind.RESPOND_OFFER}


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[CloseRecord, list[AnswerRecord], PlanSettings, datetime]:
    settings = PlanSettings(
        tz=draw(st.sampled_from(ZONES)),
        work_week=draw(st.frozensets(st.integers(0, 6), min_size=1)),
        holiday_country=draw(st.sampled_from(["", "US", "DE"])),
    )
    starts = draw(
        st.datetimes(
            min_value=datetime(2026, 1, 1),
            max_value=datetime(2027, 12, 31),
            timezones=st.sampled_from(ZONES),
            allow_imaginary=False,
        )
    )
    day = starts.astimezone(settings.tz).date()
    later_day = st.integers(0, 40).map(lambda n: day + timedelta(days=n))
    later = st.integers(0, 60 * 24 * 30).map(lambda m: starts + timedelta(minutes=m))
    answer = AnswerRecord(
        kind=draw(st.sampled_from(AnswerKind)),
        received_at=starts + timedelta(hours=draw(st.integers(-72, 24 * 30))),
        offer_deadline=draw(st.none() | later_day),
        next_round_at=draw(st.none() | later),
    )
    close = make_close(
        starts_at=starts,
        ends_at=draw(st.none() | st.integers(0, 600).map(lambda m: starts + timedelta(minutes=m))),
        logged_at=starts + timedelta(minutes=draw(st.integers(0, 4 * 24 * 60))),
        interviewers=tuple(draw(st.lists(st.sampled_from([DANA, SAM, RIA]), max_size=3))),
        answer=draw(st.sampled_from(CloseAnswer)),
        expected=draw(st.none() | later_day),
        latest=draw(st.none() | later_day),
        permission=draw(st.sampled_from(Permission)),
        next_round_at=draw(st.none() | later),
        next_round_with=tuple(draw(st.lists(st.sampled_from([SAM, RIA]), max_size=2))),
        referrals_asked=draw(st.booleans()),
        referrals=tuple(ReferralLead(p) for p in draw(st.lists(st.sampled_from([SAM, RIA])))),
        offer_deadline=draw(st.none() | later_day),
    )
    answers = draw(st.sampled_from([[], [answer]]))
    now = starts + timedelta(hours=draw(st.integers(0, 24 * 120)))
    return close, answers, settings, now


@settings(max_examples=300, deadline=None)
@given(scenario=scenarios())
def test_it_never_chases_on_a_day_off_or_before_a_date_they_gave(
    scenario: tuple[CloseRecord, list[AnswerRecord], PlanSettings, datetime],
) -> None:
    close, answers, plan_settings, now = scenario
    calendar = BusinessCalendar.from_settings(plan_settings)
    for action in plan_close(close, answers, plan_settings, now).actions:
        day = action.due.astimezone(plan_settings.tz).date()
        if action.kind not in _CALENDAR_DAY_KINDS:
            assert calendar.is_business_day(day), action
        if action.kind in (ActionKind.FOLLOW_UP, ActionKind.CHECK_IN):
            assert not answers or answers[0].received_at < close.starts_at
            assert close.expected is None or day > close.expected
            assert close.latest is None or day > close.latest


@settings(max_examples=300, deadline=None)
@given(scenario=scenarios())
def test_it_thanks_on_the_interview_day_unless_late(
    scenario: tuple[CloseRecord, list[AnswerRecord], PlanSettings, datetime],
) -> None:
    close, answers, plan_settings, now = scenario
    interview_day = close.starts_at.astimezone(plan_settings.tz).date()
    notes = of_kind(plan_close(close, answers, plan_settings, now), ActionKind.THANK_YOU)
    assert len(notes) == max(1, len(set(close.interviewers)))
    for note in notes:
        if note.late:
            # Timestamps, not ==: PEP 495 makes == between zones False for an ambiguous
            # wall time (the hour repeated when clocks go back), even for the same instant.
            assert note.due.timestamp() == close.logged_at.timestamp()
        else:
            assert note.due.astimezone(plan_settings.tz).date() == interview_day


@settings(max_examples=300, deadline=None)
@given(scenario=scenarios())
def test_it_plans_the_same_way_every_time(
    scenario: tuple[CloseRecord, list[AnswerRecord], PlanSettings, datetime],
) -> None:
    close, answers, plan_settings, now = scenario
    found = plan_close(close, answers, plan_settings, now)
    assert plan_close(close, answers, plan_settings, now) == found
    assert len({a.identity for a in found.actions}) == len(found.actions)
    order = [(a.due, a.kind.value) for a in found.actions]
    assert order == sorted(order)
    for action in found.actions:
        assert action.due.tzinfo == plan_settings.tz
        assert action.reason and "\n" not in action.reason
