"""The note page, the links on each planned action, the outbox page, and who may see what."""

from __future__ import annotations

import email
import re
from email import policy
from urllib.parse import unquote

import pytest
from django.test import Client
from helpers import at

from closer.core.notes import parse_mailto
from closer.core.records import CloseAnswer
from closer.outbox.models import Note
from closer.pipeline.models import Action
from closer.pipeline.services import CloseInput, PersonInput, close_log_new

NOW = at("2026-11-25 15:30")


def _text(response) -> str:
    return response.content.decode()


def _posted(action, **changes) -> dict[str, str]:
    data = {
        "to": "Dana Lee <dana@acme.example>",
        "cc": "",
        "subject": "Thank you, Dana",
        "body": "Hi Dana,\n\nThank you for today.\n\nZoë",
        "tone": "warm",
    }
    data.update(changes)
    return data


@pytest.fixture
def charlie_action(charlie):
    close = close_log_new(
        owner=charlie,
        company_name="Globex",
        role="Engineer",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[PersonInput("Hank Scorpio", "hank@globex.example")],
        data=CloseInput(asked_for_job=False, answer=CloseAnswer.PENDING),
        now=at("2026-11-25 12:00"),
    )
    return Action.objects.get(interview=close.interview, kind="thank_you")


# --- the note page -----------------------------------------------------------------------------


def test_it_shows_the_draft_ready_to_send(client, thank_you, frozen_now):
    text = _text(client.get(f"/actions/{thank_you.pk}/note/"))

    assert "Send a thank-you note" in text and "to Dana Lee" in text
    assert "due tonight, 5 h left" in text
    assert "Hi Dana,\n\nThank you for talking with me today about the Account Executive" in text
    assert 'value="Thank you, Dana"' in text
    assert "Dana Lee &lt;dana@acme.example&gt;" in text
    assert f'formaction="/actions/{thank_you.pk}/note/eml/"' in text
    assert "I sent it myself" in text
    assert 'href="mailto:dana@acme.example?subject=Thank%20you%2C%20Dana&amp;body=Hi%20Dana' in text
    # No mail server in this test: the page says how to set one up instead of a Send button.
    assert "Send now" not in text
    assert "needs a mail server" in text or "add the address your notes come from" in text


def test_it_switches_to_the_concise_tone(client, thank_you, frozen_now):
    text = _text(client.get(f"/actions/{thank_you.pk}/note/?tone=concise"))
    assert "Hello Dana,\n\nThank you for your time today." in text
    assert 'aria-current="true">concise' in text


def test_it_uses_the_tone_from_settings(client, alice, thank_you, frozen_now):
    from closer.accounts.services import settings_for

    prefs = settings_for(alice)
    prefs.note_tone = "concise"
    prefs.save()
    assert "Hello Dana," in _text(client.get(f"/actions/{thank_you.pk}/note/"))


def test_it_saves_a_draft_and_shows_it_again(client, thank_you, frozen_now):
    response = client.post(
        f"/actions/{thank_you.pk}/note/save/", _posted(thank_you, body="My words.")
    )

    assert response.status_code == 302
    note = Note.objects.get(action=thank_you)
    assert (note.status, note.body) == ("draft", "My words.")
    text = _text(client.get(f"/actions/{thank_you.pk}/note/"))
    assert "My words." in text and "Draft saved, not sent." in text


def test_it_explains_a_bad_address_and_keeps_the_words(client, thank_you, frozen_now):
    response = client.post(
        f"/actions/{thank_you.pk}/note/save/",
        _posted(thank_you, to="dana at acme", body="Keep me."),
    )
    assert response.status_code == 200
    text = _text(response)
    assert "“dana at acme” is not an email address" in text
    assert "Keep me." in text
    assert not Note.objects.exists()


def test_it_sends_the_edited_note(client, smtp, sender, thank_you, frozen_now):
    response = client.post(
        f"/actions/{thank_you.pk}/note/send/", _posted(thank_you, body="Hi Dana,\n\nEdited.")
    )

    assert response.status_code == 302
    (received,) = smtp.received
    assert received.message.get_content().replace("\r\n", "\n").startswith("Hi Dana,\n\nEdited.")
    thank_you.refresh_from_db()
    assert (thank_you.status, thank_you.completed_at) == ("done", NOW)
    text = _text(client.get(response["Location"]))
    assert "Sent to Dana Lee. The action is done." in text
    assert "Sent today at 15:30." in text


def test_it_sends_once_when_send_is_clicked_twice(client, smtp, sender, thank_you, frozen_now):
    client.post(f"/actions/{thank_you.pk}/note/send/", _posted(thank_you))
    second = client.post(f"/actions/{thank_you.pk}/note/send/", _posted(thank_you), follow=True)

    assert len(smtp.received) == 1
    assert "This note was already sent." in _text(second)


def _note_links_on_today(client, action) -> str:
    """The note links a Today row fetches right after the page (the URL is taken from it)."""
    page = _text(client.get("/"))
    found = re.search(rf'hx-get="(/actions/{action.pk}/note-links/[^"]*)"', page)
    assert found, "the row does not fetch its note links"
    return _text(client.get(found.group(1).replace("&amp;", "&")))


