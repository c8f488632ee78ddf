"""Small helpers shared by tests (import with `from helpers import ...`)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

NEW_YORK = ZoneInfo("America/New_York")


def make_user(username: str, tz: str = "America/New_York"):
    from django.contrib.auth import get_user_model

    from closer.accounts.services import settings_for

    user = get_user_model().objects.create_user(username=username)
    found = settings_for(user)
    found.time_zone = tz
    found.save()
    return user


def at(text: str) -> datetime:
    """A New York wall-clock time, e.g. at("2026-11-25 14:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=NEW_YORK)


def acme_close_for(owner):
    """Acme, round 1 with Dana Lee on 25 Nov 2026, pending, expected 4 Dec, latest 10 Dec,
    permission given: a thank-you and a follow-up."""
    from datetime import date

    from closer.core.records import CloseAnswer, Permission
    from closer.pipeline.services import CloseInput, PersonInput, close_log_new

    return close_log_new(
        owner=owner,
        company_name="Acme",
        role="Account Executive",
        starts_at=at("2026-11-25 14:00"),
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.PENDING,
            expected_date=date(2026, 12, 4),
            latest_date=date(2026, 12, 10),
            permission=Permission.YES,
        ),
        now=at("2026-11-25 15:00"),
    )


def database_url() -> str:
    """The test database as a DATABASE_URL, for a `closer` process started by a test."""
    from django.db import connection

    found = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{found['NAME']}"
    auth = found["USER"] + (f":{found['PASSWORD']}" if found["PASSWORD"] else "")
    host = f"{found['HOST'] or '127.0.0.1'}:{found['PORT'] or 5432}"
    return f"postgresql://{auth}@{host}/{found['NAME']}"
