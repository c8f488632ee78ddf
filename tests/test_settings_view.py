from __future__ import annotations

import pytest
from helpers import at

from closer.accounts.services import settings_for
from closer.pipeline.models import Action

pytestmark = pytest.mark.django_db

VALID = {
    "time_zone": "America/New_York",
    "work_days": ["0", "1", "2", "3", "4"],
    "holiday_country": "",
    "holiday_subdivision": "",
    "thank_you_by": "21:00",
    "follow_up_at": "10:00",
    "no_date_follow_up_days": "5",
    "second_follow_up_days": "5",
    "referral_outreach_days": "2",
    "feedback_days": "1",
    "reconnect_days": "90",
    "revisit_days": "180",
}


def test_it_shows_the_settings(client, alice):
    response = client.get("/settings/")
    assert response.status_code == 200
    assert b"America/New_York" in response.content


def test_it_saves_and_replans_open_actions(client, alice, acme_close, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T16:00")
    response = client.post("/settings/", {**VALID, "follow_up_at": "09:30"})
    assert response.status_code == 302
    assert settings_for(alice).follow_up_at.strftime("%H:%M") == "09:30"
    assert Action.objects.get(kind="follow_up").due_at == at("2026-12-11 09:30")


def test_it_follows_a_new_work_week(client, alice, acme_close, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T16:00")
    # A Sun–Thu work week: the day after Thu 10 Dec is Fri, not a work day; Sun 13 Dec is.
    client.post("/settings/", {**VALID, "work_days": ["6", "0", "1", "2", "3"]})
    assert Action.objects.get(kind="follow_up").due_at == at("2026-12-13 10:00")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_zone", "Mars/Olympus", "not a time zone"),
        ("holiday_country", "XX", "No public-holiday calendar"),
        ("holiday_subdivision", "ZZ", "Choose a country first"),
        ("work_days", [], "This field is required"),
        ("reconnect_days", "-3", "greater than or equal to 0"),
    ],
)
def test_it_explains_bad_settings_and_keeps_the_old_ones(client, alice, field, value, message):
    response = client.post("/settings/", {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert settings_for(alice).time_zone == "America/New_York"


def test_it_rejects_an_unknown_region_of_a_known_country(client, alice):
    response = client.post(
        "/settings/", {**VALID, "holiday_country": "US", "holiday_subdivision": "QQ"}
    )
    assert "US has no region called" in response.content.decode()
