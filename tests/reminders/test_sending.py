"""Reminder emails: the digest at the user's hour, the thank-you nudge, once per day,
one-click unsubscribe, and retries while the mail server is down."""

from __future__ import annotations

from email.utils import make_msgid

import pytest
from django.db import IntegrityError, transaction
from helpers import at

from closer.pipeline.models import Action
from closer.pipeline.services import action_complete
from closer.reminders.links import unsubscribe_token
from closer.reminders.models import Reminder
from closer.reminders.selectors import prefs_for
from closer.reminders.sending import reminder_deliver, reminders_claim, reminders_schedule
from closer.reminders.services import unsubscribe
from closer.worker import worker

MORNING = at("2026-11-26 08:05")  # the thank-you from yesterday is overdue
AFTERNOON = at("2026-11-25 16:30")  # the thank-you is due tonight and still open


def run(now):
    return worker(now=lambda: now).run_once()


def test_the_digest_goes_out_at_the_users_hour_and_lists_what_is_due(reachable, acme_close, smtp):
    assert run(at("2026-11-26 07:59")).deliveries["reminder"] == []
    done = run(MORNING)
    assert [r.outcome for r in done.deliveries["reminder"]] == ["sent"]
    (message,) = smtp.messages
    assert message["To"] == "zoe@example.org"
    assert "1 thing to do today" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Send a thank-you note: Dana Lee (Acme), overdue since" in body
    assert Action.objects.get(kind="thank_you").reason in body
    assert "/reminders/unsubscribe/" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_body(("html",)) is not None


def test_the_digest_hour_is_local_time(reachable, acme_close, smtp):
    prefs = prefs_for(reachable)
    prefs.digest_hour = 9
    prefs.save()
    run(at("2026-11-26 08:30"))
    assert smtp.messages == []
    run(at("2026-11-26 09:00"))
    assert len(smtp.messages) == 1


def test_nothing_due_means_no_email(reachable, acme_close, smtp):
    action_complete(action=Action.objects.get(kind="thank_you"), now=MORNING)
    done = run(MORNING)
    assert [r.outcome for r in done.deliveries["reminder"]] == ["skipped"]
    assert smtp.messages == []
    assert Reminder.objects.get().status == "skipped"


def test_the_nudge_comes_in_the_late_afternoon_while_the_thank_you_is_unsent(
    reachable, acme_close, smtp
):
    prefs = prefs_for(reachable)
    prefs.digest_on = False
    prefs.save()
    run(at("2026-11-25 15:59"))
    assert smtp.messages == []
    run(AFTERNOON)
    (message,) = smtp.messages
    assert message["Subject"] == "Your thank-you note to Dana Lee is still unsent"
    run(at("2026-11-25 18:00"))
    assert len(smtp.messages) == 1  # once a day


def test_no_nudge_once_the_thank_you_is_sent(reachable, acme_close, smtp):
    action_complete(action=Action.objects.get(kind="thank_you"), now=AFTERNOON)
    run(at("2026-11-25 17:00"))
    assert [m["Subject"] for m in smtp.messages if "thank-you" in m["Subject"]] == []


def test_each_reminder_is_sent_once_per_user_kind_and_day(reachable, acme_close, smtp):
    for _ in range(3):
        run(MORNING)
        reminders_schedule(now=MORNING)
    assert len(smtp.messages) == 1
    assert Reminder.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            user=reachable, kind="digest", day=MORNING.date(), message_id=make_msgid()
        )


def test_a_claimed_reminder_is_not_claimed_twice(reachable, acme_close, smtp):
    reminders_schedule(now=MORNING)
    (pk,) = reminders_claim(MORNING, 10)
    assert reminders_claim(MORNING, 10) == []
    assert reminder_deliver(pk, now=MORNING, claimed_at=MORNING).outcome == "sent"
    assert reminder_deliver(pk, now=MORNING, claimed_at=MORNING).outcome == "taken"
    assert len(smtp.messages) == 1


def test_a_claim_left_by_a_dead_worker_is_taken_over_after_the_lease(reachable, acme_close, smtp):
    reminders_schedule(now=MORNING)
    Reminder.objects.update(status="sending", claimed_at=MORNING)
    assert run(at("2026-11-26 08:10")).deliveries["reminder"] == []
    done = run(at("2026-11-26 08:16"))
    assert [r.outcome for r in done.deliveries["reminder"]] == ["sent"]
    assert len(smtp.messages) == 1


def test_turned_off_reminders_are_not_sent(reachable, acme_close, smtp):
    prefs = prefs_for(reachable)
    prefs.digest_on = prefs.nudge_on = False
    prefs.save()
    run(MORNING)
    run(AFTERNOON)
    assert smtp.messages == []


def test_without_an_address_nothing_is_scheduled(alice, acme_close, smtp):
    run(MORNING)
    assert Reminder.objects.count() == 0


def test_the_unsubscribe_token_turns_off_only_its_kind(reachable, charlie):
    assert unsubscribe(token=unsubscribe_token(reachable.pk, "digest")) == "digest"
    prefs = prefs_for(reachable)
    assert (prefs.digest_on, prefs.nudge_on) == (False, True)
    assert prefs_for(charlie).digest_on
    assert unsubscribe(token=unsubscribe_token(reachable.pk, "digest") + "x") is None


def test_smtp_down_is_retried_later(reachable, acme_close, smtp_down):
    done = run(MORNING)
    assert [r.outcome for r in done.deliveries["reminder"]] == ["retry"]
    reminder = Reminder.objects.get()
    assert reminder.status == "queued"
    assert reminder.attempts == 1
    assert "refused" in reminder.error
    assert reminder.next_attempt_at > MORNING
    smtp_down.start()
    assert run(MORNING).deliveries["reminder"] == []  # not before its retry time
    done = run(reminder.next_attempt_at)
    assert [r.outcome for r in done.deliveries["reminder"]] == ["sent"]
    assert len(smtp_down.messages) == 1
    assert Reminder.objects.get().status == "sent"


def test_a_digest_whose_day_has_passed_is_dropped(reachable, acme_close, smtp_down):
    run(MORNING)
    smtp_down.start()
    done = run(at("2026-11-27 07:00"))
    assert [r.outcome for r in done.deliveries["reminder"]] == ["skipped"]
    assert smtp_down.messages == []


def test_the_worker_stops_between_rows(reachable, acme_close, charlie, smtp, monkeypatch):
    from closer.pipeline.services import PersonInput, interview_create, opportunity_create
    from closer.reminders.sending import ReminderQueue

    charlie.email = "charlie@example.org"
    charlie.save()
    opportunity = opportunity_create(owner=charlie, company_name="Initech", role="Analyst")
    interview = interview_create(
        opportunity=opportunity,
        starts_at=at("2026-11-25 10:00"),
        interviewers=[PersonInput("Sam", "sam@initech.example")],
    )
    Action.objects.create(
        owner=charlie,
        opportunity=interview.opportunity,
        interview=interview,
        kind="follow_up",
        due_at=MORNING,
        reason="Ask.",
    )
    runner = worker(now=lambda: MORNING)
    original = ReminderQueue.deliver

    def deliver_then_get_stopped(self, *args, **kwargs):
        outcome = original(self, *args, **kwargs)
        runner.stop()  # as SIGTERM would, while this row was in hand
        return outcome

    monkeypatch.setattr(ReminderQueue, "deliver", deliver_then_get_stopped)
    done = runner.run_once()
    assert done.stopped
    assert [r.outcome for r in done.deliveries["reminder"]] == ["sent"]
    assert len(smtp.messages) == 1
    assert Reminder.objects.filter(status="queued").count() == 1
