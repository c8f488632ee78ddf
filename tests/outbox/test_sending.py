"""Sending notes through a real SMTP server: headers, retries, races and crashes."""

from __future__ import annotations

import threading
from datetime import timedelta
from email.utils import parseaddr, parsedate_to_datetime

import pytest
from helpers import at

from closer.mail.delivery import claim_one
from closer.mail.policy import MAX_ATTEMPTS, describe_error, retry_delay
from closer.outbox import services
from closer.outbox.models import Note
from closer.outbox.selectors import note_state, note_view
from closer.outbox.sending import note_deliver
from closer.pipeline.models import Action
from closer.pipeline.services import CloseInput, PersonInput, answer_record, close_log_new
from closer.worker import worker

NOW = at("2026-11-25 15:30")


def send_queued(*, now):
    """One pass of the worker over the queued notes, at `now`."""
    return worker(lambda: now, notes_only=True).run_once().deliveries["note"]


def note_claim(note_id, *, now):
    return claim_one(Note, note_id, now=now)


def _fields(action, **changes) -> services.NoteFields:
    view = note_view(action, now=NOW)
    values = {"to": view.to, "cc": view.cc, "subject": view.subject, "body": view.body}
    values.update(changes)
    return services.NoteFields(**values)


@pytest.fixture
def soren_thank_you(alice):
    """A thank-you to an interviewer whose name is not ASCII."""
    from closer.core.records import CloseAnswer

    close = close_log_new(
        owner=alice,
        company_name="Ærø Café",
        role="Barista Lead",
        starts_at=at("2026-11-25 13:00"),
        interviewers=[PersonInput("Søren Kierkegård", "soren@aero.example")],
        data=CloseInput(
            asked_for_job=True, answer=CloseAnswer.PENDING, remarks="the new roastery in Århus"
        ),
        now=at("2026-11-25 15:00"),
    )
    return Action.objects.get(interview=close.interview, kind="thank_you")


def test_it_delivers_a_thank_you_with_the_right_headers(smtp, sender, soren_thank_you):
    delivery = services.note_send(action=soren_thank_you, fields=_fields(soren_thank_you), now=NOW)

    assert delivery.sent, delivery.message
    (received,) = smtp.received
    message = received.message
    note = Note.objects.get(action=soren_thank_you)
    assert parseaddr(message["From"]) == ("Zoë Ångström", "zoe@example.org")
    assert message["From"].addresses[0].display_name == "Zoë Ångström"
    assert message["To"].addresses[0].display_name == "Søren Kierkegård"
    assert message["To"].addresses[0].addr_spec == "soren@aero.example"
    assert str(message["Reply-To"]) == "zoe.replies@example.org"
    assert str(message["Subject"]) == "Thank you, Søren"
    assert str(message["Message-ID"]) == note.message_id
    assert note.message_id.endswith("@example.org>")
    assert parsedate_to_datetime(str(message["Date"])) == NOW
    assert str(message["Date"]).endswith("-0500")
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith("Hi Søren,\n")
    assert "about the new roastery in Århus" in body
    assert body.rstrip().endswith("Zoë Ångström\n+1 555 0100")
    assert received.rcpt_tos == ["soren@aero.example"]
    assert received.mail_from == "zoe@example.org"

    soren_thank_you.refresh_from_db()
    assert (note.status, note.sent_at, note.attempts) == (Note.Status.SENT, NOW, 1)
    assert (soren_thank_you.status, soren_thank_you.completed_at) == ("done", NOW)


