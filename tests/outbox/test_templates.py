"""People's own wording of the notes: edit, preview, errors that keep the old wording, reset."""

from __future__ import annotations

import pytest

from closer.core.notes import TemplateError
from closer.outbox.models import NoteTemplate
from closer.outbox.services import template_save

URL = "/notes/wording/thank_you/warm/"
MINE = {"subject": "Thanks, {first_name}!", "body": "[Dear {first_name},|Hello,]\n\nThank you."}


def _text(response) -> str:
    return response.content.decode()


def test_it_lists_every_kind_of_note_in_both_tones(client, alice):
    text = _text(client.get("/notes/wording/"))
    assert "Thank-you note" in text and "Reply to the offer" in text
    assert 'href="/notes/wording/referral_outreach/concise/"' in text
    assert "check_in" not in text


def test_it_shows_closers_wording_with_a_preview(client, alice, frozen_now):
    text = _text(client.get(URL))
    assert "This is Closer's wording" in text
    assert "[Hi {first_name},|Hello,]" in text
    assert "Filled in with made-up details (Dana Lee at Acme)." in text
    assert "Hi Dana," in text
    assert "{when_we_spoke}" in text  # the list of placeholders


def test_it_previews_on_the_next_real_note(client, thank_you, frozen_now):
    text = _text(client.get(URL))
    assert "Filled in with your note to Dana Lee." in text


def test_it_previews_without_saving(client, alice, frozen_now):
    response = client.post(URL, {**MINE, "intent": "preview"})
    text = _text(response)
    assert response.status_code == 200
    assert "Thanks, Dana!" in text and "Dear Dana," in text
    assert not NoteTemplate.objects.exists()


def test_it_previews_live_for_htmx(client, alice, frozen_now):
    response = client.post(URL, {**MINE, "intent": "preview"}, HTTP_HX_REQUEST="true")
    text = _text(response)
    assert text.lstrip().startswith('<section id="preview"')
    assert "Dear Dana," in text


def test_it_saves_the_wording_and_drafts_new_notes_with_it(client, thank_you, frozen_now):
    response = client.post(URL, {**MINE, "intent": "save"})
    assert response.status_code == 302

    text = _text(client.get(f"/actions/{thank_you.pk}/note/"))
    assert 'value="Thanks, Dana!"' in text
    assert "Dear Dana,\n\nThank you." in text
    assert "Your own wording is in use." in _text(client.get(URL))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"body": "Hi {frist_name}"}, "there is no placeholder {frist_name} (the text). Did you"),
        ({"body": "Hi\n{first_name"}, "the “{” on line 2 is never closed"),
        ({"body": "Hi [{first_name}"}, "the “[” on the text is never closed with “]”."),
        ({"subject": "Hi {nope}"}, "The subject: there is no placeholder {nope}"),
    ],
)
def test_it_rejects_a_broken_template_and_keeps_the_old_one(
    client, alice, frozen_now, changes, message
):
    template_save(owner=alice, kind="thank_you", tone="warm", **MINE)

    response = client.post(URL, {**MINE, **changes, "intent": "save"})

    text = _text(response).replace("&#x27;", "'")
    assert response.status_code == 200
    assert message in text
    assert "Nothing is saved yet" in text
    stored = NoteTemplate.objects.get()
    assert (stored.subject, stored.body) == (MINE["subject"], MINE["body"])


def test_it_names_the_problem_in_the_live_preview(client, alice, frozen_now):
    response = client.post(
        URL, {**MINE, "body": "{oops}", "intent": "preview"}, HTTP_HX_REQUEST="true"
    )
    assert "there is no placeholder {oops}" in _text(response)


def test_it_refuses_a_broken_template_in_the_service_too(alice):
    with pytest.raises(TemplateError):
        template_save(owner=alice, kind="thank_you", tone="warm", subject="x", body="{nope}")
    assert not NoteTemplate.objects.exists()


def test_it_goes_back_to_closers_wording(client, alice, frozen_now):
    template_save(owner=alice, kind="thank_you", tone="warm", **MINE)
    client.post(URL, {"intent": "reset"})
    assert not NoteTemplate.objects.exists()


def test_it_keeps_each_persons_wording_to_themselves(client, charlie, thank_you, frozen_now):
    template_save(owner=charlie, kind="thank_you", tone="warm", **MINE)
    text = _text(client.get(f"/actions/{thank_you.pk}/note/"))
    assert "Thanks, Dana!" not in text and 'value="Thank you, Dana"' in text
    assert "This is Closer's wording" in _text(client.get(URL))


@pytest.mark.parametrize(
    "url", ["/notes/wording/check_in/warm/", "/notes/wording/thank_you/grumpy/"]
)
def test_it_has_no_wording_for_what_is_not_a_note(client, alice, url):
    assert client.get(url).status_code == 404


def test_it_requires_csrf_to_save(alice):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, {**MINE, "intent": "save"})
    assert response.status_code == 403
    assert not NoteTemplate.objects.exists()
