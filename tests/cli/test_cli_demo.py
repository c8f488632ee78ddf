"""`closer demo`: a sample pipeline that brings Today alive, loaded once."""

from __future__ import annotations

import json

import pytest
from helpers import at

from closer.pipeline.demo import DEMO_COMPANIES, demo_load
from closer.pipeline.models import Action, Opportunity

pytestmark = pytest.mark.django_db


def test_it_loads_the_sample_pipeline_once(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    first = cli("demo")
    assert first.exit_code == 0, first.output
    assert "Loaded a sample pipeline of 6 opportunities" in first.output
    count = Opportunity.objects.filter(owner=alice).count()
    actions = Action.objects.filter(owner=alice).count()
    assert count == len(DEMO_COMPANIES)

    again = cli("demo")
    assert again.exit_code == 0
    assert "already loaded" in again.output
    assert Opportunity.objects.filter(owner=alice).count() == count
    assert Action.objects.filter(owner=alice).count() == actions


def test_it_fills_every_part_of_today(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    cli("demo")
    today = json.loads(cli("today", "--json").stdout)
    assert today["overdue"] and today["today"] and today["upcoming"]


def test_it_covers_every_stage(alice):
    demo_load(owner=alice, now=at("2026-11-30 08:00"))  # a Monday morning
    statuses = sorted(Opportunity.objects.filter(owner=alice).values_list("status", flat=True))
    assert statuses == sorted(
        ["interviewing", "interviewing", "offer", "rejected", "withdrawn", "wishlist"]
    )
    kinds = set(Action.objects.filter(owner=alice).values_list("kind", flat=True))
    assert {"thank_you", "follow_up", "confirm_round", "respond_offer"} <= kinds
    assert {"feedback_thanks", "referral_outreach", "reconnect", "revisit"} <= kinds
    # Nothing that already happened is dated after now.
    assert not Action.objects.filter(completed_at__gt=at("2026-11-30 08:00")).exists()


def test_it_leaves_other_users_alone(alice, charlie):
    demo_load(owner=charlie, now=at("2026-11-25 15:00"))
    assert not Opportunity.objects.filter(owner=alice).exists()
    assert demo_load(owner=alice, now=at("2026-11-25 15:00")) == len(DEMO_COMPANIES)
