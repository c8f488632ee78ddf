"""Drafting notes: every kind and tone, the template language, mailto links, the countdown."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closer.core.countdown import countdown, span
from closer.core.notes import (
    MESSAGE_KINDS,
    PLACEHOLDERS,
    NoteFacts,
    NoteTemplate,
    TemplateError,
    Tone,
    check_template,
    default_template,
    draft,
    first_name,
    mailto,
    note_values,
    parse_mailto,
    placeholders_for,
    sample_facts,
    topic_for,
    when_we_spoke,
)
from closer.core.notes.template import parse, render, tidy
from closer.core.records import ActionKind, CloseAnswer

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 15, 30, tzinfo=NY)

FULL = NoteFacts(
    kind=ActionKind.THANK_YOU,
    recipient="Dana Lee",
    recipient_title="Head of Sales",
    company="Acme",
    role="Account Executive",
    interview_at=datetime(2026, 11, 25, 14, 0, tzinfo=NY),
    answer=CloseAnswer.PENDING,
    remarks="Dana: their plan to open a Lisbon office\nSam: the new onboarding programme",
    interviewers=("Dana Lee", "Sam Ortiz"),
    expected=date(2026, 12, 4),
    latest=date(2026, 12, 10),
    next_round_at=datetime(2026, 12, 3, 10, 0, tzinfo=NY),
    next_round_with=("Sam Ortiz", "Priya Nair"),
    offer_deadline=date(2026, 12, 11),
    referrer="Dana Lee",
    referral_role="Solutions Engineer",
    internal_referral=True,
    last_follow_up=date(2026, 12, 11),
    sender_name="Zoë Ångström",
    signature="Zoë Ångström\n+1 555 0100",
)


def _bare(kind: ActionKind) -> NoteFacts:
    return NoteFacts(kind=kind)


def _assert_reads_well(subject: str, body: str) -> None:
    text = f"{subject}\n{body}"
    assert subject and "\n" not in subject
    assert body
    assert "None" not in text
    assert "  " not in text, text
    assert not re.search(r"[{}\[\]|]", text), text
    assert not re.search(r"\s[,.]", text), text
    first_line = body.splitlines()[0]
    # A greeting always greets someone, or is a plain "Hello,".
    assert re.fullmatch(r"(Hi|Hello) \S.*,|Hello,", first_line), first_line
    assert "\n\n\n" not in body
    assert body == body.strip()


# --- every kind, every tone ------------------------------------------------------------------


@pytest.mark.parametrize("tone", list(Tone))
@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_it_drafts_every_kind_and_tone_with_every_detail(kind, tone):
    facts = replace(
        FULL, kind=kind, recipient="Jordan Park" if kind == "referral_outreach" else "Dana Lee"
    )
    note = draft(facts, tone, NOW)
    _assert_reads_well(note.subject, note.body)
    assert note.body.endswith("Zoë Ångström\n+1 555 0100")
    assert "Jordan" in note.body if kind == "referral_outreach" else "Dana" in note.body


@pytest.mark.parametrize("tone", list(Tone))
@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_it_drafts_every_kind_and_tone_without_any_details(kind, tone):
    note = draft(_bare(kind), tone, NOW)
    _assert_reads_well(note.subject, note.body)
    assert note.body.startswith("Hello,\n\n")


optional = st.fixed_dictionaries(
    {},
    optional={
        "recipient": st.sampled_from(["Dana Lee", "dana@acme.example", "Dr. Ana Ruiz", "Zoë"]),
        "recipient_title": st.just("CTO"),
        "company": st.sampled_from(["Acme", "Ærø Café"]),
        "role": st.sampled_from(["Account Executive", "Barista"]),
        "interview_at": st.just(datetime(2026, 11, 20, 10, 0, tzinfo=NY)),
        "answer": st.sampled_from(list(CloseAnswer)),
        "remarks": st.sampled_from(["", "the Lisbon office", "She was late.", "Dana: pricing"]),
        "interviewers": st.just(("Dana Lee", "Sam Ortiz")),
        "expected": st.just(date(2026, 12, 4)),
        "latest": st.just(date(2026, 12, 10)),
        "next_round_at": st.just(datetime(2026, 12, 3, 10, 0, tzinfo=NY)),
        "next_round_with": st.just(("Priya Nair",)),
        "offer_deadline": st.just(date(2027, 1, 8)),
        "referrer": st.just("Dana Lee"),
        "referral_role": st.just("Support Lead"),
        "internal_referral": st.booleans(),
        "last_follow_up": st.just(date(2026, 11, 30)),
        "sender_name": st.just("Alex Morgan"),
        "signature": st.just("Alex"),
    },
)


@given(kind=st.sampled_from(MESSAGE_KINDS), tone=st.sampled_from(list(Tone)), details=optional)
def test_it_reads_well_with_any_mix_of_details(kind, tone, details):
    note = draft(NoteFacts(kind=kind, **details), tone, NOW)
    _assert_reads_well(note.subject, note.body)


def test_it_has_a_value_for_every_placeholder_it_documents():
    assert set(note_values(FULL, NOW)) == set(PLACEHOLDERS)
    for kind in MESSAGE_KINDS:
        assert set(placeholders_for(kind)) <= set(PLACEHOLDERS)


def test_it_writes_a_different_thank_you_to_each_interviewer_from_the_notes():
    dana = draft(FULL, Tone.WARM, NOW)
    sam = draft(replace(FULL, recipient="Sam Ortiz"), Tone.WARM, NOW)

    assert dana.body.startswith("Hi Dana,")
    assert "our conversation about their plan to open a Lisbon office." in dana.body
    assert sam.body.startswith("Hi Sam,")
    assert "our conversation about the new onboarding programme." in sam.body
    assert "Lisbon" not in sam.body and "onboarding" not in dana.body


def test_it_falls_back_to_the_people_met_when_nothing_specific_was_noted():
    sam = draft(replace(FULL, recipient="Sam Ortiz", remarks=""), Tone.WARM, NOW)
    assert "It was a pleasure to meet you and Dana." in sam.body


def test_it_reads_the_answer_into_the_next_step():
    def body(**changes) -> str:
        return draft(replace(FULL, **changes), Tone.WARM, NOW).body

    assert "look forward to hearing from you by Friday 4 December." in body()
    assert "hearing from you by Thursday 10 December." in body(expected=None)
    assert "look forward to hearing from you." in body(expected=None, latest=None)
    assert "the next round on Thursday 3 December." in body(answer=CloseAnswer.NEXT_ROUND)
    assert "talking about the offer." in body(answer=CloseAnswer.OFFERED)
    rejected = body(answer=CloseAnswer.REJECTED)
    assert "keener" not in rejected and "I hope our paths cross again." in rejected


def test_it_names_the_referrer_and_the_role_in_referral_outreach():
    facts = replace(FULL, kind=ActionKind.REFERRAL_OUTREACH, recipient="Jordan Park")
    note = draft(facts, Tone.WARM, NOW)
    assert note.subject == "Dana Lee suggested I get in touch"
    assert "Dana Lee suggested I get in touch about the Solutions Engineer role at Acme." in (
        note.body
    )
    external = draft(replace(facts, internal_referral=False), Tone.CONCISE, NOW)
    assert "Dana Lee suggested I contact you about the Solutions Engineer role." in external.body


def test_it_says_when_the_earlier_follow_up_went_in_a_second_one():
    first = draft(replace(FULL, kind=ActionKind.FOLLOW_UP, last_follow_up=None), Tone.WARM, NOW)
    second = draft(replace(FULL, kind=ActionKind.FOLLOW_UP), Tone.WARM, NOW)
    assert "you mentioned I would hear by Thursday 10 December" in first.body
    assert "I wrote on Friday 11 December and wanted to check in once more" in second.body


def test_it_asks_for_a_deadline_when_the_offer_came_without_one():
    facts = replace(FULL, kind=ActionKind.RESPOND_OFFER)
    assert "my answer by Friday 11 December." in draft(facts, Tone.WARM, NOW).body
    none = draft(replace(facts, offer_deadline=None), Tone.CONCISE, NOW)
    assert "When do you need my answer?" in none.body


# --- the details ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Dana Lee", "Dana"),
        ("Dr. Dana Lee", "Dana"),
        ("Lee, Dana", "Dana"),
        ("Zoë Ångström", "Zoë"),
        ("dana@acme.example", ""),
        ("  ", ""),
    ],
)
def test_it_finds_the_first_name(name, first):
    assert first_name(name) == first


@pytest.mark.parametrize(
    ("notes", "recipient", "topic"),
    [
        ("the Lisbon office", "Dana Lee", "the Lisbon office"),
        ("Talked about the Q3 territory plan.", "Dana Lee", "the Q3 territory plan"),
        ("The pricing model", "Dana Lee", "the pricing model"),
        ("Dana's plan for Lisbon", "Dana Lee", "your plan for Lisbon"),
        ("Dana: pricing\nSam - hiring", "Sam Ortiz", "hiring"),
        ("Sam loved my CRM idea", "Dana Lee", ""),
        ("She said they are hiring fast", "Dana Lee", ""),
        ("x" * 200, "Dana Lee", ""),
        ("", "Dana Lee", ""),
    ],
)
def test_it_picks_something_specific_from_the_notes(notes, recipient, topic):
    assert topic_for(notes, recipient, ("Dana Lee", "Sam Ortiz")) == topic


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (datetime(2026, 11, 25, 9, 0, tzinfo=NY), "today"),
        (datetime(2026, 11, 24, 9, 0, tzinfo=NY), "yesterday"),
        (datetime(2026, 11, 23, 9, 0, tzinfo=NY), "on Monday"),
        (datetime(2026, 11, 2, 9, 0, tzinfo=NY), "on 2 November"),
        (datetime(2026, 8, 20, 9, 0, tzinfo=NY), "in August"),
        (datetime(2025, 11, 20, 9, 0, tzinfo=NY), "in November 2025"),
    ],
)
def test_it_says_when_we_spoke_the_way_people_do(when, words):
    assert when_we_spoke(when, NOW) == words


# --- the template language -------------------------------------------------------------------


def _render(source: str, **values: str) -> str:
    return render(parse(source, set(values) | {"a", "b"}), values)


def test_it_fills_placeholders_and_leaves_out_optional_text():
    assert _render("Hi {a}.[ About {b}.]", a="Dana", b="") == "Hi Dana."
    assert _render("Hi {a}.[ About {b}.]", a="Dana", b="pricing") == "Hi Dana. About pricing."
    assert _render("[Hi {a},|Hello,]", a="") == "Hello,"
    assert _render("[Hi {a},|Hello,]", a="Dana") == "Hi Dana,"
    assert _render("[{a}|{b}]", a="", b="") == ""
    assert _render("{{literal}} [[brackets]] a|b", a="") == "{literal} [brackets] a|b"


def test_it_tidies_what_a_missing_detail_leaves_behind():
    assert tidy("Hi  Dana ,\n\n\n\nThanks  for it .  ") == "Hi Dana,\n\nThanks for it."
    assert tidy("  \nline\r\nnext  \n") == "line\nnext"


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [
        ("Hi", "Hello {frist_name}", "no placeholder {frist_name} (the text). Did you mean"),
        ("Hi", "Hello\n{first_name", "the “{” on line 2 is never closed"),
        ("Hi", "Hello first_name}", "has no “{” before it; write }} for a brace"),
        ("Hi", "Hello\n[{first_name},\nthere", "the “[” on line 2 is never closed"),
        ("Hi", "Hello]", "has no “[” before it"),
        ("Hi", "[a [b]]", "cannot go inside each other"),
        ("Hi", "Hello {}", "{} on the text is empty"),
        ("Hi", "Hello {First Name}", "is not a placeholder name"),
        ("Hi", "Hello {banana}", "This note can use {company}"),
        ("Hi {first_nam}", "Hello", "The subject: there is no placeholder {first_nam}"),
        ("Hi\nthere", "Hello", "The subject must fit on one line."),
        ("", "Hello", "The subject is empty"),
        ("Hi", "   ", "The note is empty"),
        ("Hi", "{offer_deadline}", "there is no placeholder {offer_deadline}"),
    ],
)
def test_it_rejects_a_broken_template_naming_the_problem(subject, body, message):
    with pytest.raises(TemplateError) as caught:
        check_template(ActionKind.THANK_YOU, subject, body)
    assert message in str(caught.value)


def test_it_accepts_every_default_template():
    for kind in MESSAGE_KINDS:
        for tone in Tone:
            template = default_template(kind, tone)
            check_template(kind, template.subject, template.body)


def test_it_uses_the_persons_own_template():
    mine = NoteTemplate("Thanks, {first_name}!", "{first_name}, thank you for {noted}. {my_name}")
    note = draft(FULL, Tone.CONCISE, NOW, mine)
    assert note.subject == "Thanks, Dana!"
    assert note.body == "Dana, thank you for their plan to open a Lisbon office. Zoë Ångström"


def test_it_falls_back_to_its_own_wording_if_a_stored_template_no_longer_parses():
    broken = NoteTemplate("Hi {gone}", "{gone}")
    assert draft(FULL, Tone.WARM, NOW, broken) == draft(FULL, Tone.WARM, NOW)


def test_it_makes_up_believable_details_for_a_preview():
    for kind in MESSAGE_KINDS:
        facts = sample_facts(kind, NOW)
        assert {f.name for f in fields(facts)} >= {"recipient", "company"}
        _assert_reads_well(*draft(facts, Tone.WARM, NOW).__dict__.values())


# --- mailto (RFC 6068) -----------------------------------------------------------------------


def test_it_encodes_a_mailto_link_as_rfc_6068_asks():
    link = mailto(
        ["søren@ærø.example", "sam+jobs@acme.example"],
        cc=["dana@acme.example"],
        subject="Thank you, Søren & co?",
        body="Hi Søren,\nThanks!\n\n100% yours",
    )
    assert link == (
        "mailto:s%C3%B8ren@%C3%A6r%C3%B8.example,sam%2Bjobs@acme.example"
        "?cc=dana%40acme.example"
        "&subject=Thank%20you%2C%20S%C3%B8ren%20%26%20co%3F"
        "&body=Hi%20S%C3%B8ren%2C%0D%0AThanks%21%0D%0A%0D%0A100%25%20yours"
    )
    assert "+" not in link.split("?")[1]
    assert mailto(["dana@acme.example"]) == "mailto:dana@acme.example"


addresses_ = st.lists(st.emails(), max_size=3)
text_ = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@given(to=addresses_, cc=addresses_, subject=text_, body=text_)
def test_it_round_trips_any_mailto_link(to, cc, subject, body):
    parsed_to, fields_ = parse_mailto(mailto(to, cc=cc, subject=subject, body=body))
    crlf = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert parsed_to == to
    assert fields_.get("cc", "") == ",".join(cc)
    assert fields_.get("subject", "") == subject
    assert fields_.get("body", "") == crlf


# --- the countdown ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "now", "text"),
    [
        ("2026-11-25 21:00", "2026-11-25 15:30", "due tonight, 5 h left"),
        ("2026-11-25 21:00", "2026-11-25 19:40", "due tonight, 1 h 20 min left"),
        ("2026-11-25 21:00", "2026-11-25 20:20", "due tonight, 40 min left"),
        ("2026-11-25 12:00", "2026-11-25 09:00", "due today, 3 h left"),
        ("2026-11-25 21:00", "2026-11-25 22:15", "1 h 15 min overdue"),
        ("2026-11-25 21:00", "2026-11-27 09:00", "overdue since Wed 25 Nov"),
        ("2026-11-26 21:00", "2026-11-25 15:30", "due tomorrow at 21:00"),
        ("2026-12-01 21:00", "2026-11-25 15:30", "due Tue 1 Dec"),
    ],
)
def test_it_counts_down_to_the_thank_you(due, now, text):
    def local(value: str) -> datetime:
        return datetime.fromisoformat(value).replace(tzinfo=NY)

    assert countdown(local(due), local(now)) == text


def test_it_never_counts_down_zero_minutes():
    assert span(timedelta(seconds=20)) == "1 min"


def test_it_keeps_django_out_of_the_core():
    code = (
        "import sys, closer.core.notes, closer.core.countdown; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
