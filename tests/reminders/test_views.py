"""The Calendar page, import through the browser, and the no-login unsubscribe page."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from closer.pipeline.models import Interview
from closer.reminders.links import unsubscribe_token
from closer.reminders.models import CalendarFeed
from closer.reminders.selectors import prefs_for

DATA = Path(__file__).parent.parent / "data" / "ics"


def test_the_page_offers_a_feed(client, alice):
    response = client.get(reverse("reminders:calendar"))
    assert response.status_code == 200
    assert b"Make my calendar address" in response.content
    assert response["Referrer-Policy"] == "no-referrer"


def test_making_a_feed_shows_its_address_once(client, alice):
    response = client.post(reverse("reminders:feed_rotate"))
    assert response.status_code == 200
    url = response.context["new_url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(url.split("8000", 1)[1]).status_code == 200
    again = client.get(reverse("reminders:calendar"))
    assert token.encode() not in again.content
    client.post(reverse("reminders:feed_rotate"))
    assert client.get(reverse("reminders:feed", args=[token])).status_code == 404


def test_writes_need_post_and_csrf(alice):
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(reverse("reminders:feed_rotate")).status_code == 405
    assert strict.post(reverse("reminders:feed_rotate")).status_code == 403
    assert strict.post(reverse("reminders:prefs"), {"digest_hour": 7}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_feed_options_switch_it_off(client, alice, token):
    client.post(reverse("reminders:feed_options"), {"titles_only": "on"})
    feed = CalendarFeed.objects.get(user=alice)
    assert (feed.enabled, feed.titles_only) == (False, True)
    assert client.get(reverse("reminders:feed", args=[token])).status_code == 404


def test_saving_reminder_choices(client, alice):
    response = client.post(reverse("reminders:prefs"), {"digest_hour": "7", "nudge_on": "on"})
    assert response.status_code == 302
    prefs = prefs_for(alice)
    assert (prefs.digest_on, prefs.digest_hour, prefs.nudge_on) == (False, 7, True)
    client.post(reverse("reminders:prefs"), {"digest_hour": "25"})
    assert prefs_for(alice).digest_hour == 7


def test_download_is_a_calendar_file(client, acme_close):
    response = client.get(reverse("reminders:download"))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert b"Dana Lee" in response.content


def test_import_reads_then_adds_the_ticked_events(client, alice):
    upload = SimpleUploadedFile("export.ics", (DATA / "apple_export.ics").read_bytes())
    preview = client.post(reverse("reminders:import_preview"), {"file": upload})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'name="pick_1" value="1" checked' in page
    assert 'name="pick_2" value="1">' in page  # the all-day event is offered, not ticked
    assert 'value="Account Executive"' in page
    nothing = client.post(reverse("reminders:import_confirm"), {"ics": preview.context["ics"]})
    assert nothing.status_code == 400
    done = client.post(
        reverse("reminders:import_confirm"),
        {"ics": preview.context["ics"], "pick_1": "1", "company_1": "Acme", "role_1": "AE"},
    )
    assert done.status_code == 302
    assert Interview.objects.get().opportunity.role == "AE"


def test_a_broken_upload_gets_a_message_and_imports_nothing(client, alice):
    upload = SimpleUploadedFile("bad.ics", (DATA / "broken_garbage_line.ics").read_bytes())
    response = client.post(reverse("reminders:import_preview"), {"file": upload})
    assert response.status_code == 400
    assert b"damaged line" in response.content
    assert not Interview.objects.exists()


def test_unsubscribe_needs_no_login_and_get_changes_nothing(alice):
    alice.email = "zoe@example.org"
    alice.save()
    anonymous = Client(enforce_csrf_checks=True)
    url = reverse("reminders:unsubscribe", args=[unsubscribe_token(alice.pk, "digest")])
    page = anonymous.get(url)
    assert page.status_code == 200
    assert b"Stop the morning digest" in page.content
    assert page["Referrer-Policy"] == "no-referrer"
    assert prefs_for(alice).digest_on
    # RFC 8058 one-click: a POST from the mail app, without cookies or CSRF token.
    done = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert not prefs_for(alice).digest_on
    assert prefs_for(alice).nudge_on


def test_a_tampered_unsubscribe_link_is_404(client, alice):
    url = reverse("reminders:unsubscribe", args=["not-a-real-token"])
    assert client.post(url).status_code == 404
    assert prefs_for(alice).digest_on