def test_it_queues_while_the_server_is_down_and_delivers_once_it_is_back(
    smtp_down, sender, thank_you
):
    delivery = services.note_send(action=thank_you, fields=_fields(thank_you), now=NOW)

    assert delivery.outcome == "retry"
    note = Note.objects.get(action=thank_you)
    assert (note.status, note.attempts) == (Note.Status.QUEUED, 1)
    assert note.next_attempt_at == NOW + timedelta(minutes=1)
    assert "connection was refused" in note.error
    assert note_state(note, NOW).startswith("Not sent yet: Could not reach the mail server")
    assert "tries again after today at 15:31" in note_state(note, NOW)
    thank_you.refresh_from_db()
    assert thank_you.status == "open"

    # Not due yet: nothing is tried, even with the server back.
    smtp_down.start()
    assert send_queued(now=NOW + timedelta(seconds=30)) == []

    results = send_queued(now=NOW + timedelta(minutes=2))
    assert [r.outcome for r in results] == ["sent"]
    assert send_queued(now=NOW + timedelta(hours=1)) == []
    (received,) = smtp_down.received
    note.refresh_from_db()
    assert str(received.message["Message-ID"]) == note.message_id
    assert (note.status, note.attempts, note.error) == (Note.Status.SENT, 2, "")


def test_it_waits_longer_after_each_failure_then_gives_up(smtp_down, sender, thank_you):
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert retry_delay(20) == timedelta(hours=2)

    services.note_send(action=thank_you, fields=_fields(thank_you), now=NOW)
    moment = NOW
    for attempt in range(2, MAX_ATTEMPTS + 1):
        moment = Note.objects.get(action=thank_you).next_attempt_at
        (result,) = send_queued(now=moment)
        assert result.outcome == ("failed" if attempt == MAX_ATTEMPTS else "retry")
    note = Note.objects.get(action=thank_you)
    assert (note.status, note.attempts, note.next_attempt_at) == ("failed", MAX_ATTEMPTS, None)
    assert note_state(note, moment).startswith("Not sent: Could not reach")
    # Failed notes are not picked up again without the person asking.
    assert send_queued(now=moment + timedelta(days=1)) == []


