"""The log-the-close form: saving plans the thank-you notes, errors keep what was typed."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import at

from closer.pipeline.models import Action, Close, Interview, Opportunity


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:00")


GOOD = {
    "asked_for_job": "on",
    "answer": "pending",
    "expected_date": "2026-12-04",
    "expected_words": "end of next week",
    "latest_date": "2026-12-10",
    "latest_words": "the 10th at the latest",
    "permission": "yes",
    "remarks": "Talked about the Q1 pipeline.",
}


def _url(interview: Interview) -> str:
    return f"/interviews/{interview.pk}/close/"


def _text(response) -> str:
    return response.content.decode()


def _errors(text: str, field: str) -> str:
    """The error list rendered next to one field (empty when there is none)."""
    marker = f'id="id_{field}_error"'
    return text.split(marker)[1].split("</ul>")[0] if marker in text else ""


def test_it_shows_an_empty_close_form(client, interview):
    response = client.get(_url(interview))
    text = _text(response)
    assert response.status_code == 200
    assert "<h1>Log the close</h1>" in text
    assert "with Dana Lee" in text
    assert 'id="id_answer_2" checked' in text
    assert 'type="date" name="expected_date"' in text
    assert 'type="datetime-local" name="next_round_at"' in text


def test_it_logs_the_close_and_plans_a_thank_you_tonight(client, interview, frozen):
    response = client.post(_url(interview), GOOD)
    opportunity = interview.opportunity
    assert response.status_code == 302
    assert response["Location"] == f"/opportunities/{opportunity.pk}/#plan"

    close = Close.objects.get(interview=interview)
    assert close.asked_for_job
    assert (close.expected_date, close.latest_date) == (date(2026, 12, 4), date(2026, 12, 10))
    assert close.expected_words == "end of next week"
    assert close.permission == "yes"
    assert close.logged_at == at("2026-11-25 15:00")

    thank_you = Action.objects.get(interview=interview, kind="thank_you")
    assert thank_you.contact.name == "Dana Lee"
    assert thank_you.due_at == at("2026-11-25 21:00")
    follow_up = Action.objects.get(interview=interview, kind="follow_up")
    assert follow_up.due_at == at("2026-12-11 10:00")

    text = _text(client.get(response["Location"]))
    plan = text.split('id="plan"')[1].split("</section>")[0]
    assert "Close logged. Here is your plan." in text
    assert "Send a thank-you note</strong> · Dana Lee" in plan
    assert "Wed 25 Nov, 21:00" in plan
    assert "Thu 10 Dec" in plan
    assert "(“end of next week”)" in text


def test_it_keeps_everything_typed_when_the_latest_date_is_too_early(client, interview, frozen):
    data = GOOD | {
        "latest_date": "2026-11-20",
        "referrals": "Pat Kim <pat@initech.example>",
        "next_round_with": "Lee Chan",
        "feedback": "Be more concrete about quota.",
    }
    response = client.post(_url(interview), data)
    text = _text(response)
    assert response.status_code == 200
    assert "Fri 20 Nov is before the interview on Wed 25 Nov." in _errors(text, "latest_date")
    assert 'aria-invalid="true"' in text.split('name="latest_date"')[1].split(">")[0]
    assert "Nothing is saved yet" in text
    assert not Close.objects.exists()
    assert not Action.objects.exists()
    # Every value comes back exactly as typed.
    assert 'value="2026-11-20"' in text
    assert 'value="2026-12-04"' in text
    assert 'value="end of next week"' in text
    assert 'value="the 10th at the latest"' in text
    assert 'id="id_permission_0" checked' in text
    assert 'id="id_answer_2" checked' in text
    assert 'id="id_asked_for_job" checked' in text
    assert "Pat Kim &lt;pat@initech.example&gt;</textarea>" in text
    assert "Lee Chan</textarea>" in text
    assert "Talked about the Q1 pipeline.</textarea>" in text
    assert "Be more concrete about quota.</textarea>" in text


def test_a_latest_date_before_the_expected_one_is_kept_explained_and_waited_for(
    client, interview, frozen
):
    # "End of next week" (Fri 4 Dec), "the 1st at the latest": what the interviewer said.
    data = GOOD | {"latest_date": "", "latest_words": "the 1st at the latest"}
    response = client.post(_url(interview), data | {"latest_date": "2026-12-01"})
    assert response.status_code == 302
    close = Close.objects.get(interview=interview)
    assert (close.expected_date, close.latest_date) == (date(2026, 12, 4), date(2026, 12, 1))
    assert (close.expected_words, close.latest_words) == (
        "end of next week",
        "the 1st at the latest",
    )
    follow_up = Action.objects.get(interview=interview, kind="follow_up")
    # The first business day after the later date, Fri 4 Dec.
    assert follow_up.due_at == at("2026-12-07 10:00")
    assert "Tue 1 Dec as the latest date" in follow_up.reason
    text = " ".join(_text(client.get(response["Location"])).split())
    assert "They expect to decide by Fri 4 Dec but gave Tue 1 Dec as the latest date." in text


def test_it_reads_interviewers_written_without_brackets(client, interview, frozen):
    data = {
        "answer": "not_a_fit",
        "referrals": "Jo Kim jo@globex.example\nPat Lee, pat@initech.example, Head of Sales",
    }
    assert client.post(_url(interview), data).status_code == 302
    leads = {
        (r.person.name, r.person.email, r.person.title) for r in Close.objects.get().referrals.all()
    }
    assert leads == {
        ("Jo Kim", "jo@globex.example", ""),
        ("Pat Lee", "pat@initech.example", "Head of Sales"),
    }


def test_it_says_when_an_interviewer_has_no_email_for_the_thank_you(client, alice, frozen):
    from closer.pipeline.services import PersonInput, interview_create, opportunity_create

    opportunity = opportunity_create(owner=alice, company_name="Acme", role="AE")
    interview = interview_create(
        opportunity=opportunity,
        starts_at=at("2026-11-25 14:00"),
        interviewers=[PersonInput("Jo Kim"), PersonInput("Dana Lee", "dana@acme.example")],
    )
    response = client.post(_url(interview), GOOD)
    text = " ".join(_text(client.get(response["Location"])).split())
    assert "No email address on file for Jo Kim: add it on Contacts" in text
    assert "for Dana Lee" not in text


def test_a_line_that_reads_two_ways_is_asked_about_not_guessed(client, interview, frozen):
    data = GOOD | {"answer": "not_a_fit", "referrals": "Lee, Pat <pat@initech.example>"}
    text = _text(client.post(_url(interview), data))
    assert "Line 1: is “Lee, Pat &lt;pat@initech.example&gt;” one person (Pat Lee) or two?" in (
        _errors(text, "referrals")
    )
    assert not Close.objects.exists()


def test_it_refuses_an_expected_date_before_the_interview(client, interview, frozen):
    text = _text(client.post(_url(interview), GOOD | {"expected_date": "2026-11-24"}))
    assert "Tue 24 Nov is before the interview on Wed 25 Nov" in _errors(text, "expected_date")
    assert not Close.objects.exists()


def test_it_refuses_a_latest_date_before_the_interview(client, interview, frozen):
    data = GOOD | {"expected_date": "", "expected_words": "", "latest_date": "2026-11-20"}
    text = _text(client.post(_url(interview), data))
    assert "Fri 20 Nov is before the interview on Wed 25 Nov." in _errors(text, "latest_date")


def test_it_refuses_a_next_round_before_this_one(client, interview, frozen):
    data = {"answer": "next_round", "next_round_at": "2026-11-25T09:00"}
    text = _text(client.post(_url(interview), data))
    assert "Wed 25 Nov 09:00 is before this interview (Wed 25 Nov, 14:00)" in _errors(
        text, "next_round_at"
    )


def test_it_points_at_the_bad_line_in_referrals(client, interview, frozen):
    data = GOOD | {
        "answer": "not_a_fit",
        "referrals": "Pat Kim <pat@initech.example>\nBob <bob@>\nAl <>\n",
    }
    text = _text(client.post(_url(interview), data))
    errors = _errors(text, "referrals")
    assert "Line 2: “bob@” is not a valid email address." in errors
    assert "Line 3: the email between &lt; and &gt; is missing." in errors
    assert "Line 1" not in errors
    assert "Pat Kim &lt;pat@initech.example&gt;\nBob &lt;bob@&gt;\nAl &lt;&gt;\n</textarea>" in text
    assert not Close.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("answer", "", "This field is required."),
        ("answer", "maybe", "Select a valid choice."),
        ("permission", "sometimes", "Select a valid choice."),
        ("expected_date", "end of next week", "Enter a date such as 2026-12-04."),
        ("expected_date", "2026-02-30", "Enter a date such as 2026-12-04."),
        ("latest_date", "20260-12-10", "Enter a date such as 2026-12-04."),
        ("offer_deadline", "9999-12-31", "Check the year: 9999 looks like a typo."),
        ("next_round_at", "9999-12-31T23:30", "Check the year"),
        ("next_round_at", "2026-03-08T02:30", "2026-03-08 02:30:00 couldn"),  # a DST gap
        ("expected_words", "x" * 201, "at most 200 characters"),
        ("remarks", "null\x00byte", "Null characters are not allowed."),
    ],
)
def test_it_explains_malformed_input_without_crashing(
    client, interview, frozen, field, value, message
):
    response = client.post(_url(interview), GOOD | {field: value})
    assert response.status_code == 200
    assert message in _errors(_text(response), field)
    assert not Close.objects.exists()


def test_it_prefills_an_existing_close(client, alice, acme_close):
    response = client.get(f"/interviews/{acme_close.interview.pk}/close/")
    text = _text(response)
    assert "<h1>Edit the close</h1>" in text
    assert 'value="2026-12-04"' in text
    assert 'value="2026-12-10"' in text
    assert 'id="id_permission_0" checked' in text
    assert 'id="id_asked_for_job" checked' in text


def test_it_replans_an_edited_close_without_duplicates(client, alice, acme_close, monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T16:00")
    interview = acme_close.interview
    before = Action.objects.filter(interview=interview).count()
    data = GOOD | {"latest_date": "2026-12-15", "latest_words": "mid-December"}
    assert client.post(_url(interview), data).status_code == 302
    assert Close.objects.count() == 1
    assert Action.objects.filter(interview=interview).count() == before
    follow_up = Action.objects.get(interview=interview, kind="follow_up")
    assert follow_up.due_at == at("2026-12-16 10:00")


def test_it_logs_referrals_and_opens_internal_ones(client, interview, frozen):
    data = {
        "answer": "not_a_fit",
        "referrals_asked": "on",
        "referrals": "Pat Kim <pat@acme.example>\nRiley",
        "referrals_internal": "on",
    }
    assert client.post(_url(interview), data).status_code == 302
    close = Close.objects.get(interview=interview)
    assert sorted(r.person.name for r in close.referrals.all()) == ["Pat Kim", "Riley"]
    assert all(r.internal for r in close.referrals.all())
    assert Opportunity.objects.filter(status="wishlist").count() == 2
    outreach = Action.objects.filter(kind="referral_outreach")
    assert sorted(a.contact.name for a in outreach) == ["Pat Kim", "Riley"]
    # Editing shows the referrals again, one per line.
    text = _text(client.get(_url(interview)))
    assert "Pat Kim &lt;pat@acme.example&gt;\nRiley</textarea>" in text
    assert 'id="id_referrals_internal" checked' in text


def test_it_logs_a_next_round_with_whom(client, interview, frozen):
    data = {
        "answer": "next_round",
        "next_round_at": "2026-12-03T11:00",
        "next_round_with": "Morgan Diaz <morgan@acme.example>",
    }
    assert client.post(_url(interview), data).status_code == 302
    close = Close.objects.get(interview=interview)
    assert close.next_round_at == at("2026-12-03 11:00")
    assert [c.name for c in close.next_round_with.all()] == ["Morgan Diaz"]
    assert Action.objects.filter(kind="prepare_round").exists()
    text = _text(client.get(f"/opportunities/{interview.opportunity_id}/"))
    assert "Thu 3 Dec, 11:00 with Morgan Diaz" in text
