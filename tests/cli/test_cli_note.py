"""`closer note`, `closer outbox` and `closer send-queued` against the test database."""

from __future__ import annotations

import email
import json
from email import policy

import pytest
from helpers import at

from closer.core.notes import parse_mailto
from closer.core.records import CloseAnswer
from closer.outbox.models import Note
from closer.pipeline.models import Action
from closer.pipeline.services import CloseInput, PersonInput, close_log_new

pytestmark = pytest.mark.django_db

NOW = "2026-11-25T15:30"


@pytest.fixture
def sender(alice):
    from closer.accounts.services import settings_for

    prefs = settings_for(alice)
    prefs.from_name, prefs.from_email = "Zoë Ångström", "zoe@example.org"
    prefs.save()
    return prefs


@pytest.fixture
def thank_you(acme_close, frozen) -> Action:
    frozen(NOW)
    return Action.objects.get(interview=acme_close.interview, kind="thank_you")


def test_it_lists_the_notes_waiting_to_be_written(cli, thank_you):
    result = cli("note")
    assert result.exit_code == 0, result.output
    assert "Notes to write" in result.output
    assert str(thank_you.pk) in result.output
    assert "thank you" in result.output and "Dana Lee" in result.output
    assert "due tonight, 5 h left" in result.output
    assert "closer note ID --send" in result.output


def test_it_prints_the_note(cli, thank_you):
    result = cli("note", str(thank_you.pk))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "To: Dana Lee <dana@acme.example>\nSubject: Thank you, Dana\n\nHi Dana,\n\n"
    )
    concise = cli("note", str(thank_you.pk), "--tone", "concise")
    assert "Hello Dana," in concise.stdout


def test_it_prints_a_mailto_link(cli, thank_you):
    result = cli("note", str(thank_you.pk), "--mailto")
    to, fields = parse_mailto(result.stdout.strip())
    assert to == ["dana@acme.example"]
    assert fields["subject"] == "Thank you, Dana"
    assert fields["body"].startswith("Hi Dana,\r\n\r\nThank you")


def test_it_saves_an_eml_file(cli, sender, thank_you, tmp_path):
    path = tmp_path / "thanks.eml"
    result = cli("note", str(thank_you.pk), "--eml", str(path))
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["From"].addresses[0].display_name == "Zoë Ångström"
    assert str(message["Subject"]) == "Thank you, Dana"
    assert message["Message-ID"] and message["Date"]


def test_it_sends_the_note(cli, smtp, sender, thank_you):
    result = cli("note", str(thank_you.pk), "--send")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Sent to Dana Lee <dana@acme.example>. The action is done.\n"
    assert len(smtp.received) == 1
    thank_you.refresh_from_db()
    assert thank_you.status == "done"

    again = cli("note", str(thank_you.pk), "--send")
    assert again.exit_code == 1
    assert again.output == "Error: This note was already sent.\n"
    assert len(smtp.received) == 1


def test_it_says_why_a_note_is_not_sent_and_sends_it_later(
    cli, smtp_down, sender, thank_you, frozen
):
    result = cli("note", str(thank_you.pk), "--send")
    assert result.exit_code == 1
    assert result.output.startswith("Error: Not sent yet: Could not reach the mail server")
    assert "Closer tries again after today at 15:31." in result.output

    outbox = json.loads(cli("outbox", "--json").stdout)
    (row,) = outbox
    assert (row["status"], row["attempts"], row["action"]) == ("queued", 1, thank_you.pk)
    assert row["next_attempt_at"] == "2026-11-25T15:31:00-05:00"
    assert set(row) == {
        "id",
        "action",
        "kind",
        "status",
        "state",
        "channel",
        "to",
        "cc",
        "subject",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "error",
        "message_id",
    }

    smtp_down.start()
    frozen("2026-11-25T15:35")
    assert cli("send-queued").stdout == "Sent 1 note.\n"
    assert cli("send-queued").stdout == "Nothing is waiting to be sent.\n"
    assert len(smtp_down.received) == 1


def test_it_reports_what_is_still_queued_after_a_pass(cli, smtp_down, sender, thank_you, frozen):
    cli("note", str(thank_you.pk), "--send")
    frozen("2026-11-25T15:35")
    result = cli("send-queued")
    assert result.exit_code == 0
    assert result.stdout == "Nothing went out this time.\n"
    assert f"Action {thank_you.pk}: Not sent yet:" in result.stderr


def test_it_records_a_note_sent_by_hand(cli, thank_you):
    result = cli("note", str(thank_you.pk), "--mark-sent")
    assert result.exit_code == 0
    assert Note.objects.get(action=thank_you).channel == "manual"
    assert "Sent by you" in cli("outbox").stdout
    (row,) = json.loads(cli("outbox", "--json").stdout)
    assert row["state"] == "Sent by you today at 15:30."


def test_it_shows_an_empty_outbox(cli, alice):
    assert "The outbox is empty." in cli("outbox").stdout
    assert json.loads(cli("outbox", "--json").stdout) == []


def test_it_refuses_an_action_that_is_not_a_note(cli, alice, frozen):
    frozen(NOW)
    close = close_log_new(
        owner=alice,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-24 10:00"),
        interviewers=[PersonInput("Bill Lumbergh")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING, permission="no"),
        now=at("2026-11-24 12:00"),
    )
    check_in = Action.objects.get(interview=close.interview, kind="check_in")
    result = cli("note", str(check_in.pk))
    assert result.exit_code == 1
    assert "is a private reminder; there is no note to send." in result.output


def test_it_refuses_someone_elses_action(cli, alice, charlie, frozen):
    frozen(NOW)
    close = close_log_new(
        owner=charlie,
        company_name="Globex",
        role="Engineer",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[PersonInput("Hank Scorpio", "hank@globex.example")],
        data=CloseInput(asked_for_job=False, answer=CloseAnswer.PENDING),
        now=at("2026-11-25 12:00"),
    )
    theirs = Action.objects.get(interview=close.interview, kind="thank_you")
    result = cli("note", str(theirs.pk))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: there is no action {theirs.pk}.")


def test_it_takes_one_way_of_delivering_at_a_time(cli, thank_you):
    result = cli("note", str(thank_you.pk), "--mailto", "--send")
    assert result.exit_code == 2
    assert "choose one of --mailto, --send" in result.output


def test_it_needs_a_mail_server_to_send(cli, settings, sender, thank_you):
    settings.EMAIL_BACKEND = "closer.mail.smtp.EmailBackend"
    settings.EMAIL_HOST = ""
    result = cli("note", str(thank_you.pk), "--send")
    assert result.exit_code == 1
    assert "needs a mail server: set EMAIL_HOST" in result.output