def test_it_sends_straight_from_the_plan(client, smtp, sender, thank_you, frozen_now):
    page = _note_links_on_today(client, thank_you)
    assert f'action="/actions/{thank_you.pk}/note/send/"' in page
    assert 'aria-label="Send now: Send a thank-you note, Dana Lee, Acme"' in page

    response = client.post(f"/actions/{thank_you.pk}/note/send/", {"next": "/"})

    assert response["Location"] == "/"
    (received,) = smtp.received
    assert str(received.message["Subject"]) == "Thank you, Dana"


def test_it_keeps_the_words_when_sending_is_not_set_up(client, settings, thank_you, frozen_now):
    settings.EMAIL_BACKEND = "closer.mail.smtp.EmailBackend"
    settings.EMAIL_HOST = ""
    response = client.post(f"/actions/{thank_you.pk}/note/send/", _posted(thank_you, body="Mine."))

    text = _text(response)
    assert response.status_code == 200
    assert "needs a mail server: set EMAIL_HOST" in text
    assert "Mine." in text
    assert not Note.objects.exists()


def test_it_shows_why_a_note_is_still_waiting(client, smtp_down, sender, thank_you, frozen_now):
    response = client.post(f"/actions/{thank_you.pk}/note/send/", _posted(thank_you), follow=True)

    text = _text(response)
    assert "Not sent yet: Could not reach the mail server 127.0.0.1:" in text
    assert "the connection was refused. Closer tries again after today at 15:31." in text
    assert "Try again now" in text
    thank_you.refresh_from_db()
    assert thank_you.status == "open"

    smtp_down.start()
    client.post(f"/actions/{thank_you.pk}/note/retry/")
    assert len(smtp_down.received) == 1
    assert Note.objects.get(action=thank_you).status == "sent"


def test_it_asks_about_a_note_a_crash_left_sending(client, smtp, sender, thank_you, frozen_now):
    from closer.mail.delivery import claim_one
    from closer.outbox.services import NoteFields, note_queue

    note = note_queue(action=thank_you, fields=NoteFields(**_posted(thank_you)), now=NOW)
    assert claim_one(Note, note.pk, now=NOW)

    text = _text(client.get(f"/actions/{thank_you.pk}/note/"))
    assert "May have been sent — check your Sent folder." in text
    assert "It was sent: mark as sent" in text and "It wasn't: resend" in text
    assert "Send now" not in text

    client.post(f"/actions/{thank_you.pk}/note/resend/")
    (received,) = smtp.received
    assert str(received.message["Message-ID"]) == note.message_id


def test_it_records_a_note_sent_by_hand(client, thank_you, frozen_now):
    response = client.post(f"/actions/{thank_you.pk}/note/sent/", _posted(thank_you), follow=True)

    note = Note.objects.get(action=thank_you)
    thank_you.refresh_from_db()
    assert (note.status, note.channel) == ("sent", "manual")
    assert (thank_you.status, thank_you.completed_at) == ("done", NOW)
    assert "Marked as sent to Dana Lee. The action is done." in _text(response)
    assert "Sent by you today at 15:30." in _text(client.get("/outbox/"))


def test_it_starts_again_from_the_draft(client, thank_you, frozen_now):
    client.post(f"/actions/{thank_you.pk}/note/save/", _posted(thank_you, body="Old words."))
    client.post(f"/actions/{thank_you.pk}/note/discard/")
    assert not Note.objects.exists()
    assert "Old words." not in _text(client.get(f"/actions/{thank_you.pk}/note/"))


def test_it_downloads_the_note_as_an_eml(client, sender, thank_you, frozen_now):
    response = client.get(f"/actions/{thank_you.pk}/note/eml/")

    assert response.status_code == 200
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"] == 'attachment; filename="thank-you-dana-lee.eml"'
    message = email.message_from_bytes(response.content, policy=policy.default)
    assert message["From"].addresses[0].display_name == "Zoë Ångström"
    assert str(message["To"]) == "Dana Lee <dana@acme.example>"
    assert str(message["Reply-To"]) == "zoe.replies@example.org"
    assert str(message["Subject"]) == "Thank you, Dana"
    assert str(message["X-Unsent"]) == "1"
    assert message["Message-ID"] and message["Date"]
    assert message.get_content().startswith("Hi Dana,")
    # RFC 5322: every line ends in CRLF, none in a bare LF.
    lines = response.content.split(b"\r\n")
    assert len(lines) > 10 and not any(b"\n" in line for line in lines)


