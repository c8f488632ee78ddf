"""Deleting an account leaves nothing that holds the person's name or address, and what they
wrote for someone else stays with that person."""

from __future__ import annotations

import pytest
from accounts.world import PASSWORD, coach_for, person
from django.contrib.sessions.models import Session
from django.test import Client

from closer.accounts.models import Coaching, Invitation, LoginFailure
from closer.accounts.services import account_delete, coaching_invite, invitation_create
from closer.coaching.models import Comment
from closer.coaching.services import comment_add
from closer.pipeline.services import opportunity_create

pytestmark = pytest.mark.django_db


def _sessions_of(user) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def test_it_ends_every_session_and_forgets_every_trace_of_the_address(hosted):
    alice, sam = person("alice@example.org"), person("sam@example.org")
    for _ in range(2):
        Client().post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    Client().post("/login/", {"username": "alice@example.org", "password": "wrong"})
    Client().post("/login/", {"username": "sam@example.org", "password": PASSWORD})
    invitation_create(email="alice@example.org")
    coaching_invite(owner=sam, email="alice@example.org", base_url="http://t")
    assert _sessions_of(alice) == 2 and LoginFailure.objects.count() == 1

    account_delete(user=alice)

    assert _sessions_of(alice) == 0
    assert not LoginFailure.objects.filter(username="alice@example.org").exists()
    assert not Invitation.objects.filter(email="alice@example.org").exists()
    assert not Coaching.objects.filter(email="alice@example.org").exists()
    # Someone else's session is theirs.
    assert _sessions_of(sam) == 1


def test_a_coach_who_leaves_leaves_their_comments_with_the_client(hosted):
    client, coach = person("client@example.org"), person("coach@example.org")
    coach_for(client, coach)
    opportunity = opportunity_create(owner=client, company_name="Acme", role="AE")
    comment_add(opportunity=opportunity, author=coach, body="Ask about the team.")

    account_delete(user=coach)

    (kept,) = Comment.objects.filter(owner=client)
    assert kept.author is None and kept.body == "Ask about the team."
    assert kept.signed == "coach@example.org (account deleted)"
    page = Client()
    page.force_login(client)
    assert "coach@example.org (account deleted)" in page.get("/coaching/").content.decode()
