"""Selectors: Today's buckets, finding an opportunity by what the user typed, owner scoping."""

from __future__ import annotations

import pytest
from helpers import at

from closer.pipeline.selectors import (
    OpportunityNotFound,
    actions_today,
    opportunity_find,
)
from closer.pipeline.services import opportunity_create

pytestmark = pytest.mark.django_db


def test_it_sorts_today_into_overdue_today_and_upcoming(acme_close, alice):
    evening = actions_today(alice, at("2026-11-25 15:30"))
    assert [a.kind for a in evening.today] == ["thank_you"]
    assert evening.overdue == []
    # The follow-up on 11 Dec is beyond the 7-day horizon.
    assert evening.upcoming == []

    next_morning = actions_today(alice, at("2026-11-26 08:00"))
    assert [a.kind for a in next_morning.overdue] == ["thank_you"]

    week_before = actions_today(alice, at("2026-12-04 09:00"))
    assert [a.kind for a in week_before.upcoming] == ["follow_up"]


def test_it_never_shows_a_strangers_actions(acme_close, charlie):
    assert actions_today(charlie, at("2026-11-25 15:30")).empty


def test_it_finds_an_opportunity_by_id_or_company(acme_close, alice):
    opportunity = acme_close.interview.opportunity
    assert opportunity_find(alice, str(opportunity.pk)) == opportunity
    assert opportunity_find(alice, "ACME") == opportunity
    assert opportunity_find(alice, "acm") == opportunity


def test_it_lists_the_matches_of_an_ambiguous_name(acme_close, alice):
    other = opportunity_create(owner=alice, company_name="Acme", role="Sales Engineer")
    with pytest.raises(OpportunityNotFound) as error:
        opportunity_find(alice, "Acme")
    assert f"{other.pk}: Sales Engineer at Acme" in str(error.value)


def test_it_does_not_find_a_strangers_opportunity(acme_close, charlie):
    with pytest.raises(OpportunityNotFound):
        opportunity_find(charlie, str(acme_close.interview.opportunity.pk))
