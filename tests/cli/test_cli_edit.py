"""`closer edit opportunity|interview|contact`, and the listings that show their ids
(`closer interviews`, `closer contacts`), against the test database."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import acme_close_for, at

from closer.people.models import Contact
from closer.pipeline.models import Action, Change, Interview, Opportunity
from closer.pipeline.services import PersonInput, interview_create, opportunity_create

pytestmark = pytest.mark.django_db

NOW = "2026-11-25T15:30"


@pytest.fixture
def acme(acme_close, frozen) -> Opportunity:
    frozen(NOW)
    return acme_close.interview.opportunity


@pytest.fixture
def next_round(acme) -> Interview:
    """Round 2 at Acme, still to come: Tue 1 Dec 2026, 10:00 to 11:00, with Sam Park."""
    return interview_create(
        opportunity=acme,
        starts_at=at("2026-12-01 10:00"),
        ends_at=at("2026-12-01 11:00"),
        interviewers=[PersonInput("Sam Park", "sam@acme.example")],
    )


@pytest.fixture
def dana(acme) -> Contact:
    return Contact.objects.get(owner=acme.owner, email="dana@acme.example")


# --- opportunities --------------------------------------------------------------------------


def test_it_changes_only_the_details_given(cli, acme):
    result = cli(
        "edit", "opportunity", "Acme", "--salary", "£55–60k", "--apply-by", "2026-12-01",
        "--url", "jobs.acme.example/42", "--notes", "Ask about the territory.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Edited Account Executive at Acme.\n"
        "  Job link: (none) → https://jobs.acme.example/42\n"
        "  Salary: (none) → £55–60k\n"
        "  Apply by: (none) → Tue 1 Dec 2026\n"
        "  Remarks: (none) → Ask about the territory.\n"
        f"`closer plan {acme.pk}` shows the plan as it is now.\n"
    )
    acme.refresh_from_db()
    assert (acme.salary, acme.apply_by) == ("£55–60k", date(2026, 12, 1))
    assert acme.job_url == "https://jobs.acme.example/42"
    assert acme.remarks == "Ask about the territory."
    assert (acme.company.name, acme.role, acme.status) == (
        "Acme",
        "Account Executive",
        "interviewing",
    )
    assert acme.sales_role is True


def test_it_prints_the_opportunity_and_the_change_as_json(cli, acme):
    result = cli("edit", "opportunity", str(acme.pk), "--role", "Senior AE", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {k: data["opportunity"][k] for k in ("id", "company", "role", "status")} == {
        "id": acme.pk,
        "company": "Acme",
        "role": "Senior AE",
        "status": "interviewing",
    }
    assert set(data["opportunity"]) >= {"url", "salary", "apply_by", "applied_on", "notes"}
    (change,) = data["changes"]
    stored = Change.objects.get(pk=change["id"])
    assert (stored.owner, stored.kind) == (acme.owner, "edit")
    assert change["detail"] == "Role: Account Executive → Senior AE"
    assert change["undoable"] is False
    acme.refresh_from_db()
    assert acme.role == "Senior AE"


def test_a_blank_date_clears_it(cli, acme):
    cli("edit", "opportunity", "Acme", "--applied-on", "2026-11-01")
    acme.refresh_from_db()
    assert acme.applied_on == date(2026, 11, 1)
    result = cli("edit", "opportunity", "Acme", "--applied-on", "")
    assert result.exit_code == 0, result.output
    acme.refresh_from_db()
    assert acme.applied_on is None


def test_it_says_when_nothing_needed_changing(cli, acme):
    result = cli("edit", "opportunity", "Acme", "--role", "Account Executive", "--json")
    assert json.loads(result.stdout)["changes"] == []
    result = cli("edit", "opportunity", "Acme", "--role", "Account Executive")
    assert result.output == "Nothing needed changing: it already reads that way.\n"


def test_a_new_status_is_a_move_that_can_be_undone(cli, acme):
    result = cli("edit", "opportunity", "Acme", "--status", "withdrawn")
    assert result.exit_code == 0, result.output
    move = Change.objects.get(owner=acme.owner, kind="move")
    assert (
        f"Moved to Withdrawn: Account Executive at Acme.\nUndo with `closer undo {move.pk}`."
        in (result.output)
    )
    acme.refresh_from_db()
    follow_up = Action.objects.get(opportunity=acme, kind="follow_up")
    assert (acme.status, follow_up.status) == ("withdrawn", "cancelled")

    assert cli("undo", str(move.pk)).exit_code == 0
    acme.refresh_from_db()
    follow_up.refresh_from_db()
    assert (acme.status, follow_up.status) == ("interviewing", "open")


@pytest.mark.parametrize(
    ("flags", "error"),
    [
        (("--apply-by", "soon"), "Error: --apply-by needs a date like 2026-12-04, not 'soon'.\n"),
        (("--url", "not a link"), "Error: --url needs a web address like "),
        (("--role", "  "), "Error: An opportunity needs a company and a role.\n"),
        (
            ("--salary", "x" * 201),
            "Error: --salary is 201 characters long; it takes at most 200.\n",
        ),
    ],
)
def test_it_refuses_a_bad_value_and_changes_nothing(cli, acme, flags, error):
    result = cli("edit", "opportunity", "Acme", *flags, "--status", "offer")
    assert result.exit_code == 1
    assert result.output.startswith(error)
    acme.refresh_from_db()
    assert (acme.role, acme.salary, acme.apply_by, acme.status) == (
        "Account Executive",
        "",
        None,
        "interviewing",
    )
    assert not Change.objects.exists()


def test_it_needs_something_to_change(cli, acme):
    assert cli("edit", "opportunity", "Acme").exit_code == 2
    assert cli("edit", "opportunity", "Acme", "--status", "maybe").exit_code == 2


def test_another_users_opportunity_is_not_found(cli, acme, charlie):
    theirs = acme_close_for(charlie).interview.opportunity
    result = cli("edit", "opportunity", str(theirs.pk), "--salary", "£1")
    assert result.exit_code == 1
    assert result.output == f"Error: No opportunity matches '{theirs.pk}'.\n"
    theirs.refresh_from_db()
    assert theirs.salary == ""


# --- interviews -----------------------------------------------------------------------------


def test_it_lists_an_opportunitys_interviews_with_their_ids(cli, acme, next_round):
    data = json.loads(cli("interviews", "Acme", "--json").stdout)
    assert [(i["id"], i["round"], i["close_logged"]) for i in data] == [
        (acme.interviews.first().pk, 1, True),
        (next_round.pk, 2, False),
    ]
    assert data[1]["interviewers"][0]["name"] == "Sam Park"
    assert data[1]["starts_at"] == "2026-12-01T10:00:00-05:00"
    table = cli("interviews", "Acme").output
    assert "close logged" in table and "to come" in table and "Sam Park" in table


def test_it_reschedules_an_interview_and_its_end_moves_with_it(cli, acme, next_round):
    result = cli("edit", "interview", str(next_round.pk), "--at", "2026-12-04 10:00", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["interview"]["starts_at"] == "2026-12-04T10:00:00-05:00"
    assert data["interview"]["ends_at"] == "2026-12-04T11:00:00-05:00"
    (change,) = data["changes"]
    assert change["detail"] == "Time: Tue 1 Dec 2026, 10:00–11:00 → Fri 4 Dec 2026, 10:00–11:00"
    next_round.refresh_from_db()
    assert (next_round.starts_at, next_round.ends_at) == (
        at("2026-12-04 10:00"),
        at("2026-12-04 11:00"),
    )


def test_the_plan_moves_with_the_interview(cli, acme):
    logged = acme.interviews.get()
    result = cli("edit", "interview", str(logged.pk), "--at", "2026-11-24 14:00")
    assert result.exit_code == 0, result.output
    thank_you = Action.objects.get(interview=logged, kind="thank_you")
    # The thank-you was due on the interview day, which has passed now: it is late.
    assert thank_you.late is True
    assert thank_you.reason.startswith("The interview was on Tue 24 Nov")


def test_it_replaces_the_interviewers_given(cli, acme, next_round):
    result = cli(
        "edit", "interview", str(next_round.pk),
        "--interviewer", "Jo Kim <jo@x.example>", "-i", "Sam Park <sam@acme.example>",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "  Interviewers: Sam Park → Jo Kim and Sam Park" in result.output
    names = sorted(c.name for c in next_round.interviewers.all())
    assert names == ["Jo Kim", "Sam Park"]
    next_round.refresh_from_db()
    assert next_round.starts_at == at("2026-12-01 10:00")


def test_it_cancels_an_interview_and_undo_brings_it_back(cli, acme, next_round):
    result = cli("edit", "interview", str(next_round.pk), "--cancel")
    assert result.exit_code == 0, result.output
    change = Change.objects.get(kind="cancel")
    assert result.output == (
        f"Cancelled round 2 (Tue 1 Dec 2026, 10:00).\nUndo with `closer undo {change.pk}`.\n"
    )
    next_round.refresh_from_db()
    assert next_round.cancelled_at is not None
    assert "called off" in cli("interviews", "Acme").output
    again = cli("edit", "interview", str(next_round.pk), "--cancel")
    assert again.exit_code == 1
    assert again.output.startswith(f"Error: interview {next_round.pk} was called off already")

    assert cli("undo").exit_code == 0
    next_round.refresh_from_db()
    assert next_round.cancelled_at is None


def test_it_refuses_what_the_service_refuses(cli, acme):
    logged = acme.interviews.first()
    moved = cli("edit", "interview", str(logged.pk), "--at", "2026-12-25 10:00")
    assert moved.exit_code == 1
    assert moved.output.startswith("Error: How this interview ended is logged")
    cancelled = cli("edit", "interview", str(logged.pk), "--cancel")
    assert cancelled.exit_code == 1
    logged.refresh_from_db()
    assert (logged.starts_at, logged.cancelled_at) == (at("2026-11-25 14:00"), None)


@pytest.mark.parametrize(
    ("flags", "code"),
    [
        ((), 2),
        (("--cancel", "--at", "2026-12-04 10:00"), 2),
        (("--at", "2026-12-04"), 1),
        (("--interviewer", "<>"), 1),
    ],
)
def test_it_refuses_bad_interview_flags(cli, next_round, flags, code):
    result = cli("edit", "interview", str(next_round.pk), *flags)
    assert result.exit_code == code
    if code == 1:
        assert result.output.startswith(("Error: --at", "Error: --interviewer"))
    next_round.refresh_from_db()
    assert next_round.starts_at == at("2026-12-01 10:00")


def test_another_users_interview_is_not_found(cli, acme, charlie):
    theirs = acme_close_for(charlie).interview
    for flags in (("--cancel",), ("--at", "2026-11-25 09:00")):
        result = cli("edit", "interview", str(theirs.pk), *flags)
        assert result.exit_code == 1
        assert result.output.startswith(f"Error: there is no interview {theirs.pk}.")
    theirs.refresh_from_db()
    assert (theirs.starts_at, theirs.cancelled_at) == (at("2026-11-25 14:00"), None)
    interviews = cli("interviews", str(theirs.opportunity_id))
    assert interviews.exit_code == 1


# --- contacts -------------------------------------------------------------------------------


def test_it_lists_contacts_with_their_ids(cli, dana, charlie):
    acme_close_for(charlie)
    data = json.loads(cli("contacts", "--json").stdout)
    assert [(c["id"], c["name"], c["email"]) for c in data] == [
        (dana.pk, "Dana Lee", "dana@acme.example")
    ]
    assert data[0]["met_as"] == ["interviewer"]
    assert str(dana.pk) in cli("contacts").output


def test_it_corrects_a_contact(cli, dana):
    result = cli(
        "edit", "contact", str(dana.pk), "--email", "dana.lee@acme.example",
        "--role", "Head of Sales", "--company", "Acme Corp", "--notes", "Loves hiking.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Saved Dana Lee <dana.lee@acme.example> (contact {dana.pk}).\n"
        "  Email: dana@acme.example → dana.lee@acme.example\n"
        "  Role: (none) → Head of Sales\n"
        "  Company: (none) → Acme Corp\n"
        "  Notes: (none) → Loves hiking.\n"
    )
    dana.refresh_from_db()
    assert (dana.name, dana.email, dana.title, dana.organisation, dana.remarks) == (
        "Dana Lee",
        "dana.lee@acme.example",
        "Head of Sales",
        "Acme Corp",
        "Loves hiking.",
    )


def test_it_prints_the_contact_and_the_changes_as_json(cli, acme, dana):
    result = cli("edit", "contact", str(dana.pk), "--name", "Dana Kim", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["contact"] == {
        "id": dana.pk,
        "name": "Dana Kim",
        "email": "dana@acme.example",
        "role": "",
        "company": "",
        "notes": "",
    }
    (change,) = data["changes"]
    assert change["opportunity"] == acme.pk
    assert change["summary"].startswith("Contact corrected: Dana Lee <dana@acme.example>")
    thank_you = Action.objects.get(opportunity=acme, kind="thank_you")
    assert thank_you.contact.name == "Dana Kim"


@pytest.mark.parametrize(
    ("flags", "error"),
    [
        (("--email", "sam@acme.example"), "Error: Sam Park already has the address"),
        (("--email", "dana at acme"), "Error: --email needs an address like"),
        (("--name", ""), "Error: Give them a name."),
    ],
)
def test_it_refuses_a_bad_contact_edit(cli, dana, next_round, flags, error):
    result = cli("edit", "contact", str(dana.pk), *flags)
    assert result.exit_code == 1
    assert result.output.startswith(error)
    assert len(result.output.splitlines()) == 1
    dana.refresh_from_db()
    assert (dana.name, dana.email) == ("Dana Lee", "dana@acme.example")


def test_another_users_contact_is_not_found(cli, dana, charlie):
    acme_close_for(charlie)
    theirs = Contact.objects.get(owner=charlie)
    result = cli("edit", "contact", str(theirs.pk), "--name", "Someone else")
    assert result.exit_code == 1
    assert (
        result.output == f"Error: there is no contact {theirs.pk}. `closer contacts` lists yours.\n"
    )
    theirs.refresh_from_db()
    assert theirs.name == "Dana Lee"
    assert cli("edit", "contact", str(dana.pk)).exit_code == 2


def test_the_listings_say_when_there_is_nothing_yet(cli, alice):
    opportunity_create(owner=alice, company_name="Globex", role="AE")
    result = cli("interviews", "Globex")
    assert result.exit_code == 0
    assert "No interviews yet" in result.output
    assert cli("contacts").output.startswith("No contacts yet.")
