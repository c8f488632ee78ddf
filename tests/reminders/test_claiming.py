"""Claiming reminders in batches: the oldest due rows first, never a row another worker holds,
unsent rows handed back on a stop, and a batch never held longer than half the lease."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.utils import make_msgid

import pytest
from django.db import connection, transaction
from helpers import at, make_user

from closer.pipeline.models import Action
from closer.pipeline.services import PersonInput, interview_create, opportunity_create
from closer.reminders.models import Reminder
from closer.reminders.sending import CLAIM_LEASE, reminders_claim, reminders_release
from closer.worker import worker

MORNING = at("2026-11-26 08:05")


def _reminder(name: str, day: str = "2026-11-26", **fields) -> Reminder:
    return Reminder.objects.create(
        user=make_user(name),
        kind="digest",
        day=day,
        message_id=make_msgid(domain="closer.invalid"),
        **fields,
    )


def test_a_claim_takes_the_oldest_due_rows_up_to_its_limit(db):
    today = _reminder("today")
    yesterday = _reminder("yesterday", day="2026-11-25")
    abandoned = _reminder(
        "abandoned", status="sending", claimed_at=MORNING - CLAIM_LEASE - timedelta(seconds=1)
    )
    _reminder("retry-later", next_attempt_at=MORNING + timedelta(minutes=5))
    _reminder("in-hand", status="sending", claimed_at=MORNING - timedelta(minutes=1))
    _reminder("done", status="sent")

    assert reminders_claim(MORNING, 2) == [yesterday.pk, today.pk]
    assert reminders_claim(MORNING, 2) == [abandoned.pk]
    assert reminders_claim(MORNING, 2) == []
    claimed = Reminder.objects.filter(pk__in=[today.pk, yesterday.pk, abandoned.pk])
    assert {(r.status, r.claimed_at) for r in claimed} == {("sending", MORNING)}


def test_release_hands_back_only_the_rows_this_claim_still_holds(db):
    first, second, third = (_reminder(name) for name in ("first", "second", "third"))
    assert reminders_claim(MORNING, 3) == [first.pk, second.pk, third.pk]
    Reminder.objects.filter(pk=first.pk).update(status="sent")
    later = MORNING + CLAIM_LEASE + timedelta(minutes=1)
    assert reminders_claim(later, 1) == [second.pk]  # taken over by another worker

    assert reminders_release([first.pk, second.pk, third.pk], claimed_at=MORNING) == 1
    states = dict(Reminder.objects.values_list("pk", "status"))
    assert states == {first.pk: "sent", second.pk: "sending", third.pk: "queued"}
    assert Reminder.objects.get(pk=third.pk).claimed_at is None


@pytest.mark.postgres_only
def test_a_claim_skips_rows_another_worker_is_claiming(transactional_db):
    rows = [_reminder(name).pk for name in ("locked", "free-1", "free-2")]

    def claim_in_another_connection() -> list[int]:
        try:
            return reminders_claim(MORNING, 10)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool, transaction.atomic():
        # Another worker is between its SELECT ... FOR UPDATE and its commit.
        Reminder.objects.select_for_update().filter(pk=rows[0]).get()
        claimed = pool.submit(claim_in_another_connection).result(timeout=10)
    assert claimed == rows[1:]
    assert Reminder.objects.get(pk=rows[0]).status == "queued"


def _charlie_with_a_follow_up_due(charlie) -> None:
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


def test_a_batch_held_past_half_the_lease_is_claimed_afresh(
    reachable, acme_close, charlie, smtp, monkeypatch
):
    from closer.reminders.sending import ReminderQueue

    _charlie_with_a_follow_up_due(charlie)
    clock = [MORNING]
    claims = []
    claim, deliver = ReminderQueue.claim, ReminderQueue.deliver

    def recorded_claim(self, **kwargs):
        claims.append(claim(self, **kwargs))
        return claims[-1]

    def slow_deliver(self, *args, **kwargs):
        outcome = deliver(self, *args, **kwargs)
        clock[0] += CLAIM_LEASE / 2 + timedelta(seconds=1)  # a very slow mail server
        return outcome

    monkeypatch.setattr(ReminderQueue, "claim", recorded_claim)
    monkeypatch.setattr(ReminderQueue, "deliver", slow_deliver)
    done = worker(now=lambda: clock[0]).run_once()
    assert [r.outcome for r in done.deliveries["reminder"]] == ["sent", "sent"]
    first, second = claims[0]
    assert claims == [[first, second], [second], []]
    assert len(smtp.messages) == 2
