"""`closer demo`: a sample pipeline that brings Today alive, loaded once, into a sample space
apart from the person's own data; `closer --sample` looks at it, `closer demo --delete`
takes it away."""

from __future__ import annotations

import json

import pytest
from helpers import acme_close_for, at

from closer.accounts.models import SampleSpace
from closer.accounts.services import sample_user_of
from closer.pipeline.demo import DEMO_COMPANIES, demo_load
from closer.pipeline.models import Action, Company, Opportunity

pytestmark = pytest.mark.django_db


def _said(result) -> str:
    # Rich wraps long lines at the terminal's width.
    return " ".join(result.output.split())


def test_it_loads_the_sample_pipeline_once_into_the_sample_space(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    first = cli("demo")
    assert first.exit_code == 0, first.output
    assert "Loaded a sample pipeline of 6 opportunities" in _said(first)
    sample = sample_user_of(alice)
    assert sample is not None and sample != alice
    count = Opportunity.objects.filter(owner=sample).count()
    actions = Action.objects.filter(owner=sample).count()
    assert count == len(DEMO_COMPANIES)
    assert not Opportunity.objects.filter(owner=alice).exists()

    again = cli("demo")
    assert again.exit_code == 0
    assert "already loaded" in again.output
    assert Opportunity.objects.filter(owner=sample).count() == count
    assert Action.objects.filter(owner=sample).count() == actions
    assert SampleSpace.objects.count() == 1


def test_it_says_how_to_look_and_how_to_delete(cli, alice):
    said = _said(cli("demo"))
    assert "closer --sample today" in said
    assert "CLOSER_SAMPLE=1" in said
    assert "closer demo --delete" in said


def test_it_leaves_the_real_account_as_it_was(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    acme_close_for(alice)
    mine = sorted(Action.objects.filter(owner=alice).values_list("pk", "status", "due_at"))
    cli("demo")
    assert list(Company.objects.filter(owner=alice).values_list("name", flat=True)) == ["Acme"]
    assert sorted(Action.objects.filter(owner=alice).values_list("pk", "status", "due_at")) == mine
    own = json.loads(cli("today", "--json").stdout)
    companies = {a["company"] for group in ("overdue", "today", "upcoming") for a in own[group]}
    assert companies == {"Acme"}


def test_sample_fills_every_part_of_today(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    cli("demo")
    today = json.loads(cli("--sample", "today", "--json").stdout)
    assert today["overdue"] and today["today"] and today["upcoming"]
    companies = {a["company"] for group in ("overdue", "today", "upcoming") for a in today[group]}
    assert companies <= set(DEMO_COMPANIES)
    # The person's own Today stays empty.
    own = json.loads(cli("today", "--json").stdout)
    assert own["overdue"] == own["today"] == own["upcoming"] == []


def test_the_environment_variable_looks_at_the_sample_too(cli, alice, frozen, monkeypatch):
    frozen("2026-11-25T15:00")
    cli("demo")
    monkeypatch.setenv("CLOSER_SAMPLE", "1")
    result = cli("today", "--json")
    assert json.loads(result.stdout)["overdue"]
    assert "Sample data" in result.stderr


def test_looking_at_a_sample_that_is_not_there_is_a_clear_error(cli, alice):
    result = cli("--sample", "today")
    assert result.exit_code == 1
    assert "Error: there is no sample data to look at; load it with `closer demo`." in (
        result.output
    )


def test_delete_removes_the_sample_space_in_one_step(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    acme_close_for(alice)
    cli("demo")
    sample = sample_user_of(alice)
    assert sample is not None

    result = cli("demo", "--delete")
    assert result.exit_code == 0, result.output
    assert "Deleted the sample space" in _said(result)
    assert sample_user_of(alice) is None
    assert not SampleSpace.objects.exists()
    assert not type(alice).objects.filter(pk=sample.pk).exists()
    assert not Opportunity.objects.exclude(owner=alice).exists()
    assert not Action.objects.exclude(owner=alice).exists()
    assert Opportunity.objects.filter(owner=alice).count() == 1

    again = cli("demo", "--delete")
    assert again.exit_code == 0
    assert "no sample space to delete" in _said(again)


def test_it_covers_every_stage(alice):
    sample = demo_load(owner=alice, now=at("2026-11-30 08:00")).sample  # a Monday morning
    statuses = sorted(Opportunity.objects.filter(owner=sample).values_list("status", flat=True))
    assert statuses == sorted(
        ["interviewing", "interviewing", "offer", "rejected", "withdrawn", "wishlist"]
    )
    kinds = set(Action.objects.filter(owner=sample).values_list("kind", flat=True))
    assert {"thank_you", "follow_up", "confirm_round", "respond_offer"} <= kinds
    assert {"feedback_thanks", "referral_outreach", "reconnect", "revisit"} <= kinds
    # Nothing that already happened is dated after now.
    assert not Action.objects.filter(completed_at__gt=at("2026-11-30 08:00")).exists()


def test_each_person_has_a_sample_space_of_their_own(alice, charlie):
    theirs = demo_load(owner=charlie, now=at("2026-11-25 15:00"))
    assert not Opportunity.objects.filter(owner=alice).exists()
    assert not Opportunity.objects.filter(owner=charlie).exists()
    mine = demo_load(owner=alice, now=at("2026-11-25 15:00"))
    assert mine.created == len(DEMO_COMPANIES)
    assert mine.sample != theirs.sample
    assert Opportunity.objects.filter(owner=theirs.sample).count() == len(DEMO_COMPANIES)


def test_the_sample_account_is_never_exported_with_the_real_one(cli, alice):
    cli("demo")
    exported = json.loads(cli("export").stdout)
    assert "accounts.samplespace" not in exported["tables"]
    assert exported["tables"]["pipeline.opportunity"] == []
    names = json.dumps(exported)
    assert not any(company in names for company in DEMO_COMPANIES)
