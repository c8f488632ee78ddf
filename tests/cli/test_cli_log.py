"""`closer log`: flags, prompts, and refusing a close that cannot be right."""

from __future__ import annotations

import json

import pytest

from closer.cli.common import UserError, parse_people
from closer.pipeline.models import Action, Close

pytestmark = pytest.mark.django_db

ACME = [
    "log",
    "--company", "Acme",
    "--role", "Account Executive",
    "--interviewer", "Dana Lee <dana@acme.example>",
    "--at", "2026-11-25 14:00",
    "--asked-for-job",
    "--answer", "pending",
]  # fmt: skip


def test_it_logs_a_close_and_prints_the_plan(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    result = cli(*ACME, "--expected", "2026-12-04", "--latest", "2026-12-10", "--permission", "yes")
    assert result.exit_code == 0, result.output
    assert "Account Executive at Acme" in result.output
    assert "thank you" in result.output and "follow up" in result.output
    close = Close.objects.get()
    assert close.owner == alice and close.asked_for_job and close.permission == "yes"


def test_it_prints_the_plan_as_json(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    result = cli(*ACME, "--expected", "2026-12-04", "--latest", "2026-12-10", "--json")
    assert result.exit_code == 0, result.output
    actions = json.loads(result.stdout)
    assert [a["kind"] for a in actions] == ["thank_you", "follow_up"]
    assert actions[0]["due"] == "2026-11-25T21:00:00-05:00"
    assert actions[1]["due"] == "2026-12-11T10:00:00-05:00"


def test_it_keeps_a_latest_date_before_the_expected_one_and_says_so(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    result = cli(*ACME, "--expected", "2026-12-10", "--latest", "2026-12-04", "--json")
    assert result.exit_code == 0, result.output
    assert "Note: They expect to decide by Thu 10 Dec but gave Fri 4 Dec" in result.stderr
    close = Close.objects.get()
    assert (str(close.expected_date), str(close.latest_date)) == ("2026-12-10", "2026-12-04")
    follow_up = [a for a in json.loads(result.stdout) if a["kind"] == "follow_up"]
    assert follow_up[0]["due"] == "2026-12-11T10:00:00-05:00"


def test_it_reads_people_flags_as_people_write_them(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    result = cli(*ACME, "--interviewer", "Jo Kim jo@acme.example", "--interviewer", "Al, Bo")
    assert result.exit_code == 0, result.output
    names = sorted(Close.objects.get().interview.interviewers.values_list("name", "email"))
    assert names == [
        ("Al", ""),
        ("Bo", ""),
        ("Dana Lee", "dana@acme.example"),
        ("Jo Kim", "jo@acme.example"),
    ]


def test_it_asks_about_a_people_flag_that_reads_two_ways(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    result = cli(*ACME, "--referral", "Jo Kim, met at lunch")
    assert result.exit_code == 1
    assert "--referral 'Jo Kim, met at lunch': is “met at lunch” a person" in result.output
    assert not Close.objects.exists()


def test_it_refuses_an_expected_date_before_the_interview(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    result = cli(*ACME, "--expected", "2026-11-20")
    assert result.exit_code == 1
    assert "before the interview on Wed 25 Nov" in result.output
    assert not Close.objects.exists()


def test_it_refuses_an_interview_in_the_future(cli, alice, frozen):
    frozen("2026-11-25T13:00")
    result = cli(*ACME)
    assert result.exit_code == 1
    assert "has not started yet" in result.output
    assert not Close.objects.exists()


@pytest.mark.parametrize("value", ["2026-11-25", "2pm"])
def test_it_rejects_a_bad_date_in_one_line(cli, alice, frozen, value):
    frozen("2026-11-25T15:00")
    args = list(ACME)
    args[args.index("--at") + 1] = value
    result = cli(*args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: --at needs a date")
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not Close.objects.exists()


@pytest.mark.parametrize(("flag", "words"), [("--expected", "2026-13-45"), ("--latest", "soon")])
def test_it_keeps_timing_words_it_cannot_read(cli, alice, frozen, flag, words):
    # Never an error and never a guessed date: the words are kept, with no date.
    frozen("2026-11-25T15:00")
    result = cli(*ACME, flag, words)
    assert result.exit_code == 0, result.output
    assert f"{flag}: “{words}” no date understood" in result.stderr
    close = Close.objects.get()
    kind = flag.removeprefix("--")
    assert getattr(close, f"{kind}_words") == words
    assert getattr(close, f"{kind}_date") is None


def test_it_names_the_missing_flags_when_not_in_a_terminal(cli, alice):
    result = cli("log", "--company", "Acme", "--answer", "pending")
    assert result.exit_code == 1
    assert result.output.startswith("Error: Missing --role, --interviewer and --asked-for-job")
    assert not Close.objects.exists()


def test_it_rejects_an_interviewer_that_is_not_a_name_or_address(cli, alice, frozen):
    frozen("2026-11-25T15:00")
    args = list(ACME)
    args[args.index("--interviewer") + 1] = "Dana <dana-at-acme>"
    result = cli(*args)
    assert result.exit_code == 1
    assert result.output == (
        "Error: --interviewer 'Dana <dana-at-acme>': “dana-at-acme” is not a valid email address.\n"
    )
    assert not Close.objects.exists()


def test_it_asks_for_what_is_missing_in_a_terminal(cli, alice, frozen, monkeypatch):
    frozen("2026-11-25T15:00")
    monkeypatch.setattr("closer.cli.log.stdin_is_interactive", lambda: True)
    answers = [
        "Acme",  # company
        "Account Executive",  # role
        "Dana Lee <dana@",  # a typo: asked again
        "Dana Lee <dana@acme.example>",
        "",  # no more interviewers
        "y",  # asked for the job
        "maybe",  # not a choice: asked again
        "pending",
        "2026-12-04",  # expected
        "2026-11-20",  # latest before the interview: asked again
        "2026-12-10",
        "yes",  # permission
    ]
    result = cli("log", "--at", "2026-11-25 14:00", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    close = Close.objects.get()
    assert (close.expected_date.isoformat(), close.latest_date.isoformat()) == (
        "2026-12-04",
        "2026-12-10",
    )
    assert close.permission == "yes"
    follow_up = Action.objects.get(kind="follow_up")
    assert "Thu 10 Dec" in follow_up.reason


# The stored value has an underscore; scripts written before it changed use a hyphen.
@pytest.mark.parametrize("spelling", ["not_a_fit", "not-a-fit", "NOT-A-FIT"])
def test_it_logs_a_not_a_fit_close_with_a_referral(cli, alice, frozen, spelling):
    frozen("2026-11-25T15:00")
    args = list(ACME)
    args[args.index("pending")] = spelling
    result = cli(*args, "--referral", "Lena Fischer <lena@northpeak.example>", "--json")
    assert result.exit_code == 0, result.output
    kinds = {(a["kind"], a["contact"]) for a in json.loads(result.stdout)}
    assert ("referral_outreach", "Lena Fischer") in kinds


@pytest.mark.parametrize(
    ("text", "name", "email"),
    [
        ("Dana Lee <dana@acme.example>", "Dana Lee", "dana@acme.example"),
        ("Dana Lee", "Dana Lee", ""),
        ("dana@acme.example", "dana@acme.example", "dana@acme.example"),
        ("Dana Lee dana@acme.example", "Dana Lee", "dana@acme.example"),
        ('"Lee, Dana" <dana@acme.example>', "Lee, Dana", "dana@acme.example"),
    ],
)
def test_it_reads_a_person(text, name, email):
    [person] = parse_people([text], "--interviewer")
    assert (person.name, person.email) == (name, email)


@pytest.mark.parametrize(
    "text", ["", "  ", "<<>>", "@@", "Dana <dana>", "Dana <a@b.example> extra", "Dana <>"]
)
def test_it_rejects_garbage_as_a_person(text):
    with pytest.raises(UserError, match=r"^--interviewer '.*': (write|“|the email)"):
        parse_people([text], "--interviewer")


def test_it_asks_for_referrals_when_the_role_was_not_a_fit(cli, alice, frozen, monkeypatch):
    frozen("2026-11-25T15:00")
    monkeypatch.setattr("closer.cli.log.stdin_is_interactive", lambda: True)
    args = ACME[: ACME.index("--answer")]
    answers = ["not_a_fit", "Lena Fischer <lena@northpeak.example>", ""]
    result = cli(*args, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    referral = Close.objects.get().referrals.get()
    assert referral.person.email == "lena@northpeak.example"
    assert Action.objects.filter(kind="referral_outreach", contact=referral.person).exists()
