"""Today with nothing due: the first-run page only for someone with no opportunity at all;
otherwise "Nothing is due today" and the next planned action, however far ahead."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from helpers import acme_close_for, at

from closer.pipeline.models import Action
from closer.pipeline.selectors import action_next
from closer.pipeline.services import action_complete, opportunity_create

# What a full Today page runs (tests/pipeline/test_query_counts.py).
FULL_TODAY = 4
FIRST_RUN = "Nothing to do right now"


@pytest.fixture
def later(monkeypatch):
    """Tue 1 Dec 2026, 09:00 in New York: the Acme thank-you is done and its follow-up (Fri 11
    Dec, 10:00) more than a week ahead, so nothing is due this week."""
    monkeypatch.setenv("CLOSER_NOW", "2026-12-01T09:00")


def _acme_waiting(owner):
    close = acme_close_for(owner)
    thank_you = close.interview.actions.get(kind="thank_you")
    action_complete(action=thank_you, now=at("2026-11-25 18:00"))
    return close


def _today(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_run_page_is_for_someone_with_no_opportunity(client, alice):
    text = _today(client)
    assert FIRST_RUN in text
    assert "Add your next interview" in text
    assert "Look around with sample data" in text
    assert "Nothing is due today" not in text


def test_nothing_due_this_week_names_the_next_planned_action(client, alice, later):
    close = _acme_waiting(alice)
    text = _today(client)
    assert FIRST_RUN not in text
    assert "Look around with sample data" not in text
    assert "Nothing is due today" in text
    assert "Next: <a href=" in text
    assert "Follow up, Dana Lee at Acme</a>" in text
    assert "Fri 11 Dec, 10:00" in text
    assert f'href="/opportunities/{close.interview.opportunity_id}/"' in text


def test_the_next_action_is_the_soonest_open_one(alice, later):
    close = _acme_waiting(alice)
    follow_up = close.interview.actions.get(kind="follow_up")
    assert action_next(alice) == follow_up
    action_complete(action=follow_up, now=at("2026-12-01 09:00"))
    after = action_next(alice)
    assert after != follow_up
    assert after is None or after.status == Action.Status.OPEN


def test_the_next_action_is_never_someone_elses(alice, charlie, later):
    _acme_waiting(charlie)
    assert action_next(alice) is None


def test_opportunities_with_nothing_planned_are_not_a_first_run(client, alice):
    opportunity_create(owner=alice, company_name="Initech", role="Analyst")
    text = _today(client)
    assert FIRST_RUN not in text
    assert "Nothing is due today" in text
    assert "Nothing is planned either" in text


def test_something_due_this_week_shows_the_lists_as_before(client, alice, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    acme_close_for(alice)
    text = _today(client)
    assert "Due today" in text
    assert "Nothing is due today" not in text
    assert FIRST_RUN not in text


def test_the_page_with_nothing_due_keeps_to_the_budget(client, alice, later):
    _acme_waiting(alice)
    with CaptureQueriesContext(connection) as queries:
        _today(client)
    assert len(queries) <= FULL_TODAY


def test_the_page_with_nothing_planned_costs_one_query_more_at_most(client, alice):
    opportunity_create(owner=alice, company_name="Initech", role="Analyst")
    with CaptureQueriesContext(connection) as queries:
        _today(client)
    assert len(queries) <= FULL_TODAY + 1
