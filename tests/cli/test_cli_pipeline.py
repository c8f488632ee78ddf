"""`closer today`, `plan`, `card` and `answer` against the test database."""

from __future__ import annotations

import json

import pytest
from helpers import at

from closer.pipeline.models import Action
from closer.pipeline.services import opportunity_create

pytestmark = pytest.mark.django_db

ACTION_KEYS = {
    "id",
    "kind",
    "due",
    "opportunity",
    "company",
    "contact",
    "reason",
    "status",
    "overdue",
}


def test_it_lists_today_as_json_in_the_documented_shape(cli, acme_close, frozen):
    frozen("2026-11-25T15:30")
    result = cli("today", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"now", "overdue", "today", "upcoming"}
    assert data["now"] == "2026-11-25T15:30:00-05:00"
    assert data["overdue"] == [] and data["upcoming"] == []
    (thank_you,) = data["today"]
    assert set(thank_you) == ACTION_KEYS
    assert thank_you["kind"] == "thank_you"
    assert thank_you["contact"] == "Dana Lee"
    assert thank_you["due"] == "2026-11-25T21:00:00-05:00"
    assert thank_you["company"] == "Acme"
    assert thank_you["opportunity"] == acme_close.interview.opportunity_id
    assert (thank_you["status"], thank_you["overdue"]) == ("open", False)


def test_it_marks_overdue_actions(cli, acme_close, frozen):
    frozen("2026-11-26T09:00")
    data = json.loads(cli("today", "--json").stdout)
    assert [a["kind"] for a in data["overdue"]] == ["thank_you"]
    assert data["overdue"][0]["overdue"] is True


def test_it_says_what_to_do_when_nothing_is_due(cli, alice):
    result = cli("today")
    assert result.exit_code == 0
    assert "closer log" in result.output


def test_it_shows_today_as_tables(cli, acme_close, frozen):
    frozen("2026-11-25T15:30")
    result = cli("today")
    assert result.exit_code == 0
    assert "Today, Wed 25 Nov" in result.output
    assert "Dana Lee" in result.output


def test_it_shows_the_plan_of_an_opportunity_by_company_or_id(cli, acme_close, frozen):
    frozen("2026-11-25T15:30")
    by_name = json.loads(cli("plan", "acme", "--json").stdout)
    opportunity_id = str(acme_close.interview.opportunity_id)
    assert json.loads(cli("plan", opportunity_id, "--json").stdout) == by_name
    follow_up = next(a for a in by_name if a["kind"] == "follow_up")
    assert set(follow_up) == ACTION_KEYS
    assert follow_up["due"] == "2026-12-11T10:00:00-05:00"
    assert "10 Dec" in follow_up["reason"]
    assert "Account Executive at Acme" in cli("plan", "Acme").output


def test_it_lists_the_matches_when_a_company_is_ambiguous(cli, alice):
    first = opportunity_create(owner=alice, company_name="Acme", role="Account Executive")
    second = opportunity_create(owner=alice, company_name="Acme", role="Sales Engineer")
    result = cli("plan", "Acme")
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'Acme' matches 2 opportunities")
    assert f"{first.pk}: Account Executive at Acme" in result.output
    assert f"{second.pk}: Sales Engineer at Acme" in result.output


@pytest.mark.parametrize("command", ["plan", "card", "answer"])
def test_it_rejects_an_unknown_opportunity(cli, alice, command):
    args = [command, "Globex"] + (["--kind", "offer"] if command == "answer" else [])
    result = cli(*args)
    assert result.exit_code == 1
    assert result.output.strip() == "Error: No opportunity matches 'Globex'."


def test_it_never_shows_another_users_opportunity(cli, alice, charlie):
    theirs = opportunity_create(owner=charlie, company_name="Initech", role="Recruiter")
    assert cli("plan", "Initech").exit_code == 1
    assert cli("plan", str(theirs.pk)).exit_code == 1


