"""Long lists stay readable: Today and the board draw the first rows of each group or column,
say how many more there are, and show them all on request (with or without JavaScript)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from helpers import at

from closer.pipeline.models import Action, Interview, Opportunity
from closer.pipeline.services import interview_create, opportunity_create
from closer.pipeline.views.pages import BOARD_ITEMS, TODAY_ROWS


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T09:00")


def _upcoming(owner, count: int) -> None:
    """`count` follow-ups due over the coming days, each at its own company."""
    for n in range(count):
        opportunity = opportunity_create(owner=owner, company_name=f"Co {n:02d}", role="Analyst")
        interview = interview_create(opportunity=opportunity, starts_at=at("2026-11-24 10:00"))
        Action.objects.create(
            owner=owner,
            interview=interview,
            opportunity=interview.opportunity,
            kind="follow_up",
            due_at=at("2026-11-27 10:00") + timedelta(minutes=n),
            reason="They said they would decide by Friday.",
        )


def _rows(html: str, group: str) -> int:
    section = re.search(rf'<section[^>]*id="section-{group}".*?</section>', html, re.S)
    assert section, f"no {group} section"
    return section.group(0).count('<li class="action')


def test_today_draws_the_first_rows_of_a_long_group_and_offers_the_rest(client, alice, frozen):
    _upcoming(alice, TODAY_ROWS + 5)
    html = client.get("/").content.decode()
    assert _rows(html, "upcoming") == TODAY_ROWS
    assert f"Show all {TODAY_ROWS + 5}</a> (5 more)" in html
    assert f"({TODAY_ROWS + 5})" in html  # the heading counts every action, drawn or not
    # The soonest come first; the latest ones wait behind "Show all".
    assert "Co 00" in html and f"Co {TODAY_ROWS + 4:02d}" not in html

    everything = client.get("/?show=upcoming").content.decode()
    assert _rows(everything, "upcoming") == TODAY_ROWS + 5
    assert "Show all" not in everything


def test_today_with_a_short_group_has_no_show_all_link(client, alice, frozen):
    _upcoming(alice, 3)
    html = client.get("/").content.decode()
    assert _rows(html, "upcoming") == 3
    assert "Show all" not in html


def test_the_board_draws_the_newest_cards_of_a_long_column(client, alice, frozen):
    _upcoming(alice, BOARD_ITEMS + 3)
    Opportunity.objects.filter(owner=alice).update(status=Opportunity.Status.APPLIED)
    html = client.get("/opportunities/").content.decode()
    column = re.search(r'id="section-applied".*?</section>', html, re.S).group(0)
    assert column.count('class="board-item"') == BOARD_ITEMS
    assert f'Applied <span class="count">({BOARD_ITEMS + 3})</span>' in column
    assert "(3 more)" in column
    # Newest first: the last one added is drawn, the first three wait.
    assert f"Co {BOARD_ITEMS + 2:02d}" in column and "Co 00" not in column

    everything = client.get("/opportunities/?show=applied").content.decode()
    column = re.search(r'id="section-applied".*?</section>', everything, re.S).group(0)
    assert column.count('class="board-item"') == BOARD_ITEMS + 3


def test_each_card_on_the_board_shows_its_own_next_action(client, alice, frozen):
    _upcoming(alice, 2)
    html = client.get("/opportunities/").content.decode()
    for n in range(2):
        card = re.search(
            rf'<li class="board-item"[^>]*>\s*<h3><a[^>]*>Co {n:02d}</a>.*?</li>', html, re.S
        )
        assert card and "Follow up" in card.group(0) and f"10:{n:02d}" in card.group(0)


def test_logging_a_close_costs_as_many_queries_with_ten_times_the_data(client, alice, frozen):
    def post_close() -> int:
        interview = Interview.objects.filter(owner=alice).order_by("pk").first()
        form = {"asked_for_job": "on", "answer": "pending", "expected_words": "next week"}
        with CaptureQueriesContext(connection) as queries:
            response = client.post(f"/interviews/{interview.pk}/close/", form)
        assert response.status_code == 302
        return len(queries)

    _upcoming(alice, 3)
    post_close()  # the first close plans new actions; from then on it re-plans the same
    small = post_close()
    _upcoming(alice, 30)
    assert post_close() == small


@pytest.mark.parametrize(
    "name", ["pipeline:action_done", "pipeline:opportunity_move", "outbox:note"]
)
@pytest.mark.parametrize("pk", [1, 42, 987654321, 10**12])
def test_the_quick_links_are_the_ones_django_makes(name, pk):
    from django.urls import reverse

    from closer.web.links import url_with_pk

    assert url_with_pk(name, pk) == reverse(name, args=[pk])
