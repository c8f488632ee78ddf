"""Realistic data, fast: a heavy job seeker, and a career centre full of ordinary ones.

Rows go in with bulk_create in large batches (the services would re-plan after every write,
which is right for people and far too slow for a million rows). The shapes follow what the
services produce: every interview has a close, actions respect the uniqueness rule, most past
actions are done or cancelled and the open ones sit around "now".
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from closer.accounts.models import UserSettings
from closer.core.records import ActionKind, CloseAnswer, Permission
from closer.outbox.models import Note
from closer.people.models import Contact
from closer.pipeline.models import Action, Close, Company, Interview, Opportunity

BATCH = 5000
STATUSES = [s for s, _ in Opportunity.Status.choices]
# Message kinds that each interview may carry, in the order a plan produces them.
KINDS = [
    ActionKind.THANK_YOU,
    ActionKind.FOLLOW_UP,
    ActionKind.CONFIRM_ROUND,
    ActionKind.PREPARE_ROUND,
    ActionKind.FEEDBACK_REQUEST,
    ActionKind.RECONNECT,
    ActionKind.REVISIT,
]


@dataclass(frozen=True)
class Shape:
    opportunities: int
    interviews_per: int
    actions: int
    notes: int
    contacts: int


HEAVY = Shape(opportunities=2000, interviews_per=3, actions=20_000, notes=5000, contacts=1500)
ORDINARY = Shape(opportunities=10, interviews_per=2, actions=100, notes=20, contacts=12)


def make_user(username: str, tz: str = "America/New_York"):
    user = get_user_model().objects.create(username=username)
    UserSettings.objects.create(user=user, time_zone=tz)
    return user


@transaction.atomic
def seed_user(owner, shape: Shape, now: datetime, rng: random.Random) -> int:
    """One user's pipeline in the given shape; returns the number of actions created."""
    contacts = Contact.objects.bulk_create(
        [
            Contact(owner=owner, name=f"Person {i}", email=f"p{i}.{owner.pk}@ex.example")
            for i in range(shape.contacts)
        ],
        batch_size=BATCH,
    )
    companies = Company.objects.bulk_create(
        [
            Company(owner=owner, name=f"Company {i}")
            for i in range(max(1, shape.opportunities // 2))
        ],
        batch_size=BATCH,
    )
    opportunities = Opportunity.objects.bulk_create(
        [
            Opportunity(
                owner=owner,
                company=companies[i % len(companies)],
                role=f"Role {i}",
                status=rng.choice(STATUSES),
            )
            for i in range(shape.opportunities)
        ],
        batch_size=BATCH,
    )
    interviews = Interview.objects.bulk_create(
        [
            Interview(
                owner=owner,
                opportunity=opportunity,
                round=r + 1,
                starts_at=now - timedelta(days=rng.randint(1, 400), hours=rng.randint(0, 8)),
            )
            for opportunity in opportunities
            for r in range(shape.interviews_per)
        ],
        batch_size=BATCH,
    )
    through = Interview.interviewers.through
    people = {iv.pk: rng.sample(contacts, k=min(2, len(contacts))) for iv in interviews}
    through.objects.bulk_create(
        [through(interview=iv, contact=c) for iv in interviews for c in people[iv.pk]],
        batch_size=BATCH,
    )
    Close.objects.bulk_create(
        [
            Close(
                owner=owner,
                interview=iv,
                asked_for_job=rng.random() < 0.6,
                answer=rng.choice(list(CloseAnswer)).value,
                expected_date=(iv.starts_at + timedelta(days=9)).date(),
                expected_words="end of next week",
                permission=Permission.YES.value,
                logged_at=iv.starts_at + timedelta(hours=1),
            )
            for iv in interviews
        ],
        batch_size=BATCH,
    )
    per_interview = max(1, round(shape.actions / len(interviews)))
    actions = []
    for iv in interviews:
        for index in range(per_interview):
            kind = KINDS[index % len(KINDS)]
            step = index // len(KINDS) + 1
            due = now + timedelta(hours=rng.randint(-24 * 60, 24 * 30))
            # Only the live part of a pipeline (the last two weeks' interviews) still has open
            # actions; older ones were done, skipped or cancelled long ago.
            is_open = iv.starts_at > now - timedelta(days=14) and due > now - timedelta(days=3)
            status = Action.Status.OPEN if is_open else rng.choice(["done", "skipped", "cancelled"])
            actions.append(
                Action(
                    owner=owner,
                    interview=iv,
                    kind=kind.value,
                    step=step,
                    contact=people[iv.pk][0],
                    due_at=due,
                    reason=f"Planned {kind.value.replace('_', ' ')} for round {iv.round}.",
                    status=status,
                )
            )
    actions = Action.objects.bulk_create(actions[: shape.actions], batch_size=BATCH)
    messages = [a for a in actions if a.kind != ActionKind.PREPARE_ROUND.value][: shape.notes]
    Note.objects.bulk_create(
        [
            Note(
                owner=owner,
                action=a,
                to="Person <p@ex.example>",
                subject="Thank you",
                body="Hi,\n\nThank you for your time today.\n\nBest wishes,",
                status=Note.Status.SENT,
                message_id=f"<bench-{a.pk}@closer.example>",
                sent_at=a.due_at,
            )
            for a in messages
        ],
        batch_size=BATCH,
    )
    return len(actions)


def seed_centre(users: int, now: datetime, rng: random.Random, *, shape: Shape = ORDINARY) -> int:
    """Many ordinary users (their data is what the measured user must not pay for)."""
    total = 0
    for i in range(users):
        total += seed_user(make_user(f"member{i}"), shape, now, rng)
        if (i + 1) % 500 == 0:
            print(f"  {i + 1}/{users} users, {total:,} actions", file=sys.stderr, flush=True)
    return total
