from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closer.core.calendar import BusinessCalendar, format_day, local_datetime
from closer.core.records import PlanSettings

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
WED_25_NOV = date(2026, 11, 25)
THANKSGIVING = date(2026, 11, 26)


def test_it_treats_weekends_as_days_off() -> None:
    cal = BusinessCalendar()
    assert cal.is_business_day(date(2026, 11, 20))  # Friday
    assert not cal.is_business_day(date(2026, 11, 21))
    assert not cal.is_business_day(date(2026, 11, 22))
    assert cal.add_business_days(date(2026, 11, 20), 1) == date(2026, 11, 23)


def test_it_counts_business_days_strictly_after_the_day() -> None:
    cal = BusinessCalendar()
    assert cal.add_business_days(date(2026, 11, 16), 5) == date(2026, 11, 23)
    assert cal.first_business_day_after(date(2026, 11, 21)) == date(2026, 11, 23)


def test_it_returns_the_day_itself_for_zero_days_when_it_is_a_business_day() -> None:
    cal = BusinessCalendar()
    assert cal.add_business_days(WED_25_NOV, 0) == WED_25_NOV
    assert cal.add_business_days(date(2026, 11, 28), 0) == date(2026, 11, 30)


def test_it_skips_extra_days_off_when_asked() -> None:
    # The timeline reader passes the holidays the words name ("not counting Thanksgiving").
    cal = BusinessCalendar()
    skip = {THANKSGIVING, date(2026, 11, 27)}
    assert cal.add_business_days(WED_25_NOV, 1, also_skip=skip) == date(2026, 11, 30)
    assert cal.add_business_days(WED_25_NOV, 5, also_skip=skip) == date(2026, 12, 4)
    assert cal.add_business_days(THANKSGIVING, 0, also_skip=skip) == date(2026, 11, 30)
    assert cal.first_business_day_after(WED_25_NOV, also_skip=skip) == date(2026, 11, 30)
    assert cal.add_business_days(WED_25_NOV, 5) == date(2026, 12, 2)


def test_it_refuses_negative_day_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        BusinessCalendar().add_business_days(WED_25_NOV, -1)


def test_it_follows_a_custom_work_week() -> None:
    sunday_to_thursday = frozenset({6, 0, 1, 2, 3})
    cal = BusinessCalendar(work_week=sunday_to_thursday)
    assert not cal.is_business_day(date(2026, 11, 27))  # Friday
    assert not cal.is_business_day(date(2026, 11, 28))  # Saturday
    assert cal.is_business_day(date(2026, 11, 29))  # Sunday
    assert cal.add_business_days(THANKSGIVING, 1) == date(2026, 11, 29)


def test_it_rejects_an_empty_work_week() -> None:
    with pytest.raises(ValueError, match="at least one"):
        BusinessCalendar(work_week=frozenset())


def test_it_rejects_weekday_numbers_out_of_range() -> None:
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        BusinessCalendar(work_week=frozenset({1, 7}))


def test_it_knows_us_public_holidays() -> None:
    cal = BusinessCalendar(country="US")
    assert not cal.is_business_day(THANKSGIVING)
    assert cal.holiday_name(THANKSGIVING) == "Thanksgiving Day"
    assert not cal.is_business_day(date(2026, 12, 25))
    assert cal.holiday_name(date(2026, 12, 25)) == "Christmas Day"
    assert cal.holiday_name(WED_25_NOV) is None


def test_it_has_no_holidays_without_a_country() -> None:
    cal = BusinessCalendar()
    assert cal.is_business_day(THANKSGIVING)
    assert cal.holiday_name(THANKSGIVING) is None


def test_it_skips_a_holiday_when_counting() -> None:
    cal = BusinessCalendar(country="US")
    assert cal.add_business_days(WED_25_NOV, 1) == date(2026, 11, 27)
    assert cal.add_business_days(date(2026, 12, 24), 1) == date(2026, 12, 28)


