"""Reading people as users type them: a name and maybe an email, several on a line, a job
title after a comma; a question, never a guess, when a line reads two ways."""

from __future__ import annotations

import pytest

from closer.core.people_lines import PersonLine, read_people


def people(line: str) -> list[tuple[str, str, str]]:
    return [(p.name, p.email, p.title) for p in read_people(line)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Dana Lee <dana@acme.example>", [("Dana Lee", "dana@acme.example", "")]),
        ("  Dana   Lee  ", [("Dana Lee", "", "")]),
        ("dana@acme.example", [("dana@acme.example", "dana@acme.example", "")]),
        ('"Lee, Dana" <dana@acme.example>', [("Lee, Dana", "dana@acme.example", "")]),
        ("Zoë Ñúñez <zoe@acme.example>", [("Zoë Ñúñez", "zoe@acme.example", "")]),
        # No brackets: the word with an @ is the address, the rest the name.
        ("Jo Kim jo@globex.example", [("Jo Kim", "jo@globex.example", "")]),
        ("Jo Kim, jo@globex.example", [("Jo Kim", "jo@globex.example", "")]),
        ("Jo Kim; jo@globex.example", [("Jo Kim", "jo@globex.example", "")]),
        ("Jo Kim: jo@globex.example", [("Jo Kim", "jo@globex.example", "")]),
        ("Jo Kim (jo@globex.example)", [("Jo Kim", "jo@globex.example", "")]),
        ("Jo Kim - jo@globex.example", [("Jo Kim", "jo@globex.example", "")]),
    ],
)
def test_it_reads_a_name_and_an_email_however_they_are_written(line, expected):
    assert people(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Al, Bo", [("Al", "", ""), ("Bo", "", "")]),
        ("Al and Bo", [("Al", "", ""), ("Bo", "", "")]),
        ("Sam O'Neil & Lee Chan", [("Sam O'Neil", "", ""), ("Lee Chan", "", "")]),
        (
            "Ann Lee; Bo Kim; Cy Park",
            [("Ann Lee", "", ""), ("Bo Kim", "", ""), ("Cy Park", "", "")],
        ),
        (
            "Dana Lee <dana@acme.example>, Bo Kim bo@acme.example",
            [("Dana Lee", "dana@acme.example", ""), ("Bo Kim", "bo@acme.example", "")],
        ),
        (
            "Ann Lee, Bo Kim <bo@acme.example>",
            [("Ann Lee", "", ""), ("Bo Kim", "bo@acme.example", "")],
        ),
    ],
)
def test_it_reads_several_people_on_one_line(line, expected):
    assert people(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jo Kim, Head of Sales", [("Jo Kim", "", "Head of Sales")]),
        ("Jo Kim - VP Sales", [("Jo Kim", "", "VP Sales")]),
        ("Jo Kim (recruiter)", [("Jo Kim", "", "recruiter")]),
        ("Head of Sales, Jo Kim", [("Jo Kim", "", "Head of Sales")]),
        # "and" inside a title does not make two people of it.
        ("Jo Kim, Head of Sales and Marketing", [("Jo Kim", "", "Head of Sales and Marketing")]),
        (
            "Jo Kim <jo@globex.example>, Head of Sales",
            [("Jo Kim", "jo@globex.example", "Head of Sales")],
        ),
        (
            "Al, CTO, Bo, recruiter",
            [("Al", "", "CTO"), ("Bo", "", "recruiter")],
        ),
        ("Jo Kim, Jr.", [("Jo Kim, Jr.", "", "")]),
    ],
)
def test_a_job_title_belongs_to_the_person_before_it(line, expected):
    assert people(line) == expected


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("Jo Kim, met at lunch", "is “met at lunch” a person"),
        ("Jo Kim (met at lunch)", "is “met at lunch” a person"),
        ("Lee, Dana <dana@acme.example>", "one person (Dana Lee) or two?"),
        ("Head of Sales", "whose job title is “Head of Sales”?"),
        ("Jo Kim, CTO, CEO", "whose job title is “CEO”?"),
    ],
)
def test_a_line_that_reads_two_ways_gets_a_question(line, asks):
    with pytest.raises(ValueError, match=asks.replace("(", r"\(").replace(")", r"\)")):
        read_people(line)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "write a name"),
        ("Dana <>", "the email between < and > is missing"),
        ("Dana <dana-at-acme>", "“dana-at-acme” is not a valid email address"),
        ("Jo Kim, jo@globex", "“jo@globex” is not a valid email address"),
        ("Dana <a@b.example> extra", "left over"),
        ("Dana <a@b.example", "write it as"),
        ("Jo a@b.example b@b.example", "one email per person"),
        ("x" * 201, "keep the name under 200"),
        (f"Dana <{'a' * 250}@b.example>", "too long"),
    ],
)
def test_it_explains_a_line_it_cannot_read(line, message):
    with pytest.raises(ValueError, match=message):
        read_people(line)


def test_a_name_alone_is_one_person_with_nothing_else():
    assert read_people("Will Smith") == [PersonLine("Will Smith")]
