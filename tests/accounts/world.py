"""Hosted-mode people for account and isolation tests: alice (the client), bob (her coach,
she revoked), charlie (a stranger), each able to log in with a password."""

from __future__ import annotations

import pytest

PASSWORD = "correct horse battery staple"


@pytest.fixture
def hosted(settings):
    settings.CLOSER_MODE = "hosted"
    # The test client speaks plain http.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "closer@example.org"
    return settings


def person(email: str):
    from django.contrib.auth import get_user_model

    from closer.accounts.services import settings_for

    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    prefs = settings_for(user)
    prefs.time_zone = "America/New_York"
    prefs.save()
    return user


def coach_for(client, coach, *, active: bool = True):
    from closer.accounts.services import coaching_accept, coaching_invite, coaching_revoke

    token = coaching_invite(owner=client, email=coach.email, base_url="http://testserver").token
    found = coaching_accept(coach=coach, token=token)
    if not active:
        coaching_revoke(coaching=found)
    return found


@pytest.fixture
def people(db, hosted):
    alice = person("alice@example.org")
    bob = person("bob@example.org")
    carol = person("carol@example.org")
    charlie = person("charlie@example.org")
    coach_for(alice, bob)
    coach_for(alice, carol, active=False)
    return {"owner": alice, "coach": bob, "revoked": carol, "stranger": charlie}


def close_for(owner):
    """Acme, round 1 with Dana Lee on 25 Nov 2026, pending: a thank-you and a follow-up."""
    from helpers import acme_close_for

    return acme_close_for(owner)
