"""Where an opportunity stands and what it leaves of the plan (core.status, read by the
planner), and the small rules the web form and the command line share (core.inputs,
core.text)."""

from __future__ import annotations

from datetime import date

import pytest
from core.test_planner import DANA, RIA, SAM, SETTINGS, kinds, make_close, ny

from closer.core import status
from closer.core.inputs import timing, typed_day
from closer.core.planner import plan_close, plan_opportunity, reconnect_due
from closer.core.records import (
    ActionKind,
    AnswerKind,
    AnswerRecord,
    CloseAnswer,
    OpportunityStatus,
    PlanSettings,
    ReferralLead,
)
from closer.core.text import join_names

Status = OpportunityStatus
NOW = ny("2026-11-25 15:10")
REJECTED = AnswerRecord(AnswerKind.REJECTED, ny("2026-11-30 09:00"))


def test_every_status_is_open_or_closed_and_every_answer_moves_it() -> None:
    assert set(Status) > status.CLOSED
    assert set(status.AFTER_CLOSE) == set(CloseAnswer)
    assert set(status.AFTER_ANSWER) == set(AnswerKind)
    # A move on the board that records an answer lands where that answer leads.
    assert all(status.AFTER_ANSWER[a] is s for s, a in status.ANSWER_FOR_MOVE.items())


def test_an_accepted_offer_leaves_only_the_thank_yous() -> None:
    close = make_close(answer=CloseAnswer.OFFERED, interviewers=(DANA, SAM))
    found = plan_close(close, (), SETTINGS, NOW, status=Status.ACCEPTED)
    assert kinds(found) == {ActionKind.THANK_YOU}
    assert len(found.actions) == 2
    assert found.status is Status.ACCEPTED


def test_stepping_back_stops_the_chasing_but_keeps_the_referrals() -> None:
    pending = plan_close(make_close(), (), SETTINGS, NOW, status=Status.WITHDRAWN)
    assert kinds(pending) == {ActionKind.THANK_YOU}
    not_a_fit = make_close(answer=CloseAnswer.NOT_A_FIT, referrals=(ReferralLead(RIA, DANA),))
    found = plan_close(not_a_fit, (), SETTINGS, NOW, status=Status.WITHDRAWN)
    assert ActionKind.REFERRAL_OUTREACH in kinds(found)


def test_silence_turns_an_open_opportunity_quiet_but_never_a_decided_one() -> None:
    late = ny("2027-01-15 12:00")  # long after both follow-ups
    assert plan_close(make_close(), (), SETTINGS, late).status is Status.GONE_QUIET
    for decided in (Status.OFFER, Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN):
        assert plan_close(make_close(), (), SETTINGS, late, status=decided).status is decided
    assert plan_close(make_close(), (), SETTINGS, NOW).status is Status.INTERVIEWING


def test_everyone_the_plan_keeps_in_touch_with_becomes_an_ally() -> None:
    close = make_close(interviewers=(DANA, SAM))
    found = plan_opportunity([close], [REJECTED], SETTINGS, NOW)
    assert set(found.allies) == {DANA.key, SAM.key}
    assert plan_close(close, (), SETTINGS, NOW).allies == ()
    # Accepting elsewhere drops the reconnects, and with them the allies.
    assert plan_close(close, [REJECTED], SETTINGS, NOW, status=Status.ACCEPTED).allies == ()


def test_an_interview_starts_the_interviews_only_for_a_saved_or_applied_job() -> None:
    assert status.after_interview(Status.WISHLIST) is Status.INTERVIEWING
    assert status.after_interview(Status.APPLIED) is Status.INTERVIEWING
    assert status.after_interview(Status.OFFER) is Status.OFFER
    assert status.after_interview(Status.REJECTED) is Status.REJECTED


def test_the_reconnect_date_is_the_cadence_landing_on_a_business_day() -> None:
    settings = PlanSettings(tz=SETTINGS.tz, reconnect_days=90)
    # 4 Jan 2027 + 90 days is Sunday 4 April: the reconnect falls on Monday.
    assert reconnect_due(date(2027, 1, 4), settings) == ny("2027-04-05 10:00")
    assert reconnect_due(date(2027, 1, 5), settings) == ny("2027-04-05 10:00")


def _read(words: str) -> date | None:
    return {"end of next week": date(2026, 12, 4)}.get(words)


@pytest.mark.parametrize(
    ("words", "typed", "day", "kept"),
    [
        ("end of next week", None, date(2026, 12, 4), "end of next week"),
        ("end of next week", date(2026, 12, 7), date(2026, 12, 7), "end of next week"),
        (" 2026-12-10 ", None, date(2026, 12, 10), ""),
        ("we'll be in touch", None, None, "we'll be in touch"),
        ("", None, None, ""),
    ],
)
def test_a_typed_date_beats_the_words_and_unreadable_words_give_none(words, typed, day, kept):
    found = timing(words, typed, _read)
    assert (found.day, found.words) == (day, kept)


def test_an_edited_close_shows_a_date_as_typed_only_when_the_words_do_not_give_it() -> None:
    assert typed_day(date(2026, 12, 4), "end of next week", _read) is None
    assert typed_day(date(2026, 12, 7), "end of next week", _read) == date(2026, 12, 7)
    assert typed_day(date(2026, 12, 7), "", _read) == date(2026, 12, 7)
    assert typed_day(None, "", _read) is None


def test_names_are_joined_as_people_write_them() -> None:
    assert join_names([]) == ""
    assert join_names(["Dana"]) == "Dana"
    assert join_names(["Dana", " ", "Sam"]) == "Dana and Sam"
    assert join_names(["Dana", "Sam", "Ria"]) == "Dana, Sam and Ria"
