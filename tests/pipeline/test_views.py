"""The web pages: Today, opportunities, interviews, answers, the card, done/skip, ownership."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from helpers import at

from closer.core.records import ActionKind, AnswerKind, CloseAnswer, Permission
from closer.pipeline.models import Action, Close, Interview, Opportunity
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    close_log_new,
    interview_create,
    opportunity_create,
)


@pytest.fixture
def charlie_close(charlie):
    """A stranger's close, with every kind of object a URL can point at."""
    return close_log_new(
        owner=charlie,
        company_name="Globex",
        role="Engineer",
        starts_at=at("2026-11-25 10:00"),
        interviewers=[PersonInput("Hank Scorpio", "hank@globex.example")],
        data=CloseInput(asked_for_job=False, answer=CloseAnswer.PENDING),
        now=at("2026-11-25 12:00"),
    )


@pytest.fixture
def frozen(monkeypatch):
    """Half an hour after the Acme interview ended (New York wall clock)."""
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")


def _text(response) -> str:
    return response.content.decode()


def _action(close: Close, kind: str) -> Action:
    return Action.objects.get(interview=close.interview, kind=kind)


# --- Today ---------------------------------------------------------------------------------


def test_it_teaches_the_next_step_when_today_is_empty(client, alice):
    response = client.get("/")
    assert response.status_code == 200
    text = _text(response)
    assert "Nothing to do right now" in text
    assert "log how it ended" in text
    assert '<meta name="viewport"' in text
    assert "/static/closer/closer.css" in text


def test_it_lists_what_is_due_today(client, alice, acme_close, frozen):
    text = _text(client.get("/"))
    today_section = text.split('id="group-today"')[1].split("</section>")[0]
    assert "Send a thank-you note" in today_section
    assert "Dana Lee" in today_section
    assert "Acme" in today_section
    assert "Wed 25 Nov, 21:00" in today_section
    assert "while the conversation is still fresh" in today_section
    assert f"/actions/{_action(acme_close, 'thank_you').pk}/done/" in today_section


