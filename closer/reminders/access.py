"""How views reach reminder objects: the signed-in user's own, or by secret token."""

from __future__ import annotations

from django.http import Http404

from closer.reminders.feed import feed_for_token
from closer.reminders.models import CalendarFeed, ReminderPrefs
from closer.reminders.selectors import prefs_for
from closer.web.http import AuthedRequest


def get_feed_for_user(request: AuthedRequest) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=request.user).first()


def get_prefs_for_user(request: AuthedRequest) -> ReminderPrefs:
    return prefs_for(request.user)


def get_feed_for_token(token: str) -> CalendarFeed:
    """The feed this token opens, or 404: a wrong, rotated or switched-off token looks the
    same from outside."""
    feed = feed_for_token(token)
    if feed is None:
        raise Http404("No such calendar.")
    return feed
