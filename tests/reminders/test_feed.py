"""The calendar feed: secret URL, RFC 5545 content read by two parsers, stable UIDs, zones."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from helpers import at
from icalendar import Calendar
from reminders import ical_reader

from closer.core.records import CloseAnswer, Permission
from closer.pipeline.models import Action
from closer.pipeline.services import CloseInput, action_complete, action_skip, close_log
from closer.reminders.feed import build_calendar, feed_rotate
from closer.reminders.models import CalendarFeed

NOW = at("2026-11-25 15:30")


def _get(client, token: str):
    return client.get(reverse("reminders:feed", args=[token]))


def _events(body: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def test_it_stores_only_a_hash_of_a_long_random_token(alice, token):
    feed = CalendarFeed.objects.get(user=alice)
    assert len(token) >= 43  # 32 random bytes, base64: 256 bits
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in feed.token_hash
    assert feed_rotate(user=alice) != token


def test_it_serves_open_actions_with_alarm_reason_and_link(client, acme_close, token):
    response = _get(client, token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Referrer-Policy"] == "no-referrer"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    thank_you = next(e for e in events if "thank-you" in str(e["summary"]))
    assert str(thank_you["summary"]) == "Send a thank-you note: Dana Lee (Acme)"
    assert thank_you.decoded("dtstart") == at("2026-11-25 21:00")
    description = str(thank_you["description"])
    assert Action.objects.get(kind="thank_you").reason in description
    opportunity = acme_close.interview.opportunity
    assert f"/opportunities/{opportunity.pk}/" in description
    assert str(thank_you["url"]).startswith("http")
    (alarm,) = thank_you.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(minutes=15)
    assert str(alarm["action"]) == "DISPLAY"


def test_a_second_parser_reads_the_same_feed(client, acme_close, token):
    body = _get(client, token).content
    root = ical_reader.parse(body)
    assert root.name == "VCALENDAR"
    assert root.get("VERSION").value == "2.0"
    assert root.get("PRODID") is not None
    events = root.walk("VEVENT")
    open_actions = Action.objects.filter(status="open")
    assert len(events) == open_actions.count() > 1
    by_uid = {e.get("UID").value: e for e in events}
    for action in open_actions:
        event = by_uid[f"closer-action-{action.pk}@closer"]
        assert ical_reader.moment(event.get("DTSTART")) == action.due_at
        assert action.reason in ical_reader.text(event.get("DESCRIPTION"))
        assert event.get("DTSTAMP").value.endswith("Z")
        assert event.get("DTSTART").value.endswith("Z")  # UTC: one instant in every app
        assert event.walk("VALARM")
    assert root.walk("VTIMEZONE") == []
    assert root.get("X-WR-TIMEZONE").value == "America/New_York"


def test_uids_stay_the_same_when_the_plan_changes(client, acme_close, token):
    before = _events(_get(client, token).content)
    close_log(
        interview=acme_close.interview,
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.PENDING,
            expected_date=date(2026, 12, 4),
            latest_date=date(2026, 12, 17),
            permission=Permission.YES,
        ),
        now=at("2026-11-26 09:00"),
    )
    after = _events(_get(client, token).content)
    assert set(after) == set(before)
    follow_up = Action.objects.get(kind="follow_up")
    uid = f"closer-action-{follow_up.pk}@closer"
    assert after[uid].decoded("dtstart") == at("2026-12-18 10:00")
    assert before[uid].decoded("dtstart") == at("2026-12-11 10:00")


def test_done_and_skipped_actions_leave_the_feed(client, acme_close, token):
    thank_you = Action.objects.get(kind="thank_you")
    follow_up = Action.objects.get(kind="follow_up")
    action_complete(action=thank_you, now=NOW)
    action_skip(action=follow_up, now=NOW)
    uids = set(_events(_get(client, token).content))
    assert f"closer-action-{thank_you.pk}@closer" not in uids
    assert f"closer-action-{follow_up.pk}@closer" not in uids


def test_times_are_right_on_both_sides_of_a_dst_change(alice, acme_close):
    summer, winter = Action.objects.order_by("pk")[:2]
    # New York leaves daylight time on Sun 1 Nov 2026: 10:00 is 14:00Z before, 15:00Z after.
    summer.due_at = at("2026-10-30 10:00")
    winter.due_at = at("2026-11-02 10:00")
    summer.save()
    winter.save()
    body = build_calendar(alice, now=NOW)
    assert b"DTSTART:20261030T140000Z" in body
    assert b"DTSTART:20261102T150000Z" in body
    parsed = _events(body)
    first = parsed[f"closer-action-{summer.pk}@closer"].decoded("dtstart")
    second = parsed[f"closer-action-{winter.pk}@closer"].decoded("dtstart")
    assert first.astimezone(UTC) == datetime(2026, 10, 30, 14, tzinfo=UTC)
    assert second.astimezone(UTC) == datetime(2026, 11, 2, 15, tzinfo=UTC)
    root = ical_reader.parse(body)
    moments = {
        e.get("UID").value: ical_reader.moment(e.get("DTSTART")) for e in root.walk("VEVENT")
    }
    assert moments[f"closer-action-{winter.pk}@closer"].astimezone(UTC).hour == 15


def test_a_rotated_token_is_404_at_once(client, alice, acme_close, token):
    assert _get(client, token).status_code == 200
    new = feed_rotate(user=alice)
    assert _get(client, token).status_code == 404
    assert _get(client, new).status_code == 200


def test_a_switched_off_feed_is_404(client, alice, token):
    CalendarFeed.objects.filter(user=alice).update(enabled=False)
    assert _get(client, token).status_code == 404


@pytest.mark.parametrize("bad", ["nope", "x" * 43, "x" * 500])
def test_a_wrong_token_is_404(client, token, bad):
    assert _get(client, bad).status_code == 404


def test_another_users_token_never_shows_your_actions(client, acme_close, charlie):
    theirs = feed_rotate(user=charlie)
    response = _get(client, theirs)
    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []
    assert b"Acme" not in response.content
    assert b"Dana" not in response.content


def test_titles_only_hides_reasons_names_and_links(client, alice, acme_close, token):
    CalendarFeed.objects.filter(user=alice).update(titles_only=True)
    body = _get(client, token).content
    for event in Calendar.from_ical(body).walk("VEVENT"):
        assert "description" not in event
        assert "url" not in event
    assert b"Dana" not in body
    assert b"DESCRIPTION:Send a thank-you note" in body  # the alarm still says what it is


def test_the_token_never_reaches_the_logs(client, alice, token, caplog):
    caplog.set_level(logging.DEBUG)
    feed_rotate(user=alice)  # the old token is now a 404, which Django logs
    assert _get(client, token).status_code == 404
    assert "Not Found" in caplog.text
    assert token not in caplog.text
    logging.getLogger("django.server").info('"GET /calendar/feed/%s.ics HTTP/1.1" 200 12', token)
    assert token not in caplog.text
    assert "/calendar/feed/[hidden]" in caplog.text
