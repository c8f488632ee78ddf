"""Fixtures for the fault suite: the outbox's own, and misbehaving mail servers."""

from __future__ import annotations

import pytest
from accounts.world import hosted  # noqa: F401 (a fixture used here)
from faults.faulty_smtp import FaultySmtpServer
from outbox.conftest import sender, thank_you  # noqa: F401 (fixtures used here)
from outbox.smtp_server import use_smtp


@pytest.fixture(params=["stall", "hang up"])
def faulty_smtp(request, settings):
    """A server that takes the first message, then stalls past the timeout or hangs up."""
    server = FaultySmtpServer(request.param)
    server.start()
    use_smtp(settings, server.port)
    settings.EMAIL_TIMEOUT = 1
    yield server
    server.stop()