def test_it_moves_a_missed_thank_you_to_overdue(client, alice, acme_close, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-26T09:00")
    text = _text(client.get("/"))
    overdue = text.split('id="group-overdue"')[1].split("</section>")[0]
    assert "Send a thank-you note" in overdue
    assert "overdue" in overdue


def test_it_shows_times_in_the_users_zone(client, alice, acme_close, frozen):
    from closer.accounts.services import settings_for

    found = settings_for(alice)
    found.time_zone = "Europe/Berlin"
    found.save()
    # 21:00 in New York is 03:00 the next morning in Berlin.
    assert "Thu 26 Nov, 03:00" in _text(client.get("/opportunities/"))


# --- opportunities ---------------------------------------------------------------------------


def test_it_lists_opportunities_with_their_next_action(client, alice, acme_close, frozen):
    text = _text(client.get("/opportunities/"))
    assert "Acme" in text
    assert "Account Executive" in text
    assert "interviewing" in text
    assert "Next: <strong>Send a thank-you note</strong>" in text


def test_it_invites_a_first_opportunity(client, alice):
    assert "No opportunities yet" in _text(client.get("/opportunities/"))


def test_it_creates_an_opportunity_and_guesses_the_flags(client, alice):
    response = client.post(
        "/opportunities/new/",
        {
            "company": "Initech",
            "role": "Senior Account Executive",
            "status": "applied",
            "sales_role": "auto",
            "senior": "auto",
        },
    )
    opportunity = Opportunity.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/opportunities/{opportunity.pk}/"
    assert (opportunity.company.name, opportunity.role) == ("Initech", "Senior Account Executive")
    assert opportunity.sales_role and opportunity.senior


def test_it_lets_the_user_override_the_guess(client, alice):
    client.post(
        "/opportunities/new/",
        {"company": "Initech", "role": "Account Executive", "status": "wishlist"}
        | {"sales_role": "no", "senior": "yes"},
    )
    opportunity = Opportunity.objects.get(owner=alice)
    assert not opportunity.sales_role
    assert opportunity.senior
    assert opportunity.status == "wishlist"


def test_it_explains_a_missing_company_and_keeps_the_role(client, alice):
    response = client.post(
        "/opportunities/new/",
        {"company": "  ", "role": "Recruiter", "status": "applied"}
        | {"sales_role": "auto", "senior": "auto"},
    )
    text = _text(response)
    assert response.status_code == 200
    assert 'id="id_company_error"' in text
    assert "This field is required." in text
    assert 'value="Recruiter"' in text
    assert not Opportunity.objects.exists()


def test_it_shows_the_opportunity_page(client, alice, acme_close, frozen):
    opportunity = acme_close.interview.opportunity
    response = client.get(f"/opportunities/{opportunity.pk}/")
    assert response.status_code == 200
    text = _text(response)
    assert "Account Executive" in text
    assert "Round 1: <time" in text
    assert "Wed 25 Nov, 14:00" in text
    # The close summary: the ask, the answer, both dates, the permission.
    assert "<dt>Asked for the job</dt><dd>Yes</dd>" in text
    assert "No decision yet" in text
    assert "Fri 4 Dec" in text
    assert "Thu 10 Dec" in text
    assert "Yes, I may get in touch" in text
    # The plan: a thank-you tonight and a follow-up timed against the latest date.
    plan = text.split('id="plan"')[1].split("</section>")[0]
    assert "Send a thank-you note" in plan
    assert "Follow up" in plan
    assert "Fri 11 Dec, 10:00" in plan
    assert f"/interviews/{acme_close.interview.pk}/close/" in text
    assert f"/opportunities/{opportunity.pk}/card/" in text
    # Done and Skip on this page come back to the plan.
    assert f'name="next" value="/opportunities/{opportunity.pk}/#plan"' in plan


def test_it_adds_an_interview_in_the_users_zone(client, alice):
    opportunity = opportunity_create(owner=alice, company_name="Acme", role="Account Executive")
    response = client.post(
        f"/opportunities/{opportunity.pk}/interviews/new/",
        {
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T11:15",
            "interviewers": "Dana Lee <dana@acme.example>\n\nSam Ortiz\n",
        },
    )
    assert response.status_code == 302
    interview = Interview.objects.get(opportunity=opportunity)
    assert interview.starts_at == at("2026-12-01 10:00")
    assert interview.ends_at == at("2026-12-01 11:15")
    assert sorted((c.name, c.email) for c in interview.interviewers.all()) == [
        ("Dana Lee", "dana@acme.example"),
        ("Sam Ortiz", ""),
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"starts_at": ""}, "starts_at", "This field is required."),
        ({"starts_at": "next tuesday"}, "starts_at", "Enter a date and time such as"),
        ({"starts_at": "0202-12-01T10:00"}, "starts_at", "Check the year: 202 looks like a typo."),
        (
            {"starts_at": "2026-12-01T10:00", "ends_at": "2026-12-01T09:00"},
            "ends_at",
            "can&#x27;t end before it starts",
        ),
        (
            {"starts_at": "2026-12-01T10:00", "interviewers": "Dana Lee <dana@>"},
            "interviewers",
            "Line 1: “dana@” is not a valid email address.",
        ),
        (
            {"starts_at": "2026-12-01T10:00", "interviewers": "Sam\nDana <dana@acme.example"},
            "interviewers",
            "Line 2: write it as Dana Lee &lt;dana@acme.example&gt;, or one person per line.",
        ),
    ],
)
def test_it_explains_a_bad_interview(client, alice, data, field, message):
    opportunity = opportunity_create(owner=alice, company_name="Acme", role="Account Executive")
    response = client.post(f"/opportunities/{opportunity.pk}/interviews/new/", data)
    text = _text(response)
    assert response.status_code == 200
    error_list = text.split(f'id="id_{field}_error"')[1].split("</ul>")[0]
    assert message in error_list
    assert not Interview.objects.exists()
    for value in data.values():
        if value:
            assert value.split("\n")[0].replace("<", "&lt;").replace(">", "&gt;") in text


def test_it_shows_the_close_card(client, alice, acme_close):
    opportunity = acme_close.interview.opportunity
    response = client.get(f"/opportunities/{opportunity.pk}/card/")
    text = _text(response)
    assert response.status_code == 200
    assert "Close card: Account Executive at Acme" in text
    assert "with Dana Lee" in text
    # A sales role leads with the direct ask.
    assert text.index("Ask for the job") < text.index("If they can&#x27;t decide yet")
    assert "Send Dana Lee a thank-you note tonight." in text
    assert f"/interviews/{acme_close.interview.pk}/close/" in text


def test_it_shows_the_card_time_in_the_users_zone(client, alice, acme_close):
    opportunity = acme_close.interview.opportunity
    text = _text(client.get(f"/opportunities/{opportunity.pk}/card/"))
    assert "Wed 25 Nov at 14:00 with Dana Lee" in text