def test_it_prints_the_card_as_json_with_the_ask_first_for_a_sales_role(cli, acme_close):
    result = cli("card", "Acme", "--json")
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    assert card["sales_role"] is True
    assert card["sections"][0]["key"] == "ask"
    assert card["interviewers"] == ["Dana Lee"]


def test_it_leads_with_the_next_steps_for_a_senior_role(cli, alice):
    opportunity_create(owner=alice, company_name="Globex", role="Principal Engineer")
    card = json.loads(cli("card", "Globex", "--json").stdout)
    assert card["senior"] is True and card["sales_role"] is False
    assert card["sections"][0]["key"] == "next_steps"


def test_it_prints_a_readable_card(cli, acme_close):
    result = cli("card", "Acme")
    assert result.exit_code == 0
    assert "Close card: Account Executive at Acme" in result.output
    assert "1. Ask for the job" in result.output


def test_it_records_a_rejection_and_replans(cli, acme_close, frozen):
    frozen("2026-11-26T09:30")
    result = cli("answer", "Acme", "--kind", "rejected", "--feedback", "More enterprise deals")
    assert result.exit_code == 0, result.output
    assert "Recorded the rejection from Acme." in result.output
    assert "Cancelled 1 planned action that no longer applies." in result.output
    follow_up = Action.objects.get(kind="follow_up")
    assert follow_up.status == Action.Status.CANCELLED
    feedback = Action.objects.get(kind="feedback_thanks")
    assert feedback.status == Action.Status.OPEN
    assert feedback.due_at == at("2026-11-27 10:00")
    acme_close.interview.opportunity.refresh_from_db()
    assert acme_close.interview.opportunity.status == "rejected"


def test_it_prints_the_open_actions_after_an_answer_as_json(cli, acme_close, frozen):
    frozen("2026-11-26T09:30")
    result = cli("answer", "Acme", "--kind", "offer", "--deadline", "2026-12-04", "--json")
    assert result.exit_code == 0, result.output
    actions = json.loads(result.stdout)
    assert {a["status"] for a in actions} == {"open"}
    respond = next(a for a in actions if a["kind"] == "respond_offer")
    assert respond["due"] == "2026-12-04T10:00:00-05:00"
    assert "follow_up" not in {a["kind"] for a in actions}


def test_it_records_a_next_round_with_its_date(cli, acme_close, frozen):
    frozen("2026-11-26T09:30")
    result = cli(
        "answer", "Acme", "--kind", "next_round", "--next-round-at", "2026-12-02 11:00", "--json"
    )
    assert result.exit_code == 0, result.output
    kinds = {a["kind"] for a in json.loads(result.stdout)}
    assert {"confirm_round", "prepare_round"} <= kinds


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "rejected", "--deadline", "2026-12-04"], "--deadline only applies"),
        (["--kind", "offer", "--deadline", "2026-11-01"], "--deadline Sun 1 Nov is before"),
        (["--kind", "offer", "--next-round-at", "2026-12-02 11:00"], "--next-round-at only"),
        (["--kind", "offer", "--at", "2026-11-27 09:00"], "in the future"),
        (["--kind", "offer", "--at", "2026-11-24 09:00"], "before the interview"),
        (["--kind", "offer", "--deadline", "4 Dec"], "--deadline needs a date"),
    ],
)
def test_it_refuses_an_answer_that_cannot_be_right(cli, acme_close, frozen, args, message):
    frozen("2026-11-26T09:30")
    result = cli("answer", "Acme", *args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert not acme_close.interview.opportunity.answers.exists()


def test_it_prints_names_as_typed_never_as_markup(cli, alice):
    opportunity_create(owner=alice, company_name="Acme [EU]", role="Account Executive")
    result = cli("plan", "Acme [EU]")
    assert result.exit_code == 0
    assert "Account Executive at Acme [EU]" in result.output
