"""The calendar of a person's open actions, as RFC 5545 text, and the secret feed URL.

The feed token is 256 random bits. Only its SHA-256 is stored; a request's token is hashed
and the hashes compared with hmac.compare_digest, so neither the database nor response timing
gives a token away.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from icalendar import Alarm, Calendar, Event

from closer.accounts.services import settings_for
from closer.core.labels import ACTION_LABELS
from closer.core.records import ActionKind
from closer.pipeline.models import Action
from closer.pipeline.selectors import actions_open
from closer.reminders.links import absolute
from closer.reminders.models import CalendarFeed

EVENT_LENGTH = timedelta(minutes=15)
ALARM_BEFORE = timedelta(minutes=15)
PRODID = "-//Closer//Closer plan//EN"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def feed_url(token: str) -> str:
    return absolute(reverse("reminders:feed", args=[token]))


@transaction.atomic
def feed_rotate(*, user: User) -> str:
    """A new secret token for the user's feed (creating the feed if needed); the old URL stops
    working at once. Returns the token: this is the only time it exists in clear."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": token_hash(token), "enabled": True}
    )
    return token


def feed_options_save(*, feed: CalendarFeed, enabled: bool, titles_only: bool) -> CalendarFeed:
    feed.enabled, feed.titles_only = enabled, titles_only
    feed.save(update_fields=["enabled", "titles_only", "rotated_at"])
    return feed


def feed_for_token(token: str) -> CalendarFeed | None:
    """The switched-on feed this token opens, else None."""
    if not token or len(token) > 200:
        return None
    wanted = token_hash(token)
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=wanted).first()
    if feed is None or not hmac.compare_digest(feed.token_hash, wanted):
        return None
    return feed if feed.enabled and feed.user.is_active else None


def action_uid(action: Action) -> str:
    # The action row is kept across re-plans (only its due time and reason change), so its id
    # makes a UID that lets calendar apps replace the event instead of adding another.
    return f"closer-action-{action.pk}@closer"


def build_calendar(user: User, *, now: datetime, titles_only: bool = False) -> bytes:
    """Every open action of `user` as a timed event at its due time, with an alarm.

    Times are written in UTC. A time zone definition in the file would have to be read the
    same way by every calendar app, and some (Thunderbird's ical.js, vobject) misread the
    list of dates that icalendar writes for one, putting summer times an hour off; a UTC
    time means one instant everywhere, and each app shows it in its own zone. The file
    changes only when the plan does (DTSTAMP is the action's last change, not the time it
    was asked for), so a calendar that asks again is told "not modified"."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Closer")
    # Where the person is, for apps that show the calendar in its own zone.
    cal.add("x-wr-timezone", settings_for(user).zone.key)
    # A hint for apps that honour it: look again every hour.
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for action in actions_open(user):
        cal.add_component(_event(action, now=now, titles_only=titles_only))
    text: bytes = cal.to_ical()  # icalendar leaves to_ical unannotated
    return text


def _event(action: Action, *, now: datetime, titles_only: bool) -> Event:
    opportunity = action.opportunity
    label = ACTION_LABELS[ActionKind(action.kind)]
    title = f"{label} – {opportunity.company.name}"
    if action.contact and not titles_only:
        title = f"{label}: {action.contact.name} ({opportunity.company.name})"
    event = Event()
    event.add("uid", action_uid(action))
    event.add("dtstamp", action.updated_at.astimezone(UTC))
    event.add("last-modified", action.updated_at.astimezone(UTC))
    event.add("summary", title)
    start = action.due_at.astimezone(UTC)
    event.add("dtstart", start)
    event.add("dtend", start + EVENT_LENGTH)
    event.add("transp", "TRANSPARENT")
    if not titles_only:
        link = absolute(reverse("pipeline:opportunity_detail", args=[opportunity.pk]))
        overdue = " (overdue)" if action.due_at < now else ""
        event.add(
            "description",
            f"{action.reason}{overdue}\n\n{opportunity.role} at {opportunity.company.name}."
            f"\nOpen in Closer: {link}",
        )
        event.add("url", link)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event


def feed_changed_at(user: User, feed: CalendarFeed, now: datetime) -> datetime:
    """When the feed last changed, for Last-Modified: an action changed, done or cancelled
    (it leaves the feed), an action became overdue (its description says so), or the feed's
    options changed."""
    changed = Action.objects.filter(owner=user).aggregate(last=Max("updated_at"))["last"]
    overdue = actions_open(user).filter(due_at__lte=now).aggregate(last=Max("due_at"))["last"]
    return max(d for d in (changed, overdue, feed.rotated_at) if d is not None)
