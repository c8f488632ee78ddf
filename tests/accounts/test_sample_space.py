"""Looking around with sample data: the sample lives in an account of its own, reached by a
flag in the person's session; leaving needs no new sign-in, deleting removes every sample row,
and neither side ever sees or touches the other's rows."""

from __future__ import annotations

import pytest
from accounts.world import PASSWORD, coach_for, person
from django.test import Client
from helpers import acme_close_for

from closer.accounts.dataio.tables import owned_row_count
from closer.accounts.models import SampleSpace
from closer.accounts.services import account_delete, sample_space_delete, sample_user_of
from closer.pipeline.demo import DEMO_COMPANIES, demo_load
from closer.pipeline.models import Action, Opportunity

BANNER = "You are looking at sample data"
FIRST_RUN = "Nothing to do right now"


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")


def _look_around(client) -> None:
    response = client.post("/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def _page(client, url: str = "/") -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


# --- in and out ------------------------------------------------------------------------------


def test_look_around_is_offered_on_the_first_run_page(client, alice):
    text = _page(client)
    assert FIRST_RUN in text
    assert '<form method="post" action="/"' in text
    assert "Look around with sample data" in text
    assert BANNER not in text


def test_look_around_loads_the_sample_and_switches_the_session_to_it(client, alice, frozen):
    _look_around(client)
    sample = sample_user_of(alice)
    assert sample is not None and sample.pk != alice.pk
    assert Opportunity.objects.filter(owner=sample).count() == len(DEMO_COMPANIES)
    assert not Opportunity.objects.filter(owner=alice).exists()
    text = _page(client)
    assert BANNER in text
    assert "Back to my own" in text and "Delete the sample data" in text
    assert "Tessellate Labs" in text
    assert FIRST_RUN not in text


def test_looking_around_twice_loads_the_sample_once(client, alice, frozen):
    _look_around(client)
    _look_around(client)
    assert SampleSpace.objects.count() == 1
    assert Opportunity.objects.count() == len(DEMO_COMPANIES)


@pytest.mark.parametrize(
    "url", ["/", "/opportunities/", "/contacts/", "/changes/", "/outbox/", "/settings/"]
)
def test_the_banner_is_on_every_page_inside(client, alice, frozen, url):
    _look_around(client)
    text = _page(client, url)
    assert BANNER in text
    assert 'action="/sample/leave/"' in text and 'action="/sample/delete/"' in text


def test_leaving_returns_to_the_real_account_and_keeps_the_sample(client, alice, frozen):
    _look_around(client)
    response = client.post("/sample/leave/")
    assert response.status_code == 302
    text = _page(client)
    assert BANNER not in text
    assert FIRST_RUN in text
    assert "Tessellate Labs" not in text
    assert sample_user_of(alice) is not None
    # Back in, the same sample is there, not a second one.
    _look_around(client)
    assert "Tessellate Labs" in _page(client)
    assert SampleSpace.objects.count() == 1


def test_deleting_removes_every_sample_row(client, alice, frozen):
    acme_close_for(alice)
    mine = owned_row_count(alice.pk)
    _look_around(client)
    sample = sample_user_of(alice)
    assert owned_row_count(sample.pk) > 0
    response = client.post("/sample/delete/")
    assert response.status_code == 302
    assert sample_user_of(alice) is None
    assert owned_row_count(sample.pk) == 0
    assert not type(alice).objects.filter(pk=sample.pk).exists()
    assert owned_row_count(alice.pk) == mine
    text = _page(client)
    assert BANNER not in text
    assert "The sample data is deleted" in text


def test_a_sample_deleted_elsewhere_leaves_the_session_in_the_real_account(client, alice, frozen):
    _look_around(client)
    sample_space_delete(owner=alice)  # from the command line, or another tab
    text = _page(client)
    assert BANNER not in text
    assert FIRST_RUN in text


# --- isolation, both ways ----------------------------------------------------------------------


def test_inside_the_sample_no_real_row_is_seen_or_touched(client, alice, frozen):
    close = acme_close_for(alice)
    real = close.interview.actions.get(kind="thank_you")
    _look_around(client)
    assert "Acme" not in _page(client, "/opportunities/")
    assert "Dana Lee" not in _page(client, "/contacts/")
    opportunity = close.interview.opportunity_id
    assert client.get(f"/opportunities/{opportunity}/").status_code == 404
    assert client.post(f"/actions/{real.pk}/done/").status_code == 404
    real.refresh_from_db()
    assert real.status == Action.Status.OPEN


def test_outside_the_sample_no_sample_row_is_seen_or_touched(client, alice, frozen):
    acme_close_for(alice)
    sample = demo_load(owner=alice, now=_now()).sample
    assert "Tessellate" not in _page(client)
    assert "Tessellate" not in _page(client, "/opportunities/")
    theirs = Opportunity.objects.filter(owner=sample).first()
    action = Action.objects.filter(owner=sample, status=Action.Status.OPEN).first()
    assert client.get(f"/opportunities/{theirs.pk}/").status_code == 404
    assert client.post(f"/actions/{action.pk}/done/").status_code == 404
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_the_real_calendar_feed_holds_no_sample_data(client, alice, frozen):
    from closer.reminders.feed import build_calendar, feed_rotate

    acme_close_for(alice)
    sample = demo_load(owner=alice, now=_now()).sample
    feed = client.get(f"/calendar/feed/{feed_rotate(user=alice)}.ics").content.decode()
    assert "Acme" in feed
    assert not any(company in feed for company in DEMO_COMPANIES)
    assert b"Tessellate" not in build_calendar(alice, now=_now())
    # Nor does the sample's own feed ever open: nobody subscribes to made-up interviews.
    assert client.get(f"/calendar/feed/{feed_rotate(user=sample)}.ics").status_code == 404


def test_the_sample_gets_no_reminders(alice):
    from closer.reminders.selectors import reminder_recipients

    sample = demo_load(owner=alice, now=_now()).sample
    assert sample.pk not in {r.user_id for r in reminder_recipients()}


def test_inside_the_sample_a_note_is_never_sent(client, alice, frozen):
    _look_around(client)
    sample = sample_user_of(alice)
    action = Action.objects.filter(owner=sample, kind="thank_you", status="open").first()
    response = client.post(f"/actions/{action.pk}/note/send/")
    assert response.status_code == 302
    assert response["Location"] == f"/actions/{action.pk}/note/"
    assert "never sent" in _page(client, response["Location"])
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


# --- hosted mode: signing in, coaches, the account -----------------------------------------------


def _signed_in(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def test_hosted_leaving_needs_no_new_sign_in(people, frozen):
    alice = people["owner"]
    client = _signed_in(alice)
    _look_around(client)
    assert BANNER in _page(client)
    client.post("/sample/leave/")
    text = _page(client)
    assert BANNER not in text
    assert FIRST_RUN in text


def test_nobody_can_sign_in_to_the_sample_account(people):
    sample = demo_load(owner=people["owner"], now=_now()).sample
    client = Client()
    for password in ("", PASSWORD):
        response = client.post("/login/", {"username": sample.username, "password": password})
        assert response.status_code == 200  # the form again, with its error
    assert client.get("/").status_code == 302
    # Even a session made for it by hand is no session: the account is switched off.
    client.force_login(sample)
    assert client.get("/")["Location"].startswith("/login/")
    assert not sample.has_usable_password() and not sample.is_active


def test_the_sample_is_never_a_coachs_client(people, frozen):
    from closer.coaching.selectors import clients_of

    alice, bob = people["owner"], people["coach"]
    sample = demo_load(owner=alice, now=_now()).sample
    assert [row.client for row in clients_of(bob, _now())] == [alice]
    client = _signed_in(alice)
    _look_around(client)
    # Inviting a coach from inside the sample is refused: the coaching pages are the person's.
    response = client.post("/coaching/", {"email": "dora@example.org"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not sample.coachings.exists()
    coach_for(alice, person("dora@example.org"))
    assert sample.pk not in {row.client.pk for row in clients_of(bob, _now())}


@pytest.mark.parametrize(
    "url", ["/account/", "/account/export.json", "/account/password/", "/coach/"]
)
def test_the_pages_about_the_person_are_not_served_inside(people, frozen, url):
    client = _signed_in(people["owner"])
    _look_around(client)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Back to my own" in _page(client)


def test_deleting_the_account_takes_the_sample_space_with_it(people):
    alice = people["owner"]
    sample = demo_load(owner=alice, now=_now()).sample
    account_delete(user=alice)
    assert owned_row_count(sample.pk) == 0
    assert not type(alice).objects.filter(pk=sample.pk).exists()


def test_signing_out_inside_the_sample_ends_it(people, frozen):
    alice = people["owner"]
    client = _signed_in(alice)
    _look_around(client)
    client.post("/logout/")
    client.force_login(alice)
    assert BANNER not in _page(client)


# --- CSRF ----------------------------------------------------------------------------------------


def test_every_sample_switch_needs_the_csrf_token(client, alice, frozen):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/").status_code == 403
    assert sample_user_of(alice) is None
    demo_load(owner=alice, now=_now())
    # Inside the sample, in a strict session, leaving and deleting without a token fail too.
    _look_around(client)
    strict.cookies = client.cookies
    assert BANNER in _page(strict)
    for url in ("/sample/leave/", "/sample/delete/"):
        assert strict.post(url).status_code == 403
    assert sample_user_of(alice) is not None
    assert BANNER in _page(strict)


def test_the_switches_go_through_with_the_token(client, alice, frozen):
    strict = Client(enforce_csrf_checks=True)
    strict.get("/")
    token = strict.cookies["csrftoken"].value
    assert strict.post("/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert BANNER in _page(strict)
    response = strict.post("/sample/delete/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert sample_user_of(alice) is None


def test_the_switches_take_only_posts(client, alice):
    for url in ("/sample/leave/", "/sample/delete/"):
        assert client.get(url).status_code == 405


def _now():
    from helpers import at

    return at("2026-11-25 15:30")
