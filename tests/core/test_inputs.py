from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from closer.core.inputs import close_problems, parse_person

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


def test_it_refuses_a_latest_date_before_the_expected_one():
    [problem] = close_problems(
        starts_at=STARTS, now=NOW, expected=date(2026, 12, 10), latest=date(2026, 12, 4)
    )
    assert problem.field == "latest"
    assert problem.message.startswith("Fri 4 Dec is before the expected date (Thu 10 Dec)")


def test_it_refuses_a_close_before_the_interview_started():
    early = datetime(2026, 11, 25, 13, 0, tzinfo=NY)
    assert [p.field for p in close_problems(starts_at=STARTS, now=early)] == ["starts_at"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Lee <dana@acme.example>", ("Dana Lee", "dana@acme.example")),
        ("  Dana Lee  ", ("Dana Lee", "")),
        ("dana@acme.example", ("dana@acme.example", "dana@acme.example")),
        ('"Lee, Dana" <dana@acme.example>', ("Lee, Dana", "dana@acme.example")),
        ("Zoë Ñúñez <zoe@acme.example>", ("Zoë Ñúñez", "zoe@acme.example")),
    ],
)
def test_it_reads_a_person(text, expected):
    assert parse_person(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "write a name"),
        ("Dana <>", "the email between < and > is missing"),
        ("Dana <dana-at-acme>", "“dana-at-acme” is not a valid email address"),
        ("Dana <a@b.example> extra", "write it as"),
        ("x" * 201, "keep the name under 200"),
        (f"Dana <{'a' * 250}@b.example>", "too long"),
    ],
)
def test_it_explains_a_person_it_cannot_read(text, message):
    with pytest.raises(ValueError, match=message):
        parse_person(text)