@pytest.mark.django_db(transaction=True)
def test_it_sends_one_copy_when_two_senders_race(smtp, sender, thank_you):
    from django.db import connection

    note = services.note_queue(action=thank_you, fields=_fields(thank_you), now=NOW)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def deliver() -> None:
        try:
            start.wait()
            outcomes.append(note_deliver(note.pk, now=NOW).outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["sent", "taken"]
    assert len(smtp.received) == 1


@pytest.mark.django_db(transaction=True)
def test_it_sends_one_copy_when_send_is_clicked_twice_at_once(smtp, sender, thank_you):
    from django.db import connection

    fields = _fields(thank_you)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def click() -> None:
        try:
            start.wait()
            action = Action.objects.get(pk=thank_you.pk)
            outcomes.append(services.note_send(action=action, fields=fields, now=NOW).outcome)
        except services.NoteError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert "sent" in outcomes and len(outcomes) == 2
    assert len(smtp.received) == 1
    assert Note.objects.filter(action=thank_you).count() == 1


class Crash(BaseException):
    """The process dying between the claim and the end of the SMTP conversation."""


def test_it_never_resends_a_note_a_crash_left_sending(smtp, sender, thank_you, monkeypatch):
    note = services.note_queue(action=thank_you, fields=_fields(thank_you), now=NOW)

    def crash(self, messages):
        raise Crash

    monkeypatch.setattr("django.core.mail.backends.smtp.EmailBackend.send_messages", crash)
    with pytest.raises(Crash):
        note_deliver(note.pk, now=NOW)
    monkeypatch.undo()

    note.refresh_from_db()
    assert (note.status, note.claimed_at) == (Note.Status.SENDING, NOW)
    assert send_queued(now=NOW + timedelta(days=2)) == []
    assert not note_claim(note.pk, now=NOW + timedelta(days=2))
    assert smtp.received == []
    assert Note.objects.filter(status=Note.Status.SENDING).count() == 1
    assert note_state(note, NOW) == "May have been sent — check your Sent folder."

    # The person checked their Sent folder and found nothing: resending keeps the Message-ID.
    assert services.note_resend(note=note, now=NOW + timedelta(minutes=5)).sent
    (received,) = smtp.received
    assert str(received.message["Message-ID"]) == note.message_id


def test_it_marks_a_crashed_note_sent_when_it_did_go(sender, thank_you, settings):
    settings.EMAIL_HOST = "127.0.0.1"
    note = services.note_queue(action=thank_you, fields=_fields(thank_you), now=NOW)
    assert note_claim(note.pk, now=NOW)

    services.note_mark_sent(action=thank_you, fields=None, now=NOW + timedelta(hours=1))

    note.refresh_from_db()
    thank_you.refresh_from_db()
    assert (note.status, note.sent_at, note.channel) == ("sent", NOW, "smtp")
    assert (thank_you.status, thank_you.completed_at) == ("done", NOW + timedelta(hours=1))


def test_it_fails_for_good_when_the_server_refuses_the_address(smtp, sender, thank_you):
    smtp.refuse.add("dana@acme.example")

    delivery = services.note_send(action=thank_you, fields=_fields(thank_you), now=NOW)

    note = Note.objects.get(action=thank_you)
    assert delivery.outcome == "failed"
    assert note.status == Note.Status.FAILED
    assert note.error.startswith("The mail server refused the address dana@acme.example (550")
    assert smtp.received == []


def test_it_holds_a_queued_follow_up_once_an_answer_cancels_it(smtp_down, sender, follow_up):
    services.note_send(action=follow_up, fields=_fields(follow_up), now=NOW)
    from closer.core.records import AnswerKind

    answer_record(
        opportunity=follow_up.interview.opportunity,
        kind=AnswerKind.OFFER,
        received_at=NOW + timedelta(minutes=1),
    )
    smtp_down.start()

    (result,) = send_queued(now=NOW + timedelta(minutes=5))

    note = Note.objects.get(action=follow_up)
    assert result.outcome == "skipped"
    assert (note.status, note.error) == ("draft", result.message)
    assert "cancelled" in note.error
    assert smtp_down.received == []


def test_it_records_a_note_the_person_sent_themselves(thank_you):
    fields = _fields(thank_you, body="Hi Dana, thank you!")

    services.note_mark_sent(action=thank_you, fields=fields, now=NOW)

    note = Note.objects.get(action=thank_you)
    thank_you.refresh_from_db()
    assert (note.status, note.channel, note.body, note.sent_at) == (
        "sent",
        "manual",
        "Hi Dana, thank you!",
        NOW,
    )
    assert (thank_you.status, thank_you.completed_at) == ("done", NOW)
    assert note_state(note, NOW) == "Sent by you today at 15:30."


def test_it_refuses_to_queue_without_a_mail_server(settings, sender, thank_you):
    settings.EMAIL_BACKEND = "closer.mail.smtp.EmailBackend"
    settings.EMAIL_HOST = ""

    with pytest.raises(services.NoteError, match="needs a mail server: set EMAIL_HOST"):
        services.note_send(action=thank_you, fields=_fields(thank_you), now=NOW)
    assert not Note.objects.exists()


def test_it_refuses_to_queue_without_a_from_address(smtp, thank_you):
    with pytest.raises(
        services.NoteError, match="add the address your notes come from in Settings"
    ):
        services.note_send(action=thank_you, fields=_fields(thank_you), now=NOW)


def test_it_keeps_the_password_out_of_every_error(settings):
    import smtplib

    settings.EMAIL_HOST, settings.EMAIL_PORT = "smtp.example.org", 587
    settings.EMAIL_HOST_PASSWORD = "hunter2-secret"
    echoed = smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials hunter2-secret")

    text = describe_error(echoed)

    assert "hunter2-secret" not in text
    assert text.startswith("The mail server smtp.example.org:587 did not accept the user name")
    assert describe_error(ConnectionRefusedError()) == (
        "Could not reach the mail server smtp.example.org:587: the connection was refused."
    )
    assert "did not answer within" in describe_error(TimeoutError())


def test_it_words_a_note_for_the_day_it_is_due(follow_up):
    # Drafted an hour after the interview, sent on 11 Dec: "today" would be wrong by then.
    body = note_view(follow_up, now=NOW).body
    assert "on 25 November" in body
    assert "today" not in body
