"""What every response says about itself: no copies of a person's pages, nothing loaded
from elsewhere, and a busy database is "try again", not an error."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = ["/", "/opportunities/", "/contacts/", "/settings/", "/account/export.json", "/outbox/"]


@pytest.mark.parametrize("page", PAGES)
def test_a_persons_pages_are_never_stored_and_load_only_from_closer(client, alice, page):
    response = client.get(page)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_the_calendar_feed_keeps_its_own_caching(client, alice):
    from closer.reminders.feed import feed_rotate

    response = Client().get(f"/calendar/feed/{feed_rotate(user=alice)}.ics")
    assert response["Cache-Control"] == "private, max-age=300"


def test_a_busy_database_is_try_again_not_an_error(alice, monkeypatch):
    from closer.pipeline import selectors

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(selectors, "actions_today", locked)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "try again in a moment" in response.content.decode()
