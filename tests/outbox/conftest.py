"""Fixtures for notes: a real SMTP server on loopback, a sender, and actions to write for."""

from __future__ import annotations

import pytest
from helpers import at

from closer.pipeline.models import Action

NOW = "2026-11-25T15:30"  # New York: an hour and a half after the Acme interview


@pytest.fixture
def sender(alice):
    """Alice's note settings: a name with accents, her own address and a reply-to."""
    from closer.accounts.services import settings_for

    prefs = settings_for(alice)
    prefs.from_name = "Zoë Ångström"
    prefs.from_email = "zoe@example.org"
    prefs.reply_to = "zoe.replies@example.org"
    prefs.signature = "Zoë Ångström\n+1 555 0100"
    prefs.save()
    return prefs


@pytest.fixture
def frozen_now(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", NOW)
    return at("2026-11-25 15:30")


@pytest.fixture
def thank_you(acme_close) -> Action:
    return Action.objects.get(interview=acme_close.interview, kind="thank_you")


@pytest.fixture
def follow_up(acme_close) -> Action:
    return Action.objects.get(interview=acme_close.interview, kind="follow_up")
