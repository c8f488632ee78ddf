"""`closer done`, `skip`, `snooze`, `undo` and `changes` against the test database."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import acme_close_for, at

from closer.pipeline.models import Action, Change
from closer.pipeline.services import (
    OpportunityDetails,
    OpportunityEdit,
    action_complete,
    opportunity_update,
)

pytestmark = pytest.mark.django_db

NOW = "2026-11-25T15:30"


@pytest.fixture
def thank_you(acme_close, frozen) -> Action:
    frozen(NOW)
    return Action.objects.get(interview=acme_close.interview, kind="thank_you")


@pytest.fixture
def follow_up(thank_you) -> Action:
    return Action.objects.get(interview=thank_you.interview, kind="follow_up")


def _latest_change(owner) -> Change:
    return Change.objects.filter(owner=owner).first()


def test_it_ticks_an_action_off_and_says_how_to_undo_it(cli, alice, thank_you):
    result = cli("done", str(thank_you.pk))
    assert result.exit_code == 0, result.output
    thank_you.refresh_from_db()
    assert thank_you.status == "done"
    assert thank_you.contact.last_contact == date(2026, 11, 25)
    change = _latest_change(alice)
    assert result.output == (
        f"Done: Send a thank-you note, Dana Lee, Acme.\nUndo with `closer undo {change.pk}`.\n"
    )


def test_it_prints_the_action_and_the_change_as_json(cli, alice, thank_you):
    result = cli("done", str(thank_you.pk), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"action", "change"}
    assert (data["action"]["id"], data["action"]["status"]) == (thank_you.pk, "done")
    change = data["change"]
    assert change["id"] == _latest_change(alice).pk
    assert set(change) == {
        "id",
        "kind",
        "summary",
        "detail",
        "opportunity",
        "at",
        "undoable",
        "undone_at",
    }
    assert (change["kind"], change["undoable"], change["undone_at"]) == ("action", True, None)
    assert change["at"] == "2026-11-25T15:30:00-05:00"


def test_undo_puts_a_done_action_back_as_it_was(cli, alice, thank_you):
    cli("done", str(thank_you.pk))
    change = _latest_change(alice)
    result = cli("undo", str(change.pk))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Undid change {change.pk} (Done: Send a thank-you note, Dana Lee, Acme).\n"
        f"Action {thank_you.pk} is open again, due Wed 25 Nov 21:00.\n"
    )
    thank_you.refresh_from_db()
    assert (thank_you.status, thank_you.completed_at) == ("open", None)
    assert thank_you.contact.last_contact is None
    change.refresh_from_db()
    assert change.undone_at is not None


def test_it_skips_an_action_and_undo_without_an_id_reopens_it(cli, alice, follow_up):
    result = cli("skip", str(follow_up.pk))
    assert result.exit_code == 0, result.output
    assert "Skipped: Follow up, Dana Lee, Acme." in result.output
    follow_up.refresh_from_db()
    assert follow_up.status == "skipped"

    undone = cli("undo", "--json")
    assert undone.exit_code == 0, undone.output
    data = json.loads(undone.stdout)
    assert data["change"]["summary"] == "Skipped: Follow up, Dana Lee, Acme"
    assert data["change"]["undone_at"] == "2026-11-25T15:30:00-05:00"
    assert data["change"]["undoable"] is False
    assert (data["action"]["id"], data["action"]["status"]) == (follow_up.pk, "open")
    follow_up.refresh_from_db()
    assert follow_up.status == "open"


def test_it_snoozes_to_a_day_and_undo_brings_the_time_back(cli, alice, follow_up):
    due_before = follow_up.due_at
    result = cli("snooze", str(follow_up.pk), "--until", "2026-12-15")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Snoozed to Tue 15 Dec: Follow up, Dana Lee, Acme.\nIt is due Tue 15 Dec 10:00 now.\n"
    )
    follow_up.refresh_from_db()
    assert (follow_up.due_at, follow_up.snoozed_until) == (
        at("2026-12-15 10:00"),
        date(2026, 12, 15),
    )

    assert cli("undo").exit_code == 0
    follow_up.refresh_from_db()
    assert (follow_up.due_at, follow_up.snoozed_until) == (due_before, None)


def test_it_snoozes_by_a_number_of_days_from_today(cli, thank_you):
    result = cli("snooze", str(thank_you.pk), "--days", "2", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["action"]["due"] == "2026-11-27T21:00:00-05:00"
    thank_you.refresh_from_db()
    assert thank_you.snoozed_until == date(2026, 11, 27)


@pytest.mark.parametrize("flags", [(), ("--until", "2026-12-01", "--days", "3"), ("--days", "0")])
def test_snooze_needs_one_of_until_and_days(cli, thank_you, flags):
    result = cli("snooze", str(thank_you.pk), *flags)
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("until", "error"),
    [
        ("2026-11-25", "Error: --until Wed 25 Nov 2026 is not after today"),
        ("next week", "Error: --until needs a date like 2026-12-04, not 'next week'."),
    ],
)
def test_snooze_refuses_a_day_that_is_not_later(cli, thank_you, until, error):
    result = cli("snooze", str(thank_you.pk), "--until", until)
    assert result.exit_code == 1
    assert result.output.startswith(error)
    thank_you.refresh_from_db()
    assert thank_you.snoozed_until is None


def test_it_refuses_an_action_that_is_not_open(cli, thank_you):
    cli("done", str(thank_you.pk))
    for command in (("done",), ("skip",), ("snooze", "--days", "1")):
        result = cli(command[0], str(thank_you.pk), *command[1:])
        assert result.exit_code == 1
        assert result.output == (
            f"Error: action {thank_you.pk} (thank you, Acme) is done already. "
            "If that was a slip, `closer undo` reopens it.\n"
        )


@pytest.mark.parametrize("command", [("done",), ("skip",), ("snooze", "--days", "1")])
def test_another_users_action_is_not_found(cli, alice, charlie, thank_you, command):
    acme_close_for(charlie)
    theirs = Action.objects.filter(owner=charlie).first()
    result = cli(command[0], str(theirs.pk), *command[1:])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: there is no action {theirs.pk}. `closer today` lists yours with ids.\n"
    )
    theirs.refresh_from_db()
    assert (theirs.status, theirs.snoozed_until) == ("open", None)


def test_undo_says_a_change_was_undone_already(cli, alice, thank_you):
    cli("done", str(thank_you.pk))
    change = _latest_change(alice)
    cli("undo", str(change.pk))
    result = cli("undo", str(change.pk))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: change {change.pk} (Done: Send a thank-you note, Dana Lee, Acme) was undone "
        "already, Wed 25 Nov 15:30.\n"
    )


def test_undo_says_a_change_is_too_old(cli, alice, thank_you, frozen):
    cli("done", str(thank_you.pk))
    change = _latest_change(alice)
    frozen("2026-12-03T09:00")
    result = cli("undo", str(change.pk))
    assert result.exit_code == 1
    assert "is from Wed 25 Nov 15:30, too long ago to undo" in result.output
    assert "can be undone for 7 days" in result.output
    assert cli("undo").output.startswith("Error: nothing from the last 7 days is left to undo.")
    thank_you.refresh_from_db()
    assert thank_you.status == "done"


def test_undo_says_a_correction_cannot_be_undone(cli, alice, thank_you):
    opportunity = thank_you.opportunity
    opportunity_update(
        opportunity=opportunity,
        edit=OpportunityEdit(
            company_name="Acme",
            role="Senior Account Executive",
            sales_role=True,
            senior=True,
            details=OpportunityDetails(),
        ),
        now=at("2026-11-25 15:20"),
    )
    change = _latest_change(alice)
    result = cli("undo", str(change.pk))
    assert result.exit_code == 1
    assert "is a correction, and corrections can't be undone" in result.output
    # Without an id, the correction is passed over: there is nothing else to undo.
    assert cli("undo").output.startswith("Error: nothing from the last 7 days is left to undo.")


def test_another_users_change_is_not_found(cli, alice, charlie, thank_you):
    acme_close_for(charlie)
    theirs = Action.objects.filter(owner=charlie).first()
    change = action_complete(action=theirs, now=at("2026-11-25 15:10"))
    result = cli("undo", str(change.pk))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: there is no change {change.pk}. `closer changes` lists yours with ids.\n"
    )
    # Nor is it the latest change alice could undo.
    assert cli("undo").exit_code == 1
    theirs.refresh_from_db()
    assert theirs.status == "done"
    assert cli("changes", "--json").stdout.strip() == "[]"


def test_it_lists_recent_changes_with_their_ids(cli, alice, thank_you, follow_up):
    cli("done", str(thank_you.pk))
    cli("skip", str(follow_up.pk))
    cli("undo")
    data = json.loads(cli("changes", "--json").stdout)
    assert [c["summary"] for c in data] == [
        "Undone: Skipped: Follow up, Dana Lee, Acme",
        "Skipped: Follow up, Dana Lee, Acme",
        "Done: Send a thank-you note, Dana Lee, Acme",
    ]
    assert [c["undoable"] for c in data] == [False, False, True]
    table = cli("changes").output
    assert f"closer undo {data[2]['id']}" in table
    assert "undone" in table