def test_an_eml_without_a_sender_asks_for_the_address_first(client, thank_you, frozen_now):
    response = client.get(f"/actions/{thank_you.pk}/note/eml/", follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "Add the address your notes come from in Settings first" in _text(response)


def test_it_saves_the_edits_into_the_eml(client, sender, thank_you, frozen_now):
    response = client.post(f"/actions/{thank_you.pk}/note/eml/", _posted(thank_you, subject="Über"))
    message = email.message_from_bytes(response.content, policy=policy.default)
    note = Note.objects.get(action=thank_you)
    assert str(message["Subject"]) == "Über" == note.subject
    assert str(message["Message-ID"]) == note.message_id


# --- on Today and the plan -----------------------------------------------------------------


def test_it_shows_the_countdown_and_the_note_on_today(client, thank_you, frozen_now):
    text = _text(client.get("/"))
    today = text.split('id="group-today"')[1].split("</section>")[0]
    assert '<span class="tag tag-countdown">due tonight, 5 h left</span>' in today
    assert f'href="/actions/{thank_you.pk}/note/"' in today
    links = _note_links_on_today(client, thank_you)
    assert f'href="/actions/{thank_you.pk}/note/eml/"' in links
    link = links.split('href="mailto:')[1].split('"')[0].replace("&amp;", "&")
    to, fields = parse_mailto(f"mailto:{link}")
    assert to == ["dana@acme.example"] and fields["body"].startswith("Hi Dana,\r\n")
    assert 'data-copy="Hi Dana,' in links


def test_it_shows_the_countdown_and_the_note_on_the_plan(client, thank_you, frozen_now):
    opportunity = thank_you.interview.opportunity_id
    text = _text(client.get(f"/opportunities/{opportunity}/"))
    assert "due tonight, 5 h left" in text
    assert f'href="/actions/{thank_you.pk}/note/"' in text


def test_it_offers_no_note_for_a_private_reminder(client, alice, frozen_now):
    close = close_log_new(
        owner=alice,
        company_name="Initech",
        role="Analyst",
        starts_at=at("2026-11-24 10:00"),
        interviewers=[PersonInput("Bill Lumbergh", "bill@initech.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING, permission="no"),
        now=at("2026-11-24 12:00"),
    )
    check_in = Action.objects.get(interview=close.interview, kind="check_in")
    assert client.get(f"/actions/{check_in.pk}/note/").status_code == 404
    page = _text(client.get(f"/opportunities/{close.interview.opportunity_id}/"))
    assert f"/actions/{check_in.pk}/note/" not in page


def test_it_lists_the_outbox(client, thank_you, frozen_now):
    assert "Nothing here yet" in _text(client.get("/outbox/"))
    client.post(f"/actions/{thank_you.pk}/note/save/", _posted(thank_you))
    text = _text(client.get("/outbox/"))
    assert "Thank you, Dana" in text and "Draft saved, not sent." in text


def test_it_saves_who_notes_come_from_in_settings(client, alice):
    from closer.accounts.services import settings_for

    page = _text(client.get("/settings/"))
    assert "Send notes from (email)" in page and "Tone of new notes" in page
    response = client.post(
        "/settings/",
        {
            "time_zone": "America/New_York",
            "work_days": ["0", "1", "2", "3", "4"],
            "thank_you_by": "21:00",
            "follow_up_at": "10:00",
            "no_date_follow_up_days": "5",
            "second_follow_up_days": "5",
            "referral_outreach_days": "2",
            "feedback_days": "1",
            "reconnect_days": "90",
            "revisit_days": "180",
            "from_name": "Zoë Ångström",
            "from_email": "zoe@example.org",
            "reply_to": "",
            "signature": "Zoë",
            "note_tone": "concise",
        },
    )
    assert response.status_code == 302
    prefs = settings_for(alice)
    assert (prefs.from_name, prefs.from_email, prefs.note_tone) == (
        "Zoë Ångström",
        "zoe@example.org",
        "concise",
    )


# --- who may see what ------------------------------------------------------------------------

NOTE_URLS = [
    ("get", "/actions/{}/note/"),
    ("get", "/actions/{}/note/eml/"),
    ("post", "/actions/{}/note/eml/"),
    ("post", "/actions/{}/note/save/"),
    ("post", "/actions/{}/note/send/"),
    ("post", "/actions/{}/note/sent/"),
    ("post", "/actions/{}/note/resend/"),
    ("post", "/actions/{}/note/retry/"),
    ("post", "/actions/{}/note/discard/"),
]


@pytest.mark.parametrize(("method", "url"), NOTE_URLS)
def test_it_checks_ownership(client, alice, charlie_action, method, url):
    response = getattr(client, method)(url.format(charlie_action.pk), _posted(charlie_action))
    assert response.status_code == 404
    assert not Note.objects.exists()


@pytest.mark.parametrize(("method", "url"), [u for u in NOTE_URLS if u[0] == "post"])
def test_it_requires_csrf_on_posts(alice, thank_you, method, url):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url.format(thank_you.pk), _posted(thank_you))
    assert response.status_code == 403
    assert not Note.objects.exists()


def test_it_shows_only_my_own_notes_in_the_outbox(client, alice, charlie_action):
    from closer.outbox.services import NoteFields, note_save

    note_save(action=charlie_action, fields=NoteFields(**_posted(charlie_action)), now=NOW)
    assert "Thank you, Dana" not in _text(client.get("/outbox/"))
    assert unquote("Nothing here yet") in _text(client.get("/outbox/"))