def test_it_adds_regional_holidays_for_a_subdivision() -> None:
    cesar_chavez_day = date(2026, 3, 31)
    assert BusinessCalendar(country="US").is_business_day(cesar_chavez_day)
    assert not BusinessCalendar(country="US", subdivision="CA").is_business_day(cesar_chavez_day)
    epiphany = date(2026, 1, 6)
    assert BusinessCalendar(country="DE").is_business_day(epiphany)
    assert not BusinessCalendar(country="DE", subdivision="BY").is_business_day(epiphany)


def test_it_accepts_lower_case_codes() -> None:
    assert not BusinessCalendar(country="us", subdivision="ca").is_business_day(date(2026, 3, 31))


def test_it_names_an_unknown_country() -> None:
    with pytest.raises(ValueError, match="'XX'"):
        BusinessCalendar(country="XX")


def test_it_names_an_unknown_subdivision() -> None:
    with pytest.raises(ValueError, match="'ZZ'"):
        BusinessCalendar(country="US", subdivision="ZZ")


def test_it_needs_a_country_for_a_subdivision() -> None:
    with pytest.raises(ValueError, match="needs a country"):
        BusinessCalendar(subdivision="CA")


def test_it_builds_from_plan_settings() -> None:
    cal = BusinessCalendar.from_settings(
        PlanSettings(work_week=frozenset({0, 1, 2, 3}), holiday_country="US")
    )
    assert not cal.is_business_day(THANKSGIVING)
    assert not cal.is_business_day(date(2026, 11, 27))  # a Friday outside this work week
    assert cal.add_business_days(WED_25_NOV, 1) == date(2026, 11, 30)


def test_it_makes_an_aware_local_datetime() -> None:
    moment = local_datetime(WED_25_NOV, time(10, 0), NEW_YORK)
    assert moment.tzinfo is NEW_YORK
    assert moment.astimezone(UTC) == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def test_it_moves_a_time_in_the_spring_forward_gap_to_a_real_instant() -> None:
    # On 8 March 2026 New York clocks jump from 02:00 to 03:00.
    moment = local_datetime(date(2026, 3, 8), time(2, 30), NEW_YORK)
    assert (moment.hour, moment.minute) == (3, 30)
    assert moment.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    # Berlin skips 02:00 to 03:00 on 29 March 2026.
    berlin = local_datetime(date(2026, 3, 29), time(2, 30), BERLIN)
    assert berlin.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_it_takes_the_first_occurrence_of_an_ambiguous_time() -> None:
    # On 1 November 2026 New York sees 01:30 twice; the first is still daylight time.
    moment = local_datetime(date(2026, 11, 1), time(1, 30), NEW_YORK)
    assert moment.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert moment.fold == 0


def test_it_keeps_the_same_wall_time_across_a_dst_change() -> None:
    before = local_datetime(date(2026, 10, 30), time(10, 0), NEW_YORK)
    after = local_datetime(date(2026, 11, 2), time(10, 0), NEW_YORK)
    assert (before.hour, after.hour) == (10, 10)
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=3, hours=1)


def test_it_formats_a_day_the_way_people_write_it() -> None:
    assert format_day(date(2026, 12, 10)) == "Thu 10 Dec"
    assert format_day(date(2026, 12, 4)) == "Fri 4 Dec"
    assert format_day(date(2027, 12, 10), with_year=True) == "Fri 10 Dec 2027"


work_weeks = st.frozensets(st.integers(min_value=0, max_value=6), min_size=1)
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    work_week=work_weeks,
    country=st.sampled_from(["", "US", "DE"]),
    day=days,
    n=st.integers(min_value=1, max_value=30),
)
def test_it_always_lands_on_the_nth_business_day(
    work_week: frozenset[int], country: str, day: date, n: int
) -> None:
    cal = BusinessCalendar(work_week=work_week, country=country)
    result = cal.add_business_days(day, n)
    assert result > day
    assert cal.is_business_day(result)
    between = [day + timedelta(days=i) for i in range(1, (result - day).days + 1)]
    assert sum(cal.is_business_day(d) for d in between) == n
