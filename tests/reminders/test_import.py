"""Reading real-world-shaped .ics files (Google, Outlook, Apple) and broken ones, and turning
chosen events into interviews."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from closer.pipeline.models import Interview, Opportunity
from closer.reminders.importing import Choice, ImportProblem, invites_import, invites_read

DATA = Path(__file__).parent.parent / "data" / "ics"
UTC = ZoneInfo("UTC")


def read(name: str, user):
    return invites_read((DATA / name).read_bytes(), user=user)


def test_a_google_invite(alice, sender):
    (invite,) = read("google_invite.ics", alice)
    assert invite.title == "Interview: Product Designer @ Globex"
    assert (invite.company, invite.role) == ("Globex", "Product Designer")
    assert invite.starts_at.astimezone(UTC).hour == 19  # 14:00 in New York
    assert invite.ends_at is not None
    assert invite.location == "Globex HQ, 12 Harbor St"
    people = [(p.name, p.email) for p in invite.attendees]
    # Named and unnamed attendees; the user herself and the meeting room are left out.
    assert people == [
        ("Priya Raman", "priya.raman@globex.com"),
        ("marco.bianchi@globex.com", "marco.bianchi@globex.com"),
    ]


def test_an_outlook_invite_with_a_windows_time_zone(alice):
    (invite,) = read("outlook_invite.ics", alice)
    assert (invite.company, invite.role) == ("Initech", "Account Executive")
    # 09:30 Pacific Standard Time, read from the file's own VTIMEZONE block.
    assert invite.starts_at.astimezone(UTC).strftime("%H:%M") == "17:30"
    names = [p.name for p in invite.attendees]
    assert names == ["Chidi Okafor", "Sam Whitfield", "talent@initech.co.uk"]


def test_an_apple_export_with_all_day_recurring_and_cancelled_events(alice):
    invites = read("apple_export.ics", alice)
    assert [i.title for i in invites] == [
        "Acme – Account Executive final round",
        "Career fair",
        "Weekly check-in with mentor",
    ]  # the cancelled phone screen is not offered
    interview, fair, weekly = invites
    assert (interview.company, interview.role) == ("Acme", "Account Executive")
    assert interview.starts_at.astimezone(UTC).hour == 10  # London is on GMT in November
    assert fair.all_day and fair.ends_at is None
    assert fair.starts_at.hour == 9
    assert weekly.repeats


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("broken_bad_date.ics", "damaged line .*20261203T1400"),
        ("broken_garbage_line.ics", "damaged line"),
        ("broken_truncated.ics", "damaged"),
        ("not_a_calendar.ics", "not a calendar file"),
    ],
)
def test_broken_files_get_a_clear_message(alice, name, words):
    with pytest.raises(ImportProblem, match=words) as found:
        read(name, alice)
    assert "b'" not in str(found.value) and "\\x" not in str(found.value)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"BEGIN:VCALENDAR\r\n\xff\xfe garbage\r\nEND:VCALENDAR", "is not a calendar line"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n", "BEGIN and END"),
    ],
)
def test_a_damaged_file_is_explained_in_words_not_bytes(alice, raw, words):
    with pytest.raises(ImportProblem, match=words) as found:
        invites_read(raw, user=alice)
    assert "b'" not in str(found.value)


def test_an_empty_calendar_says_so(alice):
    with pytest.raises(ImportProblem, match="no events"):
        invites_read(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", user=alice)


def test_importing_creates_interviews_and_interviewers(alice, sender):
    invites = read("google_invite.ics", alice)
    (interview,) = invites_import(
        user=alice, invites=invites, choices=[Choice(1, "Globex", "Product Designer")]
    )
    assert interview.opportunity.company.name == "Globex"
    assert interview.opportunity.status == "interviewing"
    assert sorted(c.email for c in interview.interviewers.all()) == [
        "marco.bianchi@globex.com",
        "priya.raman@globex.com",
    ]
    # The same file again adds nothing.
    assert (
        invites_import(
            user=alice, invites=invites, choices=[Choice(1, "Globex", "Product Designer")]
        )
        == []
    )
    assert Interview.objects.count() == 1


def test_the_users_correction_wins_over_the_guess(alice):
    invites = read("apple_export.ics", alice)
    invites_import(user=alice, invites=invites, choices=[Choice(1, "Acme Corp", "AE")])
    assert Opportunity.objects.get().role == "AE"


def test_a_bad_choice_imports_nothing(alice):
    invites = read("apple_export.ics", alice)
    with pytest.raises(ImportProblem):
        invites_import(
            user=alice,
            invites=invites,
            choices=[Choice(1, "Acme", "Account Executive"), Choice(2, "", "")],
        )
    assert Interview.objects.count() == 0
    assert Opportunity.objects.count() == 0
