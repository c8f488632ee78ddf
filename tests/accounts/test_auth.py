"""Hosted accounts: sign up, log in (throttled), password reset and change, email change,
session expiry, and local mode's loopback-only rule."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from accounts.world import PASSWORD, person
from django.core import mail
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def login(client: Client, email: str, password: str = PASSWORD, **extra):
    return client.post("/login/", {"username": email, "password": password}, **extra)


def test_anonymous_visitors_are_sent_to_log_in(hosted, client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=/")


def test_log_in_and_out(people, client):
    assert login(client, "Alice@Example.org").status_code == 302
    assert client.get("/").status_code == 200
    client.post("/logout/")
    assert client.get("/").status_code == 302


def test_open_sign_up_is_used_once_the_address_is_confirmed(
    hosted, client, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/signup/", {"email": "Sam@Example.org", "password": PASSWORD})
    assert "Check your email" in response.content.decode()
    sam = get_user_model().objects.get(username="sam@example.org")
    assert sam.email == "sam@example.org" and not sam.is_active
    assert client.get("/").status_code == 302  # not logged in yet
    assert login(Client(), "sam@example.org").status_code == 200  # nor able to
    [message] = mail.outbox
    path = re.search(r"http://testserver(/signup/confirm/\S+/)", message.body).group(1)
    assert client.get(path).status_code == 200  # a link scanner's GET changes nothing
    sam.refresh_from_db()
    assert not sam.is_active
    assert client.post(path).status_code == 302
    assert client.get("/").status_code == 200
    assert login(Client(), "sam@example.org").status_code == 302


def test_sign_up_rejects_a_weak_password_and_says_nothing_of_a_taken_email(
    people, client, django_capture_on_commit_callbacks
):
    weak = client.post("/signup/", {"email": "new@example.org", "password": "12345678"})
    assert weak.status_code == 200 and "too common" in weak.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post("/signup/", {"email": "alice@example.org", "password": PASSWORD})
        fresh = client.post("/signup/", {"email": "fresh@example.org", "password": PASSWORD})

    # The same page either way; only the address's owner learns, by email, which it was.
    def shown(response) -> str:
        text = response.content.decode().replace("alice@", "X@").replace("fresh@", "X@")
        return re.sub(r'(csrfmiddlewaretoken" value|X-CSRFToken": )"[^"]*"', "", text)

    assert shown(taken) == shown(fresh) and "Check your email" in shown(taken)
    told = {m.to[0]: m for m in mail.outbox}
    assert "has an account already" in told["alice@example.org"].body
    assert "/signup/confirm/" in told["fresh@example.org"].body
    assert login(Client(), "alice@example.org").status_code == 302  # her password stands


def test_invite_only_sign_up_needs_an_invitation_for_that_email(hosted, client):
    from closer.accounts.services import invitation_create

    hosted.CLOSER_SIGNUP = "invite"
    refused = client.post("/signup/", {"email": "sam@example.org", "password": PASSWORD})
    assert "by invitation" in refused.content.decode()
    token = invitation_create(email="sam@example.org")
    wrong_email = client.post(
        "/signup/", {"email": "eve@example.org", "password": PASSWORD, "invite": token}
    )
    assert "by invitation" in wrong_email.content.decode()
    ok = client.post(
        "/signup/", {"email": "sam@example.org", "password": PASSWORD, "invite": token}
    )
    assert ok.status_code == 302
    # Used once only.
    again = Client().post(
        "/signup/", {"email": "sam2@example.org", "password": PASSWORD, "invite": token}
    )
    assert again.status_code == 200


def test_too_many_failures_lock_the_account_even_for_the_right_password(people, client):
    for _ in range(5):
        assert login(client, "alice@example.org", "wrong").status_code == 200
    locked = login(client, "alice@example.org")
    assert locked.status_code == 200
    assert "Too many attempts to log in" in locked.content.decode()
    # From another address too: the limit is per account.
    other = login(Client(REMOTE_ADDR="10.0.0.9"), "alice@example.org")
    assert "Too many attempts" in other.content.decode()
    # Another account from the first address still works.
    assert login(Client(), "bob@example.org").status_code == 302
    # Once the window has passed, the right password works again.
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert login(Client(), "alice@example.org").status_code == 302


def test_too_many_failures_from_one_address_lock_that_address(people):
    for n in range(20):
        login(Client(REMOTE_ADDR="203.0.113.7"), f"nobody{n}@example.org", "wrong")
    locked = login(Client(REMOTE_ADDR="203.0.113.7"), "alice@example.org")
    assert "Too many attempts" in locked.content.decode()
    assert login(Client(REMOTE_ADDR="203.0.113.8"), "alice@example.org").status_code == 302


def test_the_throttle_reads_the_address_behind_a_trusted_proxy(people, settings):
    settings.CLOSER_PROXY_COUNT = 1
    for n in range(20):
        login(Client(), f"n{n}@example.org", "x", HTTP_X_FORWARDED_FOR="198.51.100.1")
    # Same proxy (REMOTE_ADDR), another person behind it: not locked.
    fine = login(Client(), "alice@example.org", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert fine.status_code == 302
    # A spoofed first entry does not help the locked address.
    spoofed = login(Client(), "bob@example.org", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    assert "Too many attempts" in spoofed.content.decode()


def test_password_reset_by_email_through_a_real_smtp_server(
    people, smtp, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/password-reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == "alice@example.org"
    body = message.get_body(("plain",)).get_content()
    assert "Choose a new password" in message.get_body(("html",)).get_content()
    link = re.search(r"http://testserver(/password-reset/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    new = "a brand new passphrase 42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert login(Client(), "alice@example.org", new).status_code == 302
    assert login(Client(), "alice@example.org").status_code == 200  # the old one is gone


def test_password_reset_says_nothing_about_unknown_addresses(
    people, smtp, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and smtp.messages == []


def test_changing_the_password_ends_other_sessions(people):
    here, elsewhere = Client(), Client()
    login(here, "alice@example.org")
    login(elsewhere, "alice@example.org")
    new = "another good passphrase 7"
    changed = here.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert changed.status_code == 302
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_a_session_expires(people, settings):
    client = Client()
    login(client, "alice@example.org")
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)):
        assert client.get("/").status_code == 302


def test_email_change_is_confirmed_from_the_new_address(
    people, client, django_capture_on_commit_callbacks
):
    alice = people["owner"]
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/email/", {"email": "alice@new.example", "password": PASSWORD})
    [message] = mail.outbox
    assert message.to == ["alice@new.example"]
    path = re.search(r"http://testserver(/account/email/confirm/\S+/)", message.body).group(1)
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"  # not before the link is opened
    assert client.get(path).status_code == 200
    client.post(path)
    alice.refresh_from_db()
    assert alice.email == alice.username == "alice@new.example"
    client.post(path)  # the link works once
    alice.refresh_from_db()
    assert alice.email == "alice@new.example"


def test_email_change_needs_the_password(people, client):
    client.force_login(people["owner"])
    page = client.post("/account/email/", {"email": "x@new.example", "password": "nope"})
    assert "not your current password" in page.content.decode() and not mail.outbox


def test_local_mode_answers_loopback_only(db):
    assert Client().get("/").status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.5").get("/").status_code == 403


def test_local_mode_needs_no_login(db, client):
    assert client.get("/login/").status_code == 302
    assert client.get("/account/").status_code == 200


def test_new_people_get_their_own_empty_pipeline(people):
    newcomer = person("new@example.org")
    client = Client()
    client.force_login(newcomer)
    assert client.get("/opportunities/").status_code == 200


def test_an_email_change_link_is_spent_even_after_changing_back(people):
    from closer.accounts.services import (
        InvitationError,
        email_change_confirm,
        email_change_token,
    )

    alice = people["owner"]
    there = email_change_token(user=alice, new_email="alice@new.example")
    assert email_change_confirm(user=alice, token=there) == "alice@new.example"
    back = email_change_token(user=alice, new_email="alice@example.org")
    assert email_change_confirm(user=alice, token=back) == "alice@example.org"
    with pytest.raises(InvitationError, match="used already"):
        email_change_confirm(user=alice, token=there)
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"
