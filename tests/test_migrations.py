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
