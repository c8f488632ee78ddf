"""Migrations that change stored values bring existing rows along (on both databases)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("pipeline", "0004_close_remarks"),
    ("reminders", "0002_indexes_for_the_worker"),
]


@pytest.mark.django_db(transaction=True)
def test_stored_values_take_one_separator_and_one_word_for_waiting():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="before@example.org")
    company = old.get_model("pipeline", "Company").objects.create(owner_id=user.pk, name="Acme")
    opportunity = old.get_model("pipeline", "Opportunity").objects.create(
        owner_id=user.pk, company=company, role="AE"
    )
    interview = old.get_model("pipeline", "Interview").objects.create(
        owner_id=user.pk, opportunity=opportunity, starts_at="2026-11-25T14:00Z"
    )
    old.get_model("pipeline", "Close").objects.create(
        owner_id=user.pk,
        interview=interview,
        answer="next-round",
        permission="not-asked",
        logged_at="2026-11-25T15:00Z",
    )
    old.get_model("pipeline", "Answer").objects.create(
        owner_id=user.pk,
        opportunity=opportunity,
        kind="next-round",
        received_at="2026-11-26T09:00Z",
    )
    old.get_model("reminders", "Reminder").objects.create(
        user_id=user.pk, kind="digest", day="2026-11-26", status="pending", message_id="<m@x>"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from closer.pipeline.models import Answer, Close
    from closer.reminders.models import Reminder

    close = Close.objects.get(interview_id=interview.pk)
    assert (close.answer, close.permission) == ("next_round", "not_asked")
    assert Answer.objects.get(opportunity_id=opportunity.pk).kind == "next_round"
    assert Reminder.objects.get(user_id=user.pk).status == "queued"


@pytest.mark.django_db(transaction=True)
def test_every_existing_action_comes_to_know_its_opportunity():
    before = [("pipeline", "0005_one_separator_in_enum_values")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("auth", "User").objects.create(username="actions@example.org")
    company = old.get_model("pipeline", "Company").objects.create(owner_id=user.pk, name="Acme")
    Opportunity = old.get_model("pipeline", "Opportunity")
    Interview = old.get_model("pipeline", "Interview")
    made = {}
    for role in ("AE", "SE"):
        opportunity = Opportunity.objects.create(owner_id=user.pk, company=company, role=role)
        interview = Interview.objects.create(
            owner_id=user.pk, opportunity=opportunity, starts_at="2026-11-25T14:00Z"
        )
        action = old.get_model("pipeline", "Action").objects.create(
            owner_id=user.pk,
            interview=interview,
            kind="thank_you",
            due_at="2026-11-25T20:00Z",
            reason="Thank them.",
        )
        made[action.pk] = opportunity.pk

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from closer.pipeline.models import Action

    assert dict(Action.objects.filter(pk__in=made).values_list("pk", "opportunity_id")) == made
