"""Timing words in the close form: read live, stored beside the date, never a guessed date."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import at

from closer.pipeline.models import Action, Close
from closer.pipeline.services import interview_create, opportunity_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:00")


def _close(client, interview, **fields):
    data = {"answer": "pending", "permission": "yes", **fields}
    return client.post(f"/interviews/{interview.pk}/close/", data)


def test_it_reads_the_words_into_the_date(client, interview):
    response = _close(client, interview, expected_words="end of next week")
    assert response.status_code == 302
    close = Close.objects.get()
    assert (close.expected_date, close.expected_words) == (date(2026, 12, 4), "end of next week")
    follow_up = Action.objects.get(kind="follow_up")
    assert follow_up.due_at == at("2026-12-07 10:00")


def test_a_typed_date_wins_over_the_words(client, interview):
    _close(client, interview, latest_words="the 10th at the latest", latest_date="2026-12-11")
    close = Close.objects.get()
    assert (close.latest_date, close.latest_words) == (date(2026, 12, 11), "the 10th at the latest")


def test_it_keeps_words_it_cannot_read_without_a_date(client, interview):
    response = _close(client, interview, expected_words="we'll be in touch")
    assert response.status_code == 302
    close = Close.objects.get()
    assert (close.expected_date, close.expected_words) == (None, "we'll be in touch")
    page = client.get(f"/opportunities/{interview.opportunity_id}/").content.decode()
    assert "no date understood" in page
    # No date given: the plan follows up after 5 business days, as it should.
    assert Action.objects.filter(kind="follow_up").count() == 2


def test_it_shows_the_reading_live(client, interview):
    url = f"/interviews/{interview.pk}/timing/"
    text = client.get(url, {"expected_words": "end of next week"}).content.decode()
    assert "→ Fri 4 Dec 2026, from “end of next week”" in text
    assert "reading-date" in text
    text = client.get(url, {"latest_words": "soon"}).content.decode()
    assert "no date understood" in text
    assert client.get(url).content.decode().strip() == ""


def test_the_live_reading_is_private(client, charlie):
    theirs = interview_create(
        opportunity=opportunity_create(owner=charlie, company_name="Globex", role="Analyst"),
        starts_at=at("2026-11-25 10:00"),
    )
    response = client.get(f"/interviews/{theirs.pk}/timing/", {"expected_words": "Friday"})
    assert response.status_code == 404


def test_the_form_shows_the_reading_after_an_error(client, interview):
    response = _close(client, interview, expected_words="next Friday", latest_date="2026-11-01")
    text = response.content.decode()
    assert response.status_code == 200
    reading = text.split('id="reading-expected"')[1].split("</p>")[0]
    assert "→ Fri 4 Dec 2026" in reading


def test_editing_the_words_moves_a_date_that_came_from_them(client, interview):
    _close(client, interview, expected_words="end of next week")
    form = client.get(f"/interviews/{interview.pk}/close/").content.decode()
    # The read date is not put in the override field, so new words can move it.
    assert 'name="expected_date"' in form and 'value="2026-12-04"' not in form
    _close(client, interview, expected_words="end of the week")
    assert Close.objects.get().expected_date == date(2026, 11, 27)
