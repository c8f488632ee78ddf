"""Pages stay fast for heavy users: each page runs the same number of SQL queries with ten
times the data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from helpers import at

from closer.core.records import CloseAnswer
from closer.pipeline.models import Action
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    ReferralInput,
    action_complete,
    answer_record,
    close_log_new,
)

# Including the session, the user and their settings; at or under the 10 every page must
# keep to. No page drafts a note: each row loads its note links just after the page.
MOST = {"/": 4, "/opportunities/": 5, "/contacts/": 10, "/changes/": 4}


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")


def _grow(owner, count: int, start: int) -> None:
    """`count` opportunities, each with an interview, a close, referrals and actions."""
    answers = [CloseAnswer.PENDING, CloseAnswer.REJECTED, CloseAnswer.NOT_A_FIT]
    for n in range(start, start + count):
        close = close_log_new(
            owner=owner,
            company_name=f"Company {n}",
            role="Account Executive",
            starts_at=at("2026-11-25 09:00") + timedelta(minutes=n),
            interviewers=[PersonInput(f"Person {n}", f"p{n}@example.org")],
            data=CloseInput(
                asked_for_job=True,
                answer=answers[n % 3],
                referrals=(ReferralInput(PersonInput(f"Lead {n}", f"lead{n}@example.org")),)
                if answers[n % 3] is CloseAnswer.NOT_A_FIT
                else (),
            ),
            now=at("2026-11-25 10:00"),
        )
        if n % 2:
            # Some thank-yous done, some still due tonight, so every group of Today has rows.
            first = close.interview.actions.order_by("due_at").first()
            # Each Done is also a change on the list of recent changes.
            action_complete(action=first, now=at("2026-11-25 11:00"))


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _opportunity_url(owner) -> str:
    action = Action.objects.filter(owner=owner).order_by("pk").first()
    return f"/opportunities/{action.interview.opportunity_id}/"


@pytest.mark.parametrize("url", sorted(MOST))
def test_a_page_runs_as_many_queries_with_ten_times_the_data(client, alice, frozen, url):
    _grow(alice, 5, 0)
    small = _count(client, url)
    _grow(alice, 45, 5)
    assert _count(client, url) == small
    assert small <= MOST[url], f"{url} runs {small} queries"


def test_the_opportunity_page_runs_as_many_queries_with_ten_times_the_history(
    client, alice, frozen
):
    """One opportunity with a long history: interviews, closes, answers, actions."""
    from closer.pipeline.models import Opportunity

    def rounds(count: int, start: int) -> None:
        for n in range(start, start + count):
            close = close_log_new(
                owner=alice,
                company_name="Acme",
                role="Account Executive",
                starts_at=at("2026-11-02 09:00") + timedelta(hours=n),
                interviewers=[PersonInput(f"Person {n}", f"p{n}@example.org")],
                data=CloseInput(asked_for_job=True, answer=CloseAnswer.NEXT_ROUND),
                now=at("2026-11-25 10:00"),
            )
            answer_record(
                opportunity=close.interview.opportunity,
                kind="next_round",
                received_at=at("2026-11-25 10:00") + timedelta(minutes=n),
            )

    rounds(3, 0)
    url = f"/opportunities/{Opportunity.objects.get().pk}/"
    small = _count(client, url)
    rounds(27, 3)
    assert _count(client, url) == small
    assert small <= 10, f"the opportunity page runs {small} queries"
