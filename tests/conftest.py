"""Shared fixtures. Every test gets its own data directory and a real clock unless it sets one."""

from __future__ import annotations

import os

import pytest
from helpers import acme_close_for, at, make_user
from hypothesis import settings


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "closer-data"))
    monkeypatch.delenv("CLOSER_NOW", raising=False)


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free loopback port, and Django pointed at it."""
    from outbox.smtp_server import SmtpServer, use_smtp

    server = SmtpServer()
    server.start()
    use_smtp(settings, server.port)
    yield server
    server.stop()


@pytest.fixture
def smtp_down(settings):
    """The same server, not started yet: connections are refused until `.start()`."""
    from outbox.smtp_server import SmtpServer, use_smtp

    server = SmtpServer()
    use_smtp(settings, server.port)
    yield server
    server.stop()


@pytest.fixture
def alice(db):
    """The owner (in local mode, the implicit user 'me')."""
    from closer.accounts.services import local_user, settings_for

    user = local_user()
    found = settings_for(user)
    found.time_zone = "America/New_York"
    found.save()
    return user


@pytest.fixture
def charlie(db):
    """A stranger whose rows alice must never see."""
    return make_user("charlie")


@pytest.fixture
def interview(alice):
    """Acme, Account Executive: round 1 with Dana Lee on Wed 25 Nov 2026 at 14:00, no close."""
    from closer.pipeline.services import PersonInput, interview_create, opportunity_create

    opportunity = opportunity_create(owner=alice, company_name="Acme", role="Account Executive")
    return interview_create(
        opportunity=opportunity,
        starts_at=at("2026-11-25 14:00"),
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
    )


@pytest.fixture
def acme_close(alice):
    """The acceptance scenario: Acme, Dana Lee, pending, expected 4 Dec, latest 10 Dec."""
    return acme_close_for(alice)


# CI explores the same examples on every run, so a landing never hinges on a lucky draw;
# local runs keep exploring new ones. No deadline anywhere: speed is measured by `make bench`,
# and a busy machine must not turn a correct example into a failure.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("local", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "local")


def pytest_collection_modifyitems(config, items):
    """Tests about one database's own features run in that database's pass of `make test`
    and are left out (deselected, not skipped) of the other: every test that is collected
    runs, so a skip in CI always means something is missing."""
    from django.conf import settings as django_settings

    engine = django_settings.DATABASES["default"]["ENGINE"]
    other = "postgres_only" if "sqlite" in engine else "sqlite_only"
    chosen, left_out = [], []
    for item in items:
        (left_out if item.get_closest_marker(other) else chosen).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = chosen
