from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from closer.core.card import Card, CardInput, build_card, looks_like_sales, looks_senior

NEW_YORK = ZoneInfo("America/New_York")


def keys(card: Card) -> list[str]:
    return [s.key for s in card.sections]


def section(card: Card, key: str) -> tuple[str, ...]:
    return next(s.lines for s in card.sections if s.key == key)


def hint(card: Card, key: str) -> str:
    return next(s.hint for s in card.sections if s.key == key)


@pytest.mark.parametrize(
    "role",
    [
        "Account Executive",
        "Senior Account Manager",
        "Business Development Representative",
        "SDR",
        "Inside Sales Associate",
        "Pre-Sales Engineer",
        "Technical Recruiter",
        "Talent Acquisition Partner",
        "Partnerships Manager",
        "VP of Sales",
    ],
)
def test_it_recognises_sales_roles(role: str) -> None:
    assert looks_like_sales(role)


@pytest.mark.parametrize(
    "role",
    ["Software Engineer", "Salesforce Developer", "Data Analyst", "Customer Support Agent", ""],
)
def test_it_does_not_mistake_other_roles_for_sales(role: str) -> None:
    assert not looks_like_sales(role)


@pytest.mark.parametrize(
    "role",
    [
        "Senior Software Engineer",
        "Sr. Product Designer",
        "Lead Engineer",
        "Principal Scientist",
        "Staff Software Engineer",
        "Head of Marketing",
        "Director of Finance",
        "VP Engineering",
        "Vice President, Operations",
        "Chief of Staff",
        "CTO",
        "Managing Partner",
    ],
)
def test_it_recognises_senior_roles(role: str) -> None:
    assert looks_senior(role)


@pytest.mark.parametrize(
    "role",
    [
        "Software Engineer",
        "Staff Accountant",
        "Lead Generation Specialist",
        "Partner Manager",
        "Junior Designer",
        "Account Executive",
    ],
)
def test_it_does_not_mistake_other_roles_for_senior(role: str) -> None:
    assert not looks_senior(role)


def test_it_leads_an_ordinary_card_with_the_ask_and_the_hear_back_question() -> None:
    card = build_card(CardInput(company="Acme", role="Data Analyst"))
    assert (card.sales_role, card.senior) == (False, False)
    assert keys(card) == ["ask", "next_steps", "fallback", "referrals", "after"]
    assert "hear" in section(card, "next_steps")[0]
    assert "anyone else" in section(card, "next_steps")[1]


def test_it_leads_a_sales_card_with_the_ask_and_says_why() -> None:
    card = build_card(CardInput(company="Acme", role="Account Executive"))
    assert card.sales_role
    assert keys(card)[0] == "ask"
    ordinary = build_card(CardInput(company="Acme", role="Data Analyst"))
    assert hint(card, "ask") != hint(ordinary, "ask")
    assert "evidence" in hint(card, "ask")


def test_it_asks_a_senior_candidate_about_further_rounds_first() -> None:
    card = build_card(CardInput(company="Acme", role="Director of Engineering"))
    assert card.senior and not card.sales_role
    assert keys(card)[:2] == ["next_steps", "ask"]
    assert "rounds" in section(card, "next_steps")[0]
    assert "hear" in section(card, "next_steps")[1]


def test_it_keeps_the_ask_first_for_a_senior_sales_role() -> None:
    card = build_card(CardInput(company="Acme", role="Head of Sales"))
    assert card.senior and card.sales_role
    assert keys(card)[:2] == ["ask", "next_steps"]
    assert "rounds" in section(card, "next_steps")[0]


def test_it_lets_explicit_flags_override_the_guess() -> None:
    card = build_card(CardInput(company="Acme", role="Engineer", sales_role=True, senior=True))
    assert (card.sales_role, card.senior) == (True, True)
    card = build_card(CardInput(company="Acme", role="Senior AE", sales_role=False, senior=False))
    assert (card.sales_role, card.senior) == (False, False)


def test_it_asks_for_the_latest_date_and_permission_to_follow_up() -> None:
    lines = section(build_card(CardInput(company="Acme", role="Analyst")), "fallback")
    assert any("latest" in line for line in lines)
    assert any("get in touch" in line for line in lines)


def test_it_asks_for_referrals_inside_the_company_and_elsewhere() -> None:
    lines = section(build_card(CardInput(company="Acme", role="Analyst")), "referrals")
    text = " ".join(lines)
    assert "skills" in text and "Acme" in text and "another company" in text


def test_it_shows_lessons_only_when_there_are_some() -> None:
    without = build_card(CardInput(company="Acme", role="Analyst", lessons=(" ", "")))
    assert "lessons" not in keys(without) and without.lessons == ()
    lessons = ("Give numbers when you talk about results.", "Ask about the team's roadmap.")
    card = build_card(CardInput(company="Acme", role="Analyst", lessons=lessons))
    assert section(card, "lessons") == lessons
    assert card.lessons == lessons
    assert keys(card)[-2:] == ["lessons", "after"]


def test_it_names_each_interviewer_in_the_thank_you_reminder() -> None:
    card = build_card(
        CardInput(
            company="Acme",
            role="Account Executive",
            interviewers=("Dana Lee", "Sam Park"),
            starts_at=datetime(2026, 11, 25, 14, 0, tzinfo=NEW_YORK),
        )
    )
    assert card.title == "Close card: Account Executive at Acme"
    assert card.subtitle == "Wed 25 Nov at 14:00 with Dana Lee and Sam Park"
    assert card.interviewers == ("Dana Lee", "Sam Park")
    after = section(card, "after")
    assert len(after) == 2
    assert "Dana Lee" in after[0] and "Sam Park" in after[1]
    assert all("tonight" in line for line in after)


def test_it_still_reminds_about_thanks_without_names() -> None:
    card = build_card(CardInput(company="Acme", role="Analyst"))
    assert card.subtitle == ""
    assert section(card, "after") == ("Send everyone you met a thank-you note tonight.",)


def test_it_titles_a_card_with_only_a_company() -> None:
    assert build_card(CardInput(company="Acme", role=" ")).title == "Close card: Acme"


def test_it_writes_every_line_as_a_full_sentence() -> None:
    card = build_card(CardInput(company="Acme", role="Senior Recruiter", lessons=("Slow down",)))
    assert len(set(keys(card))) == len(card.sections)
    for part in card.sections:
        assert part.title and part.lines
        for line in part.lines:
            if part.key != "lessons":
                assert line[0].isupper() and line[-1] in ".?", line
