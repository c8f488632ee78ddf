"""A message the server took but never confirmed is never sent again on its own: a note is
shown as "may have been sent", a reminder waits for its lease (its own crash policy)."""

from __future__ import annotations

from datetime import timedelta

from helpers import at

from closer.mail.delivery import Outcome
from closer.outbox import services
from closer.outbox.models import Note
from closer.outbox.selectors import note_state, note_view
from closer.worker import worker

NOW = at("2026-11-25 15:30")


def _fields(action):
    view = note_view(action, now=NOW)
    return services.NoteFields(to=view.to, cc=view.cc, subject=view.subject, body=view.body)


def test_a_note_the_server_took_but_did_not_confirm_is_never_resent(faulty_smtp, sender, thank_you):
    delivery = services.note_send(action=thank_you, fields=_fields(thank_you), now=NOW)

    assert delivery.outcome is Outcome.UNKNOWN
    note = Note.objects.get(action=thank_you)
    assert note.status == Note.Status.SENDING
    assert note_state(note, NOW) == "May have been sent — check your Sent folder."
    thank_you.refresh_from_db()
    assert thank_you.status == "open"  # the person decides, not Closer
    # Later passes, long after any back-off, leave it alone.
    for later in (NOW + timedelta(minutes=5), NOW + timedelta(days=1)):
        runner = worker(lambda at=later: at, notes_only=True)
        assert runner.run_once().deliveries["note"] == []
    assert len(faulty_smtp.received) == 1


def test_a_reminder_the_server_took_but_did_not_confirm_waits_for_its_lease(
    faulty_smtp, acme_close
):
    from closer.reminders.models import Reminder
    from closer.reminders.sending import CLAIM_LEASE

    owner = acme_close.owner
    owner.email = "me@example.org"
    owner.save()
    morning = at("2026-11-26 08:05")
    done = worker(lambda: morning).run_once().deliveries["reminder"]
    assert [d.outcome for d in done] == [Outcome.UNKNOWN]
    reminder = Reminder.objects.get()
    assert reminder.status == Reminder.Status.SENDING
    assert worker(lambda: morning + timedelta(minutes=2)).run_once().deliveries["reminder"] == []
    # Its policy: a reminder to the user themselves is better twice than never, so after the
    # lease it goes again, with the same Message-ID for the mail app to fold the two.
    after = morning + CLAIM_LEASE + timedelta(minutes=1)
    again = worker(lambda: after).run_once().deliveries["reminder"]
    assert [d.outcome for d in again] == [Outcome.SENT]
    first, second = faulty_smtp.messages
    assert first["Message-ID"] == second["Message-ID"] == reminder.message_id
