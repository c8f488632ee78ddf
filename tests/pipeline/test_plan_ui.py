"""Acting on the plan from a page: inline done / snooze / skip, the board's moves, the
opportunity history."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import at

from closer.core.records import ActionKind, AnswerKind, CloseAnswer
from closer.pipeline.models import Action, Answer, Opportunity
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    action_snooze,
    close_log,
    close_log_new,
    plan_refresh,
)

HTMX = {"HX-Request": "true"}


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")


def _text(response) -> str:
    return response.content.decode()


def _follow_up(close) -> Action:
    return Action.objects.get(interview=close.interview, kind=ActionKind.FOLLOW_UP)


# --- snooze --------------------------------------------------------------------------------


def test_a_snooze_survives_re_planning(acme_close):
    follow_up = _follow_up(acme_close)
    assert follow_up.due_at == at("2026-12-11 10:00")
    action_snooze(action=follow_up, until=date(2026, 12, 15), now=at("2026-11-26 09:00"))
    follow_up.refresh_from_db()
    assert follow_up.due_at == at("2026-12-15 10:00")

    plan_refresh(opportunity=acme_close.interview.opportunity, now=at("2026-11-27 09:00"))
    follow_up.refresh_from_db()
    assert follow_up.due_at == at("2026-12-15 10:00")
    assert follow_up.snoozed_until == date(2026, 12, 15)


def test_a_re_plan_may_still_move_a_snoozed_action_later(acme_close, alice):
    follow_up = _follow_up(acme_close)
    action_snooze(action=follow_up, until=date(2026, 12, 12), now=at("2026-11-26 09:00"))
    data = CloseInput(
        asked_for_job=True, answer=CloseAnswer.PENDING, latest_date=date(2026, 12, 18)
    )
    close_log(interview=acme_close.interview, data=data, now=at("2026-11-25 16:00"))
    follow_up.refresh_from_db()
    assert follow_up.due_at == at("2026-12-21 10:00")


def test_it_snoozes_inline_with_htmx(client, acme_close, frozen):
    follow_up = _follow_up(acme_close)
    response = client.post(
        f"/actions/{follow_up.pk}/snooze/", {"until": "2026-12-14", "next": "/"}, headers=HTMX
    )
    assert response.status_code == 200
    text = _text(response)
    assert f'id="action-{follow_up.pk}"' in text and 'role="status"' in text
    assert "Snoozed to Mon 14 Dec" in text
    follow_up.refresh_from_db()
    assert follow_up.snoozed_until == date(2026, 12, 14)


def test_it_explains_a_snooze_to_the_past_next_to_the_date(client, acme_close, frozen):
    follow_up = _follow_up(acme_close)
    response = client.post(
        f"/actions/{follow_up.pk}/snooze/", {"until": "2026-11-20", "next": "/"}, headers=HTMX
    )
    text = _text(response)
    assert "Choose a day after today." in text
    assert 'value="2026-11-20"' in text  # what was typed is kept
    assert _follow_up(acme_close).snoozed_until is None


def test_it_snoozes_without_javascript(client, acme_close, frozen):
    follow_up = _follow_up(acme_close)
    response = client.post(
        f"/actions/{follow_up.pk}/snooze/", {"until": "2026-12-14", "next": "/"}, follow=True
    )
    assert "Snoozed to Mon 14 Dec" in _text(response)


def test_done_with_htmx_replaces_the_row(client, acme_close, frozen):
    thank_you = Action.objects.get(kind=ActionKind.THANK_YOU)
    response = client.post(f"/actions/{thank_you.pk}/done/", {"next": "/"}, headers=HTMX)
    assert response.status_code == 200
    assert "Done: Send a thank-you note, Dana Lee, Acme." in _text(response)
    thank_you.refresh_from_db()
    assert thank_you.status == Action.Status.DONE
    # The message is in the row, not queued for the next page as well.
    assert "Done: Send a thank-you note" not in _text(client.get("/"))


def test_today_puts_thank_you_notes_first(client, alice, frozen):
    # A confirm-round due at 10:00 tomorrow is upcoming; make one due today before the note.
    close_log_new(
        owner=alice,
        company_name="Acme",
        role="Account Executive",
        starts_at=at("2026-11-25 09:00"),
        interviewers=[PersonInput("Dana Lee", "dana@acme.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
        now=at("2026-11-25 10:00"),
    )
    thank_you = Action.objects.get(kind=ActionKind.THANK_YOU)
    text = _text(client.get("/"))
    assert f'id="action-{thank_you.pk}"' in text.split('id="group-today"')[1]


def test_the_note_links_load_for_one_action(client, acme_close, frozen):
    thank_you = Action.objects.get(kind=ActionKind.THANK_YOU)
    text = _text(client.get(f"/actions/{thank_you.pk}/note-links/?next=/"))
    assert f'href="/actions/{thank_you.pk}/note/"' in text
    assert 'data-copy="Hi Dana,' in text


# --- the board -----------------------------------------------------------------------------


def test_the_board_has_a_column_per_status(client, acme_close, frozen):
    text = _text(client.get("/opportunities/"))
    for title in ("Wishlist", "Applied", "Interviewing", "Offer", "Closed"):
        assert f">{title} <span" in text
    interviewing = text.split('id="column-interviewing"')[1].split("</section>")[0]
    assert "Acme" in interviewing
    assert "Next: <strong>Send a thank-you note</strong>" in interviewing


def test_moving_to_rejected_records_the_answer_and_re_plans(client, acme_close, frozen):
    opportunity = acme_close.interview.opportunity
    response = client.post(f"/opportunities/{opportunity.pk}/move/", {"status": "rejected"})
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.REJECTED
    assert Answer.objects.get().kind == AnswerKind.REJECTED
    assert _follow_up(acme_close).status == Action.Status.CANCELLED
    open_kinds = set(
        Action.objects.filter(status=Action.Status.OPEN).values_list("kind", flat=True)
    )
    assert {ActionKind.FEEDBACK_REQUEST, ActionKind.RECONNECT, ActionKind.REVISIT} <= open_kinds
    closed = _text(client.get("/opportunities/")).split('id="column-closed"')[1]
    assert "Acme" in closed


def test_moving_to_accepted_stops_the_chasing(client, acme_close, frozen):
    opportunity = acme_close.interview.opportunity
    client.post(f"/opportunities/{opportunity.pk}/move/", {"status": "accepted"})
    assert _follow_up(acme_close).status == Action.Status.CANCELLED
    # A thank-you is still worth sending.
    assert Action.objects.get(kind=ActionKind.THANK_YOU).status == Action.Status.OPEN


def test_a_move_to_nowhere_is_explained(client, acme_close, frozen):
    opportunity = acme_close.interview.opportunity
    response = client.post(f"/opportunities/{opportunity.pk}/move/", {"status": "x"}, follow=True)
    assert "Choose where to move it." in _text(response)


# --- the history ---------------------------------------------------------------------------


def test_the_history_lists_everything_newest_first(client, acme_close, frozen):
    opportunity = acme_close.interview.opportunity
    thank_you = Action.objects.get(kind=ActionKind.THANK_YOU)
    client.post(f"/actions/{thank_you.pk}/done/", {"next": "/"})
    client.post(
        f"/opportunities/{opportunity.pk}/answer/",
        {"kind": AnswerKind.REJECTED.value, "feedback": "More enterprise deals."},
    )
    text = _text(client.get(f"/opportunities/{opportunity.pk}/"))
    history = text.split('id="history"')[1]
    titles = ["Answer: A rejection", "Done: Send a thank-you note", "Close logged", "Round 1"]
    positions = [history.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "More enterprise deals." in history
