"""Fixtures for reminders: alice with an address, a real SMTP sink, a feed token."""

from __future__ import annotations

import pytest


@pytest.fixture
def reachable(alice):
    """alice, with an address her reminders can go to."""
    alice.email = "zoe@example.org"
    alice.save(update_fields=["email"])
    return alice


@pytest.fixture
def sender(alice):
    """alice's own address as the sender of her notes (so an invite can tell her apart)."""
    from closer.accounts.services import settings_for

    prefs = settings_for(alice)
    prefs.from_email = "zoe@example.org"
    prefs.save()
    return prefs


@pytest.fixture
def token(alice) -> str:
    from closer.reminders.feed import feed_rotate

    return feed_rotate(user=alice)