def test_it_shows_a_card_before_any_interview(client, alice):
    opportunity = opportunity_create(owner=alice, company_name="Acme", role="Engineer")
    response = client.get(f"/opportunities/{opportunity.pk}/card/")
    assert response.status_code == 200
    assert "Close card: Engineer at Acme" in _text(response)


# --- answers ---------------------------------------------------------------------------------


def test_it_cancels_the_follow_up_when_rejected(client, alice, acme_close, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-12-02T09:00")
    opportunity = acme_close.interview.opportunity
    response = client.post(
        f"/opportunities/{opportunity.pk}/answer/",
        {"kind": "rejected", "feedback": "Wanted more enterprise experience."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/opportunities/{opportunity.pk}/#plan"
    assert _action(acme_close, "follow_up").status == Action.Status.CANCELLED
    # With the feedback on file already, the plan thanks them for it instead of asking again.
    assert _action(acme_close, "feedback_thanks").status == Action.Status.OPEN
    opportunity.refresh_from_db()
    assert opportunity.status == "rejected"
    text = _text(client.get(response["Location"]))
    assert "A rejection" in text
    assert "Wanted more enterprise experience." in text


def test_it_records_an_offer_with_a_deadline(client, alice, acme_close, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-12-02T09:00")
    opportunity = acme_close.interview.opportunity
    client.post(
        f"/opportunities/{opportunity.pk}/answer/",
        {"kind": "offer", "offer_deadline": "2026-12-09"},
    )
    answer = opportunity.answers.get()
    assert (answer.kind, answer.offer_deadline) == ("offer", date(2026, 12, 9))
    assert answer.received_at == at("2026-12-02 09:00")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "kind", "This field is required."),
        ({"kind": "maybe"}, "kind", "Select a valid choice."),
        ({"kind": "offer", "offer_deadline": "soon"}, "offer_deadline", "Enter a date such as"),
    ],
)
def test_it_explains_a_bad_answer_on_the_opportunity_page(
    client, alice, acme_close, data, field, message
):
    opportunity = acme_close.interview.opportunity
    response = client.post(f"/opportunities/{opportunity.pk}/answer/", data)
    text = _text(response)
    assert response.status_code == 200
    assert message in text.split(f'id="id_{field}_error"')[1].split("</ul>")[0]
    assert "Close card" in text
    assert not opportunity.answers.exists()


# --- done / skip -----------------------------------------------------------------------------


def test_it_marks_an_action_done_and_goes_back(client, alice, acme_close, frozen):
    action = _action(acme_close, "thank_you")
    response = client.post(f"/actions/{action.pk}/done/", {"next": "/opportunities/"})
    assert response.status_code == 302
    assert response["Location"] == "/opportunities/"
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    assert action.completed_at == at("2026-11-25 15:30")
    text = _text(client.get("/"))
    assert "Done: Send a thank-you note, Dana Lee, Acme." in text
    assert f"/actions/{action.pk}/done/" not in text


def test_it_skips_an_action(client, alice, acme_close, frozen):
    action = _action(acme_close, "follow_up")
    response = client.post(f"/actions/{action.pk}/skip/")
    assert response["Location"] == "/"
    action.refresh_from_db()
    assert action.status == Action.Status.SKIPPED


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_it_never_redirects_off_site(client, alice, acme_close, target):
    action = _action(acme_close, "thank_you")
    response = client.post(f"/actions/{action.pk}/done/", {"next": target})
    assert response["Location"] == "/"


@pytest.mark.parametrize("url", ["/actions/{pk}/done/", "/actions/{pk}/skip/"])
def test_it_changes_actions_only_by_post(client, alice, acme_close, url):
    action = _action(acme_close, "thank_you")
    assert client.get(url.format(pk=action.pk)).status_code == 405
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


# --- ownership, CSRF, odd input --------------------------------------------------------------


def _stranger_urls(close: Close) -> list[tuple[str, str]]:
    interview = close.interview
    opportunity = interview.opportunity
    action = Action.objects.filter(interview=interview).first()
    return [
        ("get", f"/opportunities/{opportunity.pk}/"),
        ("get", f"/opportunities/{opportunity.pk}/interviews/new/"),
        ("post", f"/opportunities/{opportunity.pk}/interviews/new/"),
        ("post", f"/opportunities/{opportunity.pk}/answer/"),
        ("get", f"/opportunities/{opportunity.pk}/card/"),
        ("get", f"/interviews/{interview.pk}/close/"),
        ("post", f"/interviews/{interview.pk}/close/"),
        ("post", f"/actions/{action.pk}/done/"),
        ("post", f"/actions/{action.pk}/skip/"),
    ]


def test_it_checks_ownership(client, alice, charlie_close):
    before = {(a.pk, a.status) for a in Action.objects.all()}
    for method, url in _stranger_urls(charlie_close):
        payload = {"kind": "rejected", "answer": "rejected", "starts_at": "2026-12-01T10:00"}
        response = getattr(client, method)(url, payload if method == "post" else None)
        assert response.status_code == 404, (method, url)
        assert "belongs to someone else" in _text(response)
    assert {(a.pk, a.status) for a in Action.objects.all()} == before
    assert charlie_close.interview.opportunity.answers.count() == 0
    assert Interview.objects.filter(owner=charlie_close.owner).count() == 1


def test_it_hides_strangers_from_lists(client, alice, charlie_close, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T13:00")
    assert "Globex" not in _text(client.get("/opportunities/"))
    assert "Hank" not in _text(client.get("/"))


@pytest.mark.parametrize(
    "url", ["/opportunities/999999/", "/opportunities/99999999999999999999999/card/"]
)
def test_it_answers_404_for_unknown_ids(client, alice, url):
    assert client.get(url).status_code == 404


def test_it_enforces_csrf(alice, acme_close):
    strict = Client(enforce_csrf_checks=True)
    action = _action(acme_close, "thank_you")
    opportunity = acme_close.interview.opportunity
    for url, data in [
        (f"/actions/{action.pk}/done/", {}),
        (f"/opportunities/{opportunity.pk}/answer/", {"kind": "rejected"}),
        (f"/interviews/{acme_close.interview.pk}/close/", {"answer": "rejected"}),
        ("/opportunities/new/", {"company": "X", "role": "Y", "status": "applied"}),
    ]:
        response = strict.post(url, data)
        assert response.status_code == 403, url
        assert "That form had expired" in _text(response)
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN
    assert Opportunity.objects.count() == 1


def test_it_puts_a_csrf_token_in_every_form(client, alice, acme_close, frozen):
    opportunity = acme_close.interview.opportunity
    for url in [
        "/",
        "/opportunities/new/",
        f"/opportunities/{opportunity.pk}/",
        f"/opportunities/{opportunity.pk}/interviews/new/",
        f"/interviews/{acme_close.interview.pk}/close/",
    ]:
        text = _text(client.get(url))
        assert text.count('method="post"') == text.count("csrfmiddlewaretoken"), url


def test_it_labels_every_input(client, alice, acme_close, frozen):
    opportunity = acme_close.interview.opportunity
    for url in [
        "/opportunities/new/",
        f"/opportunities/{opportunity.pk}/",
        f"/opportunities/{opportunity.pk}/interviews/new/",
        f"/interviews/{acme_close.interview.pk}/close/",
    ]:
        text = _text(client.get(url))
        for chunk in text.split("<input")[1:] + text.split("<textarea")[1:]:
            tag = chunk.split(">")[0]
            if 'type="hidden"' in tag:
                continue
            input_id = tag.split('id="')[1].split('"')[0]
            assert f'for="{input_id}"' in text, (url, input_id)


def test_it_survives_an_interview_with_no_interviewers(client, alice, frozen):
    opportunity = opportunity_create(owner=alice, company_name="Acme", role="Engineer")
    interview = interview_create(opportunity=opportunity, starts_at=at("2026-11-25 09:00"))
    response = client.post(f"/interviews/{interview.pk}/close/", {"answer": "pending"})
    assert response.status_code == 302
    text = _text(client.get(f"/opportunities/{opportunity.pk}/"))
    assert "Thank your interviewer" in text or "Send a thank-you note" in text


def test_it_serves_the_stylesheet(client, alice):
    response = client.get("/static/closer/closer.css")
    assert response.status_code == 200
    assert b"@media print" in b"".join(response.streaming_content)


def test_it_has_a_label_for_every_choice_the_core_knows():
    from closer.core import labels
    from closer.core.records import OpportunityStatus

    assert set(labels.CLOSE_ANSWER_LABELS) == set(CloseAnswer)
    assert set(labels.PERMISSION_LABELS) == set(Permission)
    assert set(labels.ANSWER_KIND_LABELS) == set(AnswerKind)
    assert set(labels.ACTION_LABELS) == set(ActionKind)
    assert set(labels.STATUS_LABELS) == set(OpportunityStatus)
