"""Realistic data, fast: a heavy job seeker, and a career centre full of ordinary ones.

Rows go in with bulk_create in large batches, and the biggest tables with COPY (the services
would re-plan after every write, which is right for people and far too slow for a million
rows). The shapes follow what the services produce: every interview has a close, actions
respect the uniqueness rule, most past actions are done or cancelled and the open ones sit
around "now".
"""

from __future__ import annotations

import random
import secrets
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import Field, Max, Model
from django.utils import timezone
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from closer.accounts.models import UserSettings
from closer.core.records import ActionKind, CloseAnswer, Permission
from closer.outbox.models import Note
from closer.people.models import Contact
from closer.pipeline.models import Action, Close, Company, Interview, Opportunity

BATCH = 5000
# Enough users that each INSERT is large, few enough that a batch stays a few MB in memory.
USERS_PER_TRANSACTION = 250
ANSWERS = [answer.value for answer in CloseAnswer]
STATUSES = [s.value for s in Opportunity.Status]
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
    # How far back the interviews go. Those of the last two weeks still have open actions, so
    # a short span is someone in the middle of a search, with a few rows on Today.
    days: int = 90


HEAVY = Shape(
    opportunities=2000, interviews_per=3, actions=20_000, notes=5000, contacts=1500, days=400
)


def ordinary(opportunities: int = 10) -> Shape:
    """An ordinary pipeline at any size: per opportunity, two interviews, ten actions, two notes
    and a little over one contact."""
    return Shape(
        opportunities=opportunities,
        interviews_per=2,
        actions=10 * opportunities,
        notes=2 * opportunities,
        contacts=max(2, round(1.2 * opportunities)),
    )


ORDINARY = ordinary()


@transaction.atomic
def seed_user(owner, shape: Shape, now: datetime, rng: random.Random) -> int:
    """One user's pipeline in the given shape; returns the number of actions created."""
    return _seed_owners([owner], shape, now, rng)


