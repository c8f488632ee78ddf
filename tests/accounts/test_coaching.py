"""Coaches: invited by email, read-only, comment, revocable at once, a dashboard."""

from __future__ import annotations

import re

import pytest
from accounts.world import close_for, person
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_client_invites_a_coach_by_email_and_the_coach_accepts(
    hosted, django_capture_on_commit_callbacks
):
    sam, coach = person("sam@example.org"), person("coach@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        as_user(sam).post("/coaching/", {"email": "Coach@Example.org"})
    [message] = mail.outbox
    assert message.to == ["coach@example.org"]
    path = re.search(r"http://testserver(/coaching/accept/\S+/)", message.body).group(1)
    # Someone else who got hold of the link cannot use it.
    other = person("other@example.org")
    as_user(other).post(path)
    assert as_user(other).get("/coach/").content.decode().count("sam@example.org") == 0
    coach_client = as_user(coach)
    assert coach_client.get(path).status_code == 200
    assert coach_client.post(path).status_code == 302
    dashboard = coach_client.get("/coach/").content.decode()
    assert "sam@example.org" in dashboard


# Outside a test transaction, as in production: the email goes when the write commits, and
# the page can say whether it went.
@pytest.mark.django_db(transaction=True)
def test_an_invitation_that_cannot_be_emailed_says_so_and_is_kept(hosted, smtp_down):
    from closer.accounts.models import Coaching

    sam = person("sam@example.org")
    page = as_user(sam).post("/coaching/", {"email": "coach@example.org"}, follow=True)
    assert page.status_code == 200
    text = page.content.decode()
    assert "is saved but the email did not go" in text and "connection was refused" in text
    assert Coaching.objects.filter(owner=sam, email="coach@example.org").exists()


def test_an_invited_coach_without_an_account_can_sign_up_when_sign_up_is_invite_only(hosted):
    from closer.accounts.services import coaching_invite

    hosted.CLOSER_SIGNUP = "invite"
    sam = person("sam@example.org")
    token = coaching_invite(owner=sam, email="new.coach@example.org", base_url="http://t").token
    client = Client()
    signed_up = client.post(
        "/signup/",
        {"email": "new.coach@example.org", "password": "a fine long passphrase", "invite": token},
    )
    assert signed_up.status_code == 302
    assert client.post(f"/coaching/accept/{token}/").status_code == 302
    assert "sam@example.org" in client.get("/coach/").content.decode()


def test_the_dashboard_lists_clients_with_overdue_actions_first(people, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-12-20T10:00")
    alice, bob = people["owner"], people["coach"]
    from accounts.world import coach_for

    calm = person("calm@example.org")
    coach_for(calm, bob)
    close_for(alice)  # its thank-you and follow-up are long overdue by 20 Dec
    page = as_user(bob).get("/coach/")
    text = page.content.decode()
    assert text.index("alice@example.org") < text.index("calm@example.org")
    [first, second] = page.context["rows"]
    assert first.client == alice and first.overdue > 0 and second.overdue == 0


def test_a_coach_reads_the_pipeline_and_comments_but_never_writes(people):
    alice, bob = people["owner"], people["coach"]
    close = close_for(alice)
    opportunity = close.interview.opportunity
    coach = as_user(bob)
    assert coach.get(f"/coach/clients/{alice.pk}/").status_code == 200
    page = coach.get(f"/opportunities/{opportunity.pk}/")
    assert page.status_code == 200
    # The coach reads the plan but is shown no control that would write.
    text = page.content.decode()
    assert "Send a thank-you note" in text
    assert "Record the answer" not in text and "action_done" not in text
    assert f"/actions/{close.interview.actions.first().pk}/done/" not in text
    assert (
        as_user(alice).get(f"/opportunities/{opportunity.pk}/").content.decode().count("/done/")
        >= 1
    )
    assert (
        coach.post(f"/opportunities/{opportunity.pk}/answer/", {"kind": "offer"}).status_code == 403
    )
    opportunity.refresh_from_db()
    assert not opportunity.answers.exists()
    assert (
        coach.post(f"/opportunities/{opportunity.pk}/comments/", {"body": "Nice ask!"}).status_code
        == 302
    )
    seen = as_user(alice).get("/coaching/").content.decode()
    assert "Nice ask!" in seen and "bob@example.org" in seen


def test_revoking_takes_effect_on_the_next_request(people):
    alice, bob = people["owner"], people["coach"]
    opportunity = close_for(alice).interview.opportunity
    coach = as_user(bob)
    assert coach.get(f"/opportunities/{opportunity.pk}/").status_code == 200
    consent = alice.coachings.get(coach=bob, status="active")
    as_user(alice).post(f"/coaching/{consent.pk}/revoke/")
    assert coach.get(f"/opportunities/{opportunity.pk}/").status_code == 404
    assert coach.get(f"/coach/clients/{alice.pk}/").status_code == 404
    assert "alice@example.org" not in coach.get("/coach/").content.decode()


def test_a_coach_sees_nobody_who_did_not_invite_them(people):
    charlie, bob = people["stranger"], people["coach"]
    opportunity = close_for(charlie).interview.opportunity
    coach = as_user(bob)
    assert coach.get(f"/coach/clients/{charlie.pk}/").status_code == 404
    assert coach.get(f"/opportunities/{opportunity.pk}/").status_code == 404
    assert (
        coach.post(f"/opportunities/{opportunity.pk}/comments/", {"body": "hi"}).status_code == 404
    )


def test_a_coachs_own_lists_stay_their_own(people):
    alice, bob = people["owner"], people["coach"]
    close_for(alice)
    today = as_user(bob).get("/").content.decode()
    assert "Acme" not in today


def test_hosted_pages_offer_the_account_and_a_log_out(people):
    client = as_user(people["owner"])
    text = client.get("/").content.decode()
    assert 'href="/account/"' in text and "Log out" in text
    client.post("/logout/")
    assert client.get("/").status_code == 302  # back to the login page


def test_local_mode_has_no_log_out(client, alice):
    assert "Log out" not in client.get("/").content.decode()
