from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from closer.core.inputs import close_problems, timing_conflict

NY = ZoneInfo("America/New_York")
STARTS = datetime(2026, 11, 25, 14, 0, tzinfo=NY)
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=NY)


def fields(**dates: object) -> list[str]:
    return [p.field for p in close_problems(starts_at=STARTS, now=NOW, **dates)]


def test_it_accepts_dates_in_order():
    assert fields(expected=date(2026, 12, 4), latest=date(2026, 12, 10)) == []
    assert fields(expected=date(2026, 11, 25), offer_deadline=date(2026, 11, 25)) == []


def test_it_refuses_dates_before_the_interview():
    assert fields(expected=date(2026, 11, 24)) == ["expected"]
    assert fields(latest=date(2026, 11, 20)) == ["latest"]
    assert fields(offer_deadline=date(2026, 11, 1)) == ["offer_deadline"]
    assert fields(next_round_at=datetime(2026, 11, 25, 9, tzinfo=NY)) == ["next_round_at"]


def test_a_latest_date_before_the_expected_one_is_kept_and_explained():
    expected, latest = date(2026, 12, 10), date(2026, 12, 4)
    assert close_problems(starts_at=STARTS, now=NOW, expected=expected, latest=latest) == []
    said = timing_conflict(expected, latest)
    assert said.startswith("They expect to decide by Thu 10 Dec but gave Fri 4 Dec")
    assert "until after Thu 10 Dec, the later of the two" in said


@pytest.mark.parametrize(
    ("expected", "latest"),
    [(None, None), (date(2026, 12, 4), None), (None, date(2026, 12, 4)), (date(2026, 12, 4),) * 2],
)
def test_dates_in_order_need_no_explaining(expected, latest):
    assert timing_conflict(expected, latest) == ""


def test_it_refuses_a_close_before_the_interview_started():
    early = datetime(2026, 11, 25, 13, 0, tzinfo=NY)
    assert [p.field for p in close_problems(starts_at=STARTS, now=early)] == ["starts_at"]
