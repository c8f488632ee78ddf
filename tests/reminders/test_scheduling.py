"""One scheduling pass reads every user at once: the same few queries for three users or six,
each user's own zone and hour, and the rows a user is missing made on the way."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from helpers import at, make_user

from closer.accounts.models import UserSettings
from closer.pipeline.models import Action
from closer.pipeline.services import interview_create, opportunity_create
from closer.reminders.models import Reminder, ReminderPrefs
from closer.reminders.sending import reminders_schedule

AFTERNOON = at("2026-11-25 16:30")  # past the digest hour and the nudge time in New York


def _seeker(name: str, tz: str = "America/New_York", thank_you_due: str | None = None):
    user = make_user(name, tz)
    user.email = f"{name}@example.org"
    user.save()
    if thank_you_due:
        opportunity = opportunity_create(owner=user, company_name=f"Co {name}", role="Analyst")
        interview = interview_create(opportunity=opportunity, starts_at=at("2026-11-25 10:00"))
        Action.objects.create(
            owner=user,
            interview=interview,
            opportunity=interview.opportunity,
            kind="thank_you",
            due_at=at(thank_you_due),
            reason="Thank them today.",
        )
    return user


def _queries_for_a_pass() -> int:
    with CaptureQueriesContext(connection) as captured:
        reminders_schedule(now=AFTERNOON)
    return len(captured)


def test_a_pass_costs_the_same_queries_for_three_users_or_six(db, smtp):
    for n in range(3):
        _seeker(f"first{n}", thank_you_due="2026-11-25 21:00")
    few = _queries_for_a_pass()
    Reminder.objects.all().delete()
    for n in range(3):
        _seeker(f"second{n}", thank_you_due="2026-11-25 21:00")
    assert _queries_for_a_pass() == few
    assert Reminder.objects.filter(kind="digest").count() == 6
    assert Reminder.objects.filter(kind="nudge").count() == 6
    # A later pass finds everything made already and inserts nothing.
    assert reminders_schedule(now=AFTERNOON) == 0


def test_each_user_is_reminded_on_their_own_day_and_hour(db, smtp):
    # 16:30 in New York is 21:30 in London and already 06:30 tomorrow in Tokyo.
    _seeker("london", "Europe/London", thank_you_due="2026-11-25 17:00")
    _seeker("tokyo", "Asia/Tokyo", thank_you_due="2026-11-25 17:00")
    # Due within New York's day, but 01:30 tomorrow in London: nothing to nudge about today.
    _seeker("late", "Europe/London", thank_you_due="2026-11-25 20:30")
    assert reminders_schedule(now=AFTERNOON) == 3
    assert set(Reminder.objects.values_list("user__username", "kind", "day")) == {
        ("london", "digest", AFTERNOON.date()),
        ("london", "nudge", AFTERNOON.date()),
        ("late", "digest", AFTERNOON.date()),
    }


def test_a_user_missing_their_settings_and_choices_gets_them(db, smtp):
    user = get_user_model().objects.create_user(username="bare", email="bare@example.org")
    UserSettings.objects.filter(user=user).delete()
    assert reminders_schedule(now=AFTERNOON) == 1
    assert UserSettings.objects.filter(user=user).exists()
    assert ReminderPrefs.objects.filter(user=user).exists()