def _seed_owners(
    owners: list[AbstractBaseUser], shape: Shape, now: datetime, rng: random.Random
) -> int:
    """Each owner's pipeline in the given shape, each table written once for all of them;
    returns the number of actions created. The caller holds the transaction."""
    # Seeding the same owner twice (an ordinary pipeline, then a heavy one on top) must not
    # repeat an address, even with the same random seed: each call draws its own.
    call = secrets.token_hex(3)
    contacts = _by_owner(
        Contact.objects.bulk_create(
            [
                Contact(owner=owner, name=f"Person {i}", email=f"p{i}.{owner.pk}.{call}@ex.example")
                for owner in owners
                for i in range(shape.contacts)
            ],
            batch_size=BATCH,
        )
    )
    companies = _by_owner(
        Company.objects.bulk_create(
            [
                Company(owner=owner, name=f"Company {i}-{call}")
                for owner in owners
                for i in range(max(1, shape.opportunities // 2))
            ],
            batch_size=BATCH,
        )
    )
    opportunities = Opportunity.objects.bulk_create(
        [
            Opportunity(
                owner=owner,
                company=companies[owner.pk][i % len(companies[owner.pk])],
                role=f"Role {i}",
                status=rng.choice(STATUSES),
            )
            for owner in owners
            for i in range(shape.opportunities)
        ],
        batch_size=BATCH,
    )
    interviews = Interview.objects.bulk_create(
        [
            Interview(
                owner_id=opportunity.owner_id,
                opportunity=opportunity,
                round=r + 1,
                starts_at=now - timedelta(days=rng.randint(1, shape.days), hours=rng.randint(0, 8)),
            )
            for opportunity in opportunities
            for r in range(shape.interviews_per)
        ],
        batch_size=BATCH,
    )
    through = Interview.interviewers.through
    people = {
        iv.pk: rng.sample(contacts[iv.owner_id], k=min(2, len(contacts[iv.owner_id])))
        for iv in interviews
    }
    _copy_rows(
        through,
        [{"interview_id": iv.pk, "contact_id": c.pk} for iv in interviews for c in people[iv.pk]],
    )
    _copy_rows(
        Close,
        [
            {
                "owner_id": iv.owner_id,
                "interview_id": iv.pk,
                "asked_for_job": rng.random() < 0.6,
                "answer": rng.choice(ANSWERS),
                "expected_date": (iv.starts_at + timedelta(days=9)).date(),
                "expected_words": "end of next week",
                "permission": Permission.YES.value,
                "logged_at": iv.starts_at + timedelta(hours=1),
            }
            for iv in interviews
        ],
    )
    interviews_of = _by_owner(interviews)
    first_new = Action.objects.aggregate(last=Max("pk"))["last"] or 0
    actions = []
    for owner in owners:
        actions += _actions(interviews_of[owner.pk], people, shape, now, rng)
    _copy_rows(Action, actions)
    # COPY hands back no ids; the notes need them, in creation order.
    made = _by_owner(
        Action.objects.filter(owner__in=owners, pk__gt=first_new)
        .order_by("pk")
        .values("pk", "owner_id", "kind", "due_at")
    )
    messages = []
    for mine in made.values():
        messages += [a for a in mine if a["kind"] != ActionKind.PREPARE_ROUND.value][: shape.notes]
    _copy_rows(
        Note,
        [
            {
                "owner_id": a["owner_id"],
                "action_id": a["pk"],
                "to": "Person <p@ex.example>",
                "subject": "Thank you",
                "body": "Hi,\n\nThank you for your time today.\n\nBest wishes,",
                "status": Note.Status.SENT.value,
                "message_id": f"<bench-{a['pk']}@closer.example>",
                "sent_at": a["due_at"],
            }
            for a in messages
        ],
    )
    return len(actions)


def _actions(
    interviews: list[Interview],
    people: dict[int, list[Contact]],
    shape: Shape,
    now: datetime,
    rng: random.Random,
) -> list[dict[str, object]]:
    """One owner's actions (rows for _copy_rows), spread evenly over their interviews."""
    # Exactly shape.actions in all: the first interviews take one more than the rest.
    each, extra = divmod(shape.actions, len(interviews))
    actions = []
    for position, iv in enumerate(interviews):
        for index in range(each + (position < extra)):
            kind = KINDS[index % len(KINDS)]
            step = index // len(KINDS) + 1
            due = now + timedelta(hours=rng.randint(-24 * 60, 24 * 30))
            # Only the live part of a pipeline (the last two weeks' interviews) still has open
            # actions; older ones were done, skipped or cancelled long ago.
            is_open = iv.starts_at > now - timedelta(days=14) and due > now - timedelta(days=3)
            status = Action.Status.OPEN if is_open else rng.choice(["done", "skipped", "cancelled"])
            actions.append(
                {
                    "owner_id": iv.owner_id,
                    "opportunity_id": iv.opportunity_id,
                    "interview_id": iv.pk,
                    "kind": kind.value,
                    "step": step,
                    "contact_id": people[iv.pk][0].pk,
                    "due_at": due,
                    "reason": f"Planned {kind.value.replace('_', ' ')} for round {iv.round}.",
                    "status": str(status),
                }
            )
    return actions


def _by_owner(rows: Iterable[Any]) -> dict[int, list[Any]]:
    """Model objects or value dicts grouped by owner id, each group in creation order."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row["owner_id"] if isinstance(row, dict) else row.owner_id].append(row)
    return grouped


def _copy_rows(model: type[Model], rows: list[dict[str, object]]) -> None:
    """Rows (attribute name -> value) straight into the model's table: COPY on PostgreSQL, one
    executemany on SQLite. At a million rows Django's per-field preparation in bulk_create
    costs about twice what the database itself spends, so the biggest tables skip it. Fields
    left out get their default, and auto_now fields the current time, as bulk_create would."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    stamp = timezone.now()
    defaults = {f.attname: _default(f, stamp) for f in fields}
    records = [tuple(row.get(f.attname, defaults[f.attname]) for f in fields) for row in rows]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row(record)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",
                [tuple(_stored(value) for value in record) for record in records],
            )


def _default(field: Field, stamp: datetime) -> object:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return stamp
    value = field.get_default()
    return value.value if isinstance(value, Enum) else value


def _stored(value: object) -> object:
    """A value as Django stores it in SQLite (aware datetimes as naive UTC text)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def seed_centre(users: int, now: datetime, rng: random.Random, *, shape: Shape = ORDINARY) -> int:
    """Many ordinary users (their data is what the measured user must not pay for), a few
    hundred per transaction with each table written once per batch, COPY for the biggest
    tables. `make bench` reports how long 10,000 users (a million actions) took."""
    User = get_user_model()
    # Seeding again into the same database, even with the same random seed, draws new names.
    call = secrets.token_hex(3)
    total = 0
    with _progress(users, "Career centre") as advance:
        for batch, first in enumerate(range(0, users, USERS_PER_TRANSACTION), start=1):
            last = min(users, first + USERS_PER_TRANSACTION)
            with transaction.atomic():
                members = User.objects.bulk_create(
                    [User(username=f"member{i}-{call}") for i in range(first, last)]
                )
                UserSettings.objects.bulk_create(
                    [UserSettings(user=member, time_zone="America/New_York") for member in members]
                )
                total += _seed_owners(members, shape, now, rng)
            # As autovacuum would while the tables grow: with statistics that still describe
            # a nearly empty database, PostgreSQL checks each new row's owner by reading the
            # whole user table (1,000 users: 188,000 scans, 94 million rows read), so every
            # batch is slower than the last (2,000 users: 30 s, against 13 s with this).
            # Analysing after batches 1, 2, 4, 8, ... keeps its own cost small.
            if batch & (batch - 1) == 0:
                _analyse()
            advance(last, total)
    return total


@contextmanager
def _progress(users: int, what: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on a terminal; elsewhere (a log) one line per batch. Yields a function
    to call with the users and actions made so far."""
    console = Console(stderr=True)
    started = time.perf_counter()
    if not console.is_terminal:

        def line(done: int, actions: int) -> None:
            seconds = time.perf_counter() - started
            print(
                f"  {what}: {done:,}/{users:,} users, {actions:,} actions, {seconds:.0f} s",
                file=sys.stderr,
                flush=True,
            )

        yield line
        return
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("users, {task.fields[actions]:,} actions"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(what, total=users, actions=0)
        yield lambda done, actions: bar.update(task, completed=done, actions=actions)


def _analyse() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def tidy(table: str = "") -> None:
    """What autovacuum does after a burst of writes, for one table or all: on PostgreSQL,
    VACUUM ANALYZE, so the planner knows how large the tables are and no timed run wades
    through dead row versions left by the seeding or by the runs before it (each run resets
    the same rows)."""
    command = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {connection.ops.quote_name(table)}" if table else command)
