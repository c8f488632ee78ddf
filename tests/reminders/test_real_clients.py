"""The feed and the reminder emails as other people's software and other time zones see them:
every event starts at the same instant in icalendar, vobject and Mozilla's ical.js (what
Thunderbird uses), on both sides of each daylight-saving change, for people in New York,
London and Tokyo; digests speak the person's own day and hours; a calendar that asks again
for an unchanged feed downloads nothing."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.test import Client
from helpers import make_user
from icalendar import Calendar

from closer.core.calendar import local_datetime
from closer.pipeline.models import Action
from closer.pipeline.services import interview_create, opportunity_create
from closer.reminders.feed import build_calendar, feed_rotate
from closer.worker import worker

JS = Path(__file__).resolve().parents[1] / "js"
ZONES = ["America/New_York", "Europe/London", "Asia/Tokyo"]
# 2026: the US changes on 8 Mar and 1 Nov, the UK on 29 Mar and 25 Oct; Japan never does.
DAYS = [date(2026, d[0], d[1]) for d in [(3, 6), (3, 9), (3, 27), (3, 30), (7, 15), (10, 23),
                                         (10, 26), (10, 30), (11, 2), (12, 20)]]  # fmt: skip


def _person_with_actions(zone: str):
    user = make_user(f"someone in {zone}", tz=zone)
    opportunity = opportunity_create(owner=user, company_name="Acme", role="AE")
    interview = interview_create(
        opportunity=opportunity, starts_at=datetime(2026, 3, 1, tzinfo=UTC)
    )
    for n, day in enumerate(DAYS):
        Action.objects.create(
            owner=user,
            interview=interview,
            opportunity=interview.opportunity,
            kind="follow_up",
            step=n + 1,
            due_at=local_datetime(day, time(10, 0), ZoneInfo(zone)),
            reason="Ask how things stand.",
        )
    return user


def _icalendar(body: bytes) -> dict[str, datetime]:
    calendar = Calendar.from_ical(body)
    return {str(e["uid"]): e.decoded("dtstart").astimezone(UTC) for e in calendar.walk("VEVENT")}


def _vobject(body: bytes) -> dict[str, datetime]:
    calendar = vobject.readOne(body.decode("utf-8"))
    return {e.uid.value: e.dtstart.value.astimezone(UTC) for e in calendar.vevent_list}


def _ical_js(body: bytes) -> dict[str, datetime]:
    done = subprocess.run(
        ["node", str(JS / "starts.mjs")], input=body, capture_output=True, check=True, cwd=JS
    )
    return {
        e["uid"]: datetime.fromtimestamp(e["start"] / 1000, tz=UTC) for e in json.loads(done.stdout)
    }


@pytest.mark.parametrize("zone", ZONES)
def test_every_reader_sees_every_event_at_its_instant(db, zone):
    user = _person_with_actions(zone)
    body = build_calendar(user, now=datetime(2026, 3, 1, tzinfo=UTC))
    due = {f"closer-action-{a.pk}@closer": a.due_at for a in Action.objects.filter(owner=user)}
    assert len(due) == len(DAYS)
    for reader in (_icalendar, _vobject, _ical_js):
        assert reader(body) == due, reader.__name__
    # And at 10:00 on the person's own clock, summer and winter alike.
    local = {moment.astimezone(ZoneInfo(zone)).time() for moment in _ical_js(body).values()}
    assert local == {time(10, 0)}


@pytest.mark.parametrize(
    ("zone", "morning", "weekday"),
    [
        ("America/New_York", datetime(2026, 7, 15, 12, 30, tzinfo=UTC), "Wed"),
        ("Europe/London", datetime(2026, 10, 26, 8, 30, tzinfo=UTC), "Mon"),
        # Thursday morning in Tokyo is still Wednesday in UTC.
        ("Asia/Tokyo", datetime(2026, 7, 15, 23, 30, tzinfo=UTC), "Thu"),
    ],
)
def test_a_digest_speaks_the_persons_own_day_and_hours(db, smtp, zone, morning, weekday):
    user = make_user(f"reader in {zone}", tz=zone)
    user.email = "reader@example.org"
    user.save()
    opportunity = opportunity_create(owner=user, company_name="Acme", role="AE")
    interview = interview_create(opportunity=opportunity, starts_at=morning - timedelta(days=2))
    local = morning.astimezone(ZoneInfo(zone))
    Action.objects.create(
        owner=user,
        interview=interview,
        opportunity=interview.opportunity,
        kind="thank_you",
        due_at=local_datetime(local.date(), time(21, 0), ZoneInfo(zone)),
        reason="Thank them tonight.",
    )
    done = worker(lambda: morning).run_once().deliveries["reminder"]
    assert [d.outcome for d in done] == ["sent"]
    (message,) = smtp.messages
    assert f"today, {weekday} {local.day} " in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "by 21:00" in body
    assert "by 21:00" in message.get_body(("html",)).get_content()


def test_an_unchanged_feed_is_not_downloaded_again(client: Client, alice, acme_close):
    token = feed_rotate(user=alice)
    url = f"/calendar/feed/{token}.ics"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get(url)
    assert again.content == first.content  # DTSTAMP does not move with the clock
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    from closer.pipeline.services import action_complete

    action_complete(action=Action.objects.get(kind="thank_you"), now=datetime.now(UTC))
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
