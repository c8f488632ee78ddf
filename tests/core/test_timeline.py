"""The timeline reader: what an interviewer said about timing -> the date to wait until.

The numbered sections are the conventions in closer/core/timeline/CONVENTIONS.md, one section
per convention. Reference days: Wed 25 Nov 2026 (the day before Thanksgiving), Fri 27 Nov,
Sat 28 Nov, Mon 30 Nov, Thu 31 Dec 2026 (year end) and Fri 30 Jan 2026 (month end).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closer.core.calendar import BusinessCalendar
from closer.core.timeline import Deadline, read

WED = datetime(2026, 11, 25, 15, 30)
FRI = datetime(2026, 11, 27, 9, 0)
SAT = datetime(2026, 11, 28, 11, 0)
MON = datetime(2026, 11, 30, 10, 0)
NYE = datetime(2026, 12, 31, 16, 0)
JAN_FRI = datetime(2026, 1, 30, 12, 0)


def by(text: str, at: datetime = WED) -> date | None:
    found = read(text, at)
    return found.by if found else None


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- 1. One date: the end of any window ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7-10 business days", "2026-12-09"),
        ("Monday or Tuesday", "2026-12-01"),
        ("2-3 weeks", "2026-12-16"),
        ("two to three weeks", "2026-12-16"),
        ("a week or two", "2026-12-09"),
        ("a week to ten days", "2026-12-05"),
        ("between the 10th and the 15th", "2026-12-15"),
        ("December 10-15", "2026-12-15"),
        ("hopefully Friday, Tuesday at the latest", "2026-12-01"),
        ("Friday at 3pm", "2026-11-27"),
    ],
)
def test_it_reads_the_end_of_a_window(text: str, expected: str) -> None:
    assert by(text) == d(expected)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("within 7–10 business days", "2026-12-04", "2026-12-09"),
        ("Monday or Tuesday", "2026-11-30", "2026-12-01"),
        ("2-3 weeks", "2026-12-09", "2026-12-16"),
        ("a week or two", "2026-12-02", "2026-12-09"),
        ("between the 10th and the 15th", "2026-12-10", "2026-12-15"),
        ("Thursday or Friday next week", "2026-12-03", "2026-12-04"),
        ("this week or next", "2026-11-27", "2026-12-04"),
    ],
)
def test_it_gives_the_start_of_a_window_as_earliest(text: str, earliest: str, latest: str) -> None:
    found = read(text, WED)
    assert found == Deadline(d(latest), d(earliest), found.phrase if found else "")


@pytest.mark.parametrize("text", ["end of next week", "Friday", "by the 15th", "in 2 weeks"])
def test_it_leaves_earliest_empty_without_a_window(text: str) -> None:
    found = read(text, WED)
    assert found is not None and found.earliest is None


def test_it_starts_a_weekday_window_after_its_first_day_said_on_that_weekday() -> None:
    # Said on a Monday, "Monday or Tuesday" is next week's pair, not tomorrow and next Monday.
    found = read("Monday or Tuesday", MON)
    assert found is not None
    assert (found.earliest, found.by) == (d("2026-12-07"), d("2026-12-08"))


# --- 2. Weeks end on Friday --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("end of the week", WED, "2026-11-27"),
        ("EOW", WED, "2026-11-27"),
        ("this week", WED, "2026-11-27"),
        ("later this week", WED, "2026-11-27"),
        ("by the end of the week", FRI, "2026-11-27"),  # said on a Friday: that day
        ("this week", FRI, "2026-11-27"),
        ("end of the week", SAT, "2026-12-04"),  # said on a weekend: the coming Friday
        ("next week", WED, "2026-12-04"),
        ("end of next week", WED, "2026-12-04"),
        ("the following week", WED, "2026-12-04"),
        ("next week", SAT, "2026-12-04"),
        ("the week after next", WED, "2026-12-11"),
        ("early next week", WED, "2026-12-01"),
        ("middle of next week", WED, "2026-12-02"),
        ("mid-week next week", WED, "2026-12-02"),
        ("midweek", MON, "2026-12-02"),
        ("midweek", FRI, "2026-12-02"),  # this week's Wednesday has passed: next week's
        ("the week of December 7", WED, "2026-12-11"),
        ("the week of the 7th", WED, "2026-12-11"),
        ("first week of December", WED, "2026-12-04"),
        ("the first week of January", WED, "2027-01-08"),  # Jan 1 2027 is a Friday
        ("second week of January", WED, "2027-01-15"),
        ("the first week of February", JAN_FRI, "2026-02-06"),
        ("this week", JAN_FRI, "2026-01-30"),
        ("end of the week", NYE, "2027-01-01"),
        ("next week", NYE, "2027-01-08"),
    ],
)
def test_it_ends_weeks_on_friday(text: str, at: datetime, expected: str) -> None:
    assert by(text, at) == d(expected)


# --- 3. Weekdays -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Friday", WED, "2026-11-27"),
        ("by Friday", WED, "2026-11-27"),
        ("on Friday", WED, "2026-11-27"),
        ("this Friday", WED, "2026-11-27"),
        ("Friday", FRI, "2026-12-04"),  # strictly after the day said
        ("by Monday", MON, "2026-12-07"),
        ("Tuesday", SAT, "2026-12-01"),
        ("next Friday", WED, "2026-12-04"),
        ("next Monday", WED, "2026-11-30"),  # the NEXT Mon-Sun week
        ("next Friday", SAT, "2026-12-04"),
        ("next Monday", MON, "2026-12-07"),
        ("Monday next week", WED, "2026-11-30"),
        ("Wednesday next week", WED, "2026-12-02"),
        ("next week on Thursday", WED, "2026-12-03"),
        ("a week from Friday", WED, "2026-12-04"),
        ("a week from Friday", FRI, "2026-12-11"),
        ("two weeks from Monday", WED, "2026-12-14"),
        ("Thurs", WED, "2026-11-26"),
        ("Fri.", WED, "2026-11-27"),
        ("Friday", JAN_FRI, "2026-02-06"),
        ("next Friday", JAN_FRI, "2026-02-06"),
    ],
)
def test_it_reads_weekdays(text: str, at: datetime, expected: str) -> None:
    assert by(text, at) == d(expected)


# --- 4. Days and hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-11-25"),
        ("EOD", "2026-11-25"),
        ("by end of day", "2026-11-25"),
        ("COB", "2026-11-25"),
        ("tomorrow", "2026-11-26"),
        ("COB tomorrow", "2026-11-26"),
        ("EOD Friday", "2026-11-27"),
        ("Friday EOD", "2026-11-27"),
        ("the day after tomorrow", "2026-11-27"),
        ("3 days", "2026-11-28"),
        ("in ten days", "2026-12-05"),
        ("within 48 hours", "2026-11-27"),
        ("within 24 hours", "2026-11-26"),
        ("within 36 hours", "2026-11-27"),
        ("a couple of days", "2026-11-27"),
        ("a couple days", "2026-11-27"),
        ("a few days", "2026-11-28"),
        ("in the next few days", "2026-11-28"),
        ("in a day or two", "2026-11-27"),
    ],
)
def test_it_reads_days_and_hours(text: str, expected: str) -> None:
    assert by(text) == d(expected)


# --- 5. Weeks and months -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("2 weeks", WED, "2026-12-09"),
        ("in three weeks", WED, "2026-12-16"),
        ("a fortnight", WED, "2026-12-09"),
        ("a couple of weeks", WED, "2026-12-09"),
        ("a few weeks", WED, "2026-12-16"),
        ("a week or so", WED, "2026-12-02"),
        ("within the next week", WED, "2026-12-02"),
        ("two weeks' time", WED, "2026-12-09"),
        ("within a month", WED, "2026-12-25"),
        ("a month", WED, "2026-12-25"),
        ("within a month", JAN_FRI, "2026-02-28"),  # clamped to the month's end
        ("in a month", NYE, "2027-01-31"),
    ],
)
def test_it_reads_weeks_and_months(text: str, at: datetime, expected: str) -> None:
    assert by(text, at) == d(expected)


# --- 6. Business days --------------------------------------------------------------------------


def test_it_counts_business_days_from_the_day_after_skipping_weekends() -> None:
    assert by("5 business days") == d("2026-12-02")
    assert by("within 5 working days", FRI) == d("2026-12-04")
    assert by("1 business day", FRI) == d("2026-11-30")
    assert by("next business day", FRI) == d("2026-11-30")
    assert by("3 business days", SAT) == d("2026-12-02")


def test_it_counts_business_days_with_the_calendar_holidays() -> None:
    us = BusinessCalendar(country="US")
    assert us.holiday_name(d("2026-11-26")) is not None  # Thanksgiving
    plain = read("We'll get back to you within 5 business days.", WED)
    with_holidays = read("We'll get back to you within 5 business days.", WED, holidays=us)
    assert plain is not None and with_holidays is not None
    assert plain.by == d("2026-12-02")
    assert with_holidays.by == d("2026-12-03")


def test_it_skips_a_holiday_the_words_name() -> None:
    assert by("10 business days, not counting Thanksgiving") == d("2026-12-10")
    assert by("10 business days") == d("2026-12-09")


def test_it_counts_business_days_over_the_new_year_with_the_calendar() -> None:
    us = BusinessCalendar(country="US")
    found = read("5 business days", NYE, holidays=us)
    assert found is not None and found.by == d("2027-01-08")
    assert by("5 business days", NYE) == d("2027-01-07")


def test_it_follows_the_calendar_work_week() -> None:
    six_days = BusinessCalendar(work_week=frozenset({0, 1, 2, 3, 4, 5}))
    found = read("3 business days", WED, holidays=six_days)
    assert found is not None and found.by == d("2026-11-28")


def test_it_reads_no_date_from_an_absurd_business_day_count() -> None:
    # The count is capped so that junk stays fast; the cap is well past any real plan.
    assert by("400 business days") == d("2028-06-07")
    assert by("401 business days") is None
    assert by("999 business days") is None
    assert by("0 business days") is None


def test_it_counts_business_days_like_the_calendar() -> None:
    # One counter for the reader and the planner: without a calendar the reader counts with a
    # Monday-to-Friday one, and the holidays the words name are skipped on top of a calendar's.
    us = BusinessCalendar(country="US")
    for n in (1, 5, 10, 30):
        assert by(f"{n} business days") == BusinessCalendar().add_business_days(WED.date(), n)
        found = read(f"{n} business days", WED, holidays=us)
        assert found is not None and found.by == us.add_business_days(WED.date(), n)
    germany = BusinessCalendar(country="DE")  # Thanksgiving is a working day there
    found = read("2 business days", WED, holidays=germany)
    assert found is not None and found.by == d("2026-11-27")
    found = read("2 business days, not counting Thanksgiving", WED, holidays=germany)
    assert found is not None and found.by == d("2026-11-30")


# --- 7. Months ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("end of the month", WED, "2026-11-30"),
        ("later this month", WED, "2026-11-30"),
        ("end of the month", JAN_FRI, "2026-01-31"),
        ("end of the month", NYE, "2026-12-31"),
        ("next month", WED, "2026-12-31"),
        ("end of next month", WED, "2026-12-31"),
        ("next month", NYE, "2027-01-31"),
        ("next month", JAN_FRI, "2026-02-28"),
        ("early January", WED, "2027-01-10"),
        ("beginning of December", WED, "2026-12-10"),
        ("mid-January", WED, "2027-01-15"),
        ("middle of December", WED, "2026-12-15"),
        ("late January", WED, "2027-01-31"),
        ("end of January", WED, "2027-01-31"),
        ("sometime in January", WED, "2027-01-31"),
        ("in February", WED, "2027-02-28"),
        ("early next month", WED, "2026-12-10"),
        ("early February", JAN_FRI, "2026-02-10"),
        ("in December", WED, "2026-12-31"),
        ("by mid-month", WED, "2026-12-15"),  # this month's 15th has passed
        ("by mid-month", datetime(2026, 11, 5), "2026-11-15"),
    ],
)
def test_it_reads_parts_of_months(text: str, at: datetime, expected: str) -> None:
    assert by(text, at) == d(expected)


# --- 8. Calendar dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("12/10", WED, "2026-12-10"),
        ("by 12/10/2026", WED, "2026-12-10"),
        ("2026-12-10", WED, "2026-12-10"),
        ("December 10", WED, "2026-12-10"),
        ("Dec 10th", WED, "2026-12-10"),
        ("Dec. 10, 2026", WED, "2026-12-10"),
        ("10 December", WED, "2026-12-10"),
        ("the 10th of December", WED, "2026-12-10"),
        ("Friday, December 4", WED, "2026-12-04"),
        ("Fri 12/4", WED, "2026-12-04"),
        ("January 5", WED, "2027-01-05"),  # no year: the next one on or after the day said
        ("1/5", NYE, "2027-01-05"),
        ("by the 15th", WED, "2026-12-15"),
        ("by the 25th", WED, "2026-11-25"),  # on or after: that very day
        ("by the 31st", WED, "2026-12-31"),
        ("by the 15th", NYE, "2027-01-15"),
        ("by the first of next month", WED, "2026-12-01"),
        ("no later than December 10", WED, "2026-12-10"),
        ("on or before Dec 10", WED, "2026-12-10"),
        ("before December 10", WED, "2026-12-09"),
        ("before Friday", WED, "2026-11-26"),
        ("before the 15th", WED, "2026-12-14"),
        ("12-04-2026", WED, "2026-12-04"),
        ("the week of 12/14", WED, "2026-12-18"),
        ("w/c 7 Dec", WED, "2026-12-11"),
    ],
)
def test_it_reads_calendar_dates(text: str, at: datetime, expected: str) -> None:
    assert by(text, at) == d(expected)


# --- 9. US holidays ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("before Christmas", WED, "2026-12-24"),
        ("by Christmas", WED, "2026-12-25"),
        ("before the holidays", WED, "2026-12-23"),
        ("after Thanksgiving", WED, "2026-11-30"),  # Thanksgiving takes its Friday along
        ("after Thanksgiving", datetime(2025, 11, 20), "2025-12-01"),
        ("after the holidays", WED, "2027-01-04"),
        ("after New Year's", WED, "2027-01-04"),
        ("after the holidays", NYE, "2027-01-04"),
        ("after Christmas", WED, "2026-12-28"),
        ("before Thanksgiving", datetime(2026, 11, 20), "2026-11-25"),
        ("after Labor Day", WED, "2027-09-07"),
        ("after MLK Day", WED, "2027-01-19"),
        ("by Memorial Day", WED, "2027-05-31"),
        ("after July 4th", datetime(2026, 6, 1), "2026-07-06"),
        ("after Presidents' Day", WED, "2027-02-16"),
        ("before Juneteenth", WED, "2027-06-18"),
        ("the week after Thanksgiving", WED, "2026-12-04"),
    ],
)
def test_it_reads_us_holidays(text: str, at: datetime, expected: str) -> None:
    assert by(text, at) == d(expected)


def test_it_reads_after_a_holiday_said_just_after_it_as_this_years() -> None:
    # Said on the Friday after Thanksgiving, "after Thanksgiving" is the coming Monday.
    assert by("We'll get back to you after Thanksgiving.", FRI) == d("2026-11-30")
    assert by("after Christmas", datetime(2026, 12, 26)) == d("2026-12-28")


def test_it_reads_easter() -> None:
    assert by("by Easter") == d("2027-03-28")


def test_it_reads_holidays_with_the_calendar_too() -> None:
    us = BusinessCalendar(country="US")
    found = read("after Thanksgiving", WED, holidays=us)
    assert found is not None and found.by == d("2026-11-30")
    found = read("after the holidays", WED, holidays=us)
    assert found is not None and found.by == d("2027-01-04")


# --- 10. Quarters and years --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Q1", WED, "2027-03-31"),
        ("end of Q1", WED, "2027-03-31"),
        ("first quarter", WED, "2027-03-31"),
        ("by Q2", WED, "2027-06-30"),
        ("Q1", JAN_FRI, "2026-03-31"),
        ("Q4", WED, "2026-12-31"),
        ("this quarter", WED, "2026-12-31"),
        ("end of the quarter", JAN_FRI, "2026-03-31"),
        ("next quarter", WED, "2027-03-31"),
        ("end of the year", WED, "2026-12-31"),
        ("end of the year", NYE, "2026-12-31"),
        ("by year end", WED, "2026-12-31"),
        ("early next year", WED, "2027-01-31"),
        ("early next year", NYE, "2027-01-31"),
    ],
)
def test_it_reads_quarters_and_years(text: str, at: datetime, expected: str) -> None:
    assert by(text, at) == d(expected)


# --- 11. The promised date among distractors ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thanks for coming in on Tuesday! We're wrapping up interviews this week and "
            "expect to make a decision by end of next week.",
            "2026-12-04",
        ),
        ("The role starts January 4 and we'll let you know by December 15.", "2026-12-15"),
        ("You'd start on the 1st; we'll decide by Friday.", "2026-11-27"),
        ("We interviewed on Monday and will decide by Friday.", "2026-11-27"),
        ("I'm out of office until Monday but will get back to you by Wednesday.", "2026-12-02"),
        ("Interviews wrap up Friday, and we expect to decide early next week.", "2026-12-01"),
        (
            "We'll decide by Friday whether to bring you back for a final round next Tuesday.",
            "2026-11-27",
        ),
        ("The team is 12 people; expect feedback within 5 business days.", "2026-12-02"),
        ("If you haven't heard back by Friday, feel free to follow up.", "2026-11-27"),
        ("You should hear back from us by Friday, Dec. 4th.", "2026-12-04"),
        ("Hopefully Friday. We'll let you know by Tuesday at the latest.", "2026-12-01"),
        ("We won't know until Monday.", "2026-11-30"),
        ("ASAP — hopefully by Friday", "2026-11-27"),
        (
            "The hiring manager is on vacation next week; expect news the week after next.",
            "2026-12-11",
        ),
    ],
)
def test_it_picks_the_promised_date_among_distractors(text: str, expected: str | None) -> None:
    assert by(text) == (d(expected) if expected else None)


@pytest.mark.parametrize(
    "text",
    [
        "Your start date would be January 4.",
        "Could you start on Monday?",
        "We interviewed you on Nov 20.",
        "Our final round is on Monday; you'll hear from us after that.",
        "We'll decide after the final round on Monday.",
        "I'll be back from leave on December 7.",
        "She's out of the office until December 1st.",
        "I'm out until the 3rd, we'll decide after that.",
        "The offer expires on Friday.",
        "Let us know by Friday if you're still interested.",
        "Please send your references by Friday.",
        "We need your answer by Friday.",
        "We posted the role 3 weeks ago.",
        "Last week we saw four candidates.",
        "We met last Friday.",
        "Onboarding takes about two weeks.",
        "The start date is flexible, but ideally early January.",
        "We're interviewing 3 more candidates over the next 2 weeks, then we'll decide.",
        "Thanks for your time today! We'll be in touch.",
        "We offer 4 weeks of PTO and work 5 days a week.",
        "The committee meets Thursday and we'll let you know after.",
    ],
)
def test_it_ignores_dates_that_are_not_the_decision(text: str) -> None:
    assert read(text, WED) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Interviews wrap up on the 10th, and we'll decide then.", "2026-12-10"),
        ("We'll make a decision at our hiring committee meeting on Monday.", "2026-11-30"),
        ("We'll let the candidates know by Friday.", "2026-11-27"),
        ("Expect a call from me Tuesday.", "2026-12-01"),
        (
            "The role starts January 5, and we'd like to have an offer out by the 15th.",
            "2026-12-15",
        ),
        (
            "2 of our interviewers were out - so we'll need until the middle of next week.",
            "2026-12-02",
        ),
        ("Probably early next week, since tomorrow's Thanksgiving.", "2026-12-01"),
        ("When will I hear back? End of next week.", "2026-12-04"),
        ("Hang tight for a week or two.", "2026-12-09"),
        ("Not until Monday.", "2026-11-30"),
        ("We don't have a decision yet, but probably next week.", "2026-12-04"),
        ("If you don't hear from us by Friday, please reach out.", "2026-11-27"),
        ("It shouldn't take more than a week.", "2026-12-02"),
        ("It may be 2-4 weeks before we have an answer.", "2026-12-23"),
        ("Give us 24-48 hours.", "2026-11-27"),
    ],
)
def test_it_reads_how_the_decision_is_tied_to_its_date(text: str, expected: str) -> None:
    assert by(text) == d(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Happy Thanksgiving! Talk soon.",
        "The current contractor is here through March.",
        "We'll be interviewing until the 10th.",
        "Office hours are 9 to 5, Monday to Friday, if you want to call.",
        "When could you start? Ideally early January.",
        "We'll keep your resume on file for 6 months.",
        "We need a response from you within 48 hours.",
        "Our Monday standup is at 10.",
        "See you Monday!",
        "I'm out until the 3rd, we'll decide after that.",
        "Benefits kick in after 30 days.",
        "two weeks after the final round",
    ],
)
def test_it_reads_no_promise_into_schedules_states_and_greetings(text: str) -> None:
    assert read(text, WED) is None


def test_it_ignores_dates_before_the_day_said() -> None:
    assert by("We'll decide by 2026-11-20.") is None
    assert by("Decision by 11/20/2026.") is None
    assert by("early November") is None


# --- 12. No commitment -> None -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "ASAP",
        "soon",
        "We'll be in touch.",
        "We'll be in touch shortly.",
        "no timeline yet",
        "There's no timeline yet.",
        "once the committee meets",
        "the last search took 6 weeks",
        "We may need another round",
        "we have 3 more candidates",
        "I've been here 5 years",
        "the team of 12",
        "We had 200 applicants for 2 roles.",
        "We won't decide this week.",
        "Friday at the earliest",
        "not before next week",
        "sometime after Monday",
        "in the coming weeks",
        "We'll decide over the holidays.",
        "several weeks",
        "We march on.",
        "Take a day to think about it.",
        "It is 40 hours a week.",
    ],
)
def test_it_returns_none_without_a_commitment(text: str) -> None:
    assert read(text, WED) is None


# --- The phrase, the said_at day, junk ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("end of next week", "end of next week"),
        ("We'll decide by Friday, thanks!", "by Friday"),
        ("Expect to hear within 7–10 business days.", "within 7–10 business days"),
        ("Monday or Tuesday works", "Monday or Tuesday"),
        ("Hopefully Friday, Tuesday at the latest.", "Friday, Tuesday at the latest"),
        ("Decision BEFORE CHRISTMAS", "BEFORE CHRISTMAS"),
    ],
)
def test_it_reports_the_phrase_it_read(text: str, phrase: str) -> None:
    found = read(text, WED)
    assert found is not None
    assert found.phrase == phrase
    assert found.phrase in text


def test_it_uses_the_wall_clock_day_of_naive_and_aware_times() -> None:
    late_in_new_york = datetime(2026, 11, 25, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    early_in_tokyo = datetime(2026, 11, 26, 0, 30, tzinfo=timezone(timedelta(hours=9)))
    assert by("tomorrow", late_in_new_york) == d("2026-11-26")
    assert by("tomorrow", early_in_tokyo) == d("2026-11-27")
    assert by("tomorrow", datetime(2026, 11, 25, 0, 0)) == d("2026-11-26")


@pytest.mark.parametrize(
    "text",
    [
        "99/99",
        "13/45/2026",
        "Feb 30",
        "by February 30th",
        "2026-02-30",
        "year 99999",
        "by 12/10/99999",
        "in 9999 weeks",
        "999 business days",
        "Q9",
        "the 45th",
        "\x00\x01\x02 friday \ufffd",
        "🙂🙂 next week 🙂",
        "by 31/12",
        "December 10, 9999 or later",
    ],
)
def test_it_never_raises_on_impossible_dates(text: str) -> None:
    found = read(text, WED)
    assert found is None or isinstance(found.by, date)


def test_it_reads_what_it_can_of_odd_text() -> None:
    assert by("🙂🙂 next week 🙂") == d("2026-12-04")
    assert by("by 31/12") is None  # not a US month/day
    assert by("NEXT   WEEK") == d("2026-12-04")


def test_it_reads_the_start_of_huge_input() -> None:
    # Speed is measured by `make bench`, not here; this only proves a huge paste is read.
    text = "We'll get back to you by Friday. " + "blah 12 candidates, 3 rounds. " * 5000
    assert by(text) == d("2026-11-27")


def test_it_loads_neither_holidays_nor_its_rules_at_import() -> None:
    # Importing stays cheap for CLI start-up; the rules load on the first reading.
    code = (
        "import sys, closer.core.timeline; "
        "print('holidays' in sys.modules, 'closer.core.timeline.rules' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- Properties --------------------------------------------------------------------------------

_TIMING_WORDS = (
    "by|before|after|until|no later than|within|in|the|end of|early|mid|late|next|this|week|"
    "weeks|month|days|business days|hours|Friday|Mon|tomorrow|today|EOD|Q1|December|Dec|"
    "10th|12/10|2026-12-10|Thanksgiving|Christmas|the holidays|a couple of|a few|2|7-10|"
    "or|and|-|,|at the latest|not|won't|start|interview|ago|last|decide|let you know"
)
_PHRASES = st.from_regex(rf"(?:(?:{_TIMING_WORDS}|[a-z0-9/.\-]{{1,6}}) ){{1,14}}", fullmatch=True)
_SAID = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2200, 12, 31))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300), said_at=_SAID)
def test_it_never_raises_on_arbitrary_text(text: str, said_at: datetime) -> None:
    found = read(text, said_at)
    assert found is None or isinstance(found.by, date)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_PHRASES, said_at=_SAID)
def test_it_never_raises_on_timing_words_mixed_with_junk(text: str, said_at: datetime) -> None:
    found = read(text, said_at)
    if found is not None:
        assert found.by >= said_at.date()
        assert found.earliest is None or found.earliest < found.by
        assert found.phrase and found.phrase in text


@settings(max_examples=100, deadline=None)
@given(text=_PHRASES, said_at=_SAID)
def test_it_is_deterministic(text: str, said_at: datetime) -> None:
    assert read(text, said_at) == read(text, said_at)
