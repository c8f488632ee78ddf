"""`closer worker --once`: reminders and queued notes in one pass, against a real SMTP server."""

from __future__ import annotations

import pytest

from closer.outbox.models import Note
from closer.pipeline.models import Action
from closer.reminders.models import Reminder


@pytest.fixture
def reachable(alice):
    alice.email = "zoe@example.org"
    alice.save()
    return alice


def test_one_pass_sends_the_digest_and_queued_notes(cli, frozen, reachable, acme_close, smtp):
    thank_you = Action.objects.get(kind="thank_you")
    Note.objects.create(
        owner=reachable,
        action=thank_you,
        to="Dana Lee <dana@acme.example>",
        subject="Thank you",
        body="Thank you for today.",
        status=Note.Status.QUEUED,
        message_id="<note-1@example.org>",
    )
    from closer.accounts.services import settings_for

    prefs = settings_for(reachable)
    prefs.from_email = "zoe@example.org"
    prefs.save()
    frozen("2026-11-26T08:30")  # alice's zone, New York
    result = cli("worker", "--once")
    assert result.exit_code == 0, result.output
    assert "Reminder" in result.output and "Note" in result.output
    recipients = sorted(to for r in smtp.received for to in r.rcpt_tos)
    assert recipients == ["dana@acme.example", "zoe@example.org"]
    assert Reminder.objects.get().status == "sent"
    assert Note.objects.get().status == "sent"
    again = cli("worker", "--once")
    assert again.exit_code == 0
    assert len(smtp.received) == 2


def test_nothing_to_do_is_quiet(cli, frozen, alice, smtp):
    frozen("2026-11-26T08:30")
    result = cli("worker", "--once")
    assert result.exit_code == 0
    assert result.output == ""


def test_a_bad_pause_is_a_clear_error(cli, alice):
    result = cli("worker", "--pause", "0")
    assert result.exit_code == 1
    assert "--pause" in result.output
