"""Turning events from an .ics file (an interview invite or an exported calendar) into
interviews. Reading never writes; importing is one transaction, so a bad file, or a bad
choice in the middle of a batch, imports nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from icalendar import Calendar, Component

from closer.accounts.services import settings_for
from closer.core.calendar import format_day
from closer.pipeline.models import Interview
from closer.pipeline.services import PersonInput, interview_create, opportunity_open_for
from closer.reminders.titles import guess

MAX_BYTES = 2_000_000
# An all-day event says which day, not when: it is read as this local time, and flagged.
ALL_DAY_AT = time(9, 0)


class ImportProblem(ValueError):
    """The file cannot be read as a calendar; the message says why, for the user."""


@dataclass(frozen=True)
class Invite:
    """One event from the file, read and with a guess of company and role."""

    number: int  # 1-based position among the events offered, used to pick them
    title: str
    starts_at: datetime
    ends_at: datetime | None
    all_day: bool
    repeats: bool
    attendees: tuple[PersonInput, ...]
    company: str
    role: str
    location: str = ""


@dataclass(frozen=True)
class Choice:
    number: int
    company: str
    role: str


def invites_read(data: bytes | str, *, user: User) -> list[Invite]:
    """Every event in the file worth offering as an interview, or ImportProblem."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise ImportProblem("That file is over 2 MB; export just the invite or a shorter range.")
    if b"BEGIN:VCALENDAR" not in raw[:4096].upper():
        raise ImportProblem(
            "That is not a calendar file: an .ics file starts with BEGIN:VCALENDAR. "
            "Export the event from your calendar app, or save the invite attached to the email."
        )
    try:
        calendar = Calendar.from_ical(raw)
    except Exception as exc:  # icalendar raises ValueError and friends on broken lines
        raise ImportProblem(f"The calendar file is damaged: {_damage(exc)}") from None
    if isinstance(calendar, list):
        calendar = calendar[0]
    # icalendar skips lines it cannot read and notes them; half an invite is worse than none.
    for component in calendar.walk():
        for _, error in getattr(component, "errors", ()):
            detail = " ".join(str(error).split())[:160]
            raise ImportProblem(f"The calendar file has a damaged line ({detail}).")
    zone = settings_for(user).zone
    mine = _own_addresses(user)
    invites: list[Invite] = []
    for event in calendar.walk("VEVENT"):
        if str(event.get("status", "")).upper() == "CANCELLED":
            continue
        invite = _invite(event, number=len(invites) + 1, zone=zone, mine=mine)
        invites.append(invite)
    if not invites:
        raise ImportProblem("The file holds no events to import.")
    return invites


def _damage(exc: Exception) -> str:
    """What is wrong with the file, in words: icalendar's messages quote raw bytes."""
    text = str(exc)
    line = re.search(r"could not be parsed into parts: '(.*?)'", text)
    if line:
        shown = " ".join(line.group(1).split())[:80]
        return f"the line “{shown}” is not a calendar line (it needs a NAME:value)."
    if "no components" in text or "exactly one" in text:
        return "its BEGIN and END lines do not match, so part of it is missing or cut off."
    return "it could not be read as a calendar. Export the event again from your calendar app."


def _invite(event: Component, *, number: int, zone: ZoneInfo, mine: set[str]) -> Invite:
    title = " ".join(str(event.get("summary", "")).split()) or "(untitled event)"
    starts_at, all_day = _moment(event, "dtstart", zone, title)
    ends_at = None
    if "dtend" in event:
        ends_at, _ = _moment(event, "dtend", zone, title)
    elif "duration" in event:
        try:
            ends_at = starts_at + event.decoded("duration")
        except (TypeError, ValueError):
            ends_at = None
    if all_day or (ends_at is not None and ends_at < starts_at):
        ends_at = None
    attendees = _attendees(event, mine)
    company, role = guess(title, tuple(p.email for p in attendees) + _organizer(event))
    return Invite(
        number=number,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        repeats="rrule" in event,
        attendees=attendees,
        company=company,
        role=role,
        location=" ".join(str(event.get("location", "")).split()),
    )


def _moment(event: Component, key: str, zone: ZoneInfo, title: str) -> tuple[datetime, bool]:
    try:
        value = event.decoded(key)
    except Exception:
        value = None
    if isinstance(value, datetime):
        # Floating times (no zone in the file) are the user's own wall-clock time.
        aware = value if value.tzinfo else value.replace(tzinfo=zone)
        return aware.astimezone(zone), False
    if isinstance(value, date):
        return datetime.combine(value, ALL_DAY_AT, tzinfo=zone), True
    raise ImportProblem(f"The event “{title}” has no readable start time ({key.upper()}).")


def _attendees(event: Component, mine: set[str]) -> tuple[PersonInput, ...]:
    found = event.get("attendee", [])
    people: dict[str, PersonInput] = {}
    for address in found if isinstance(found, list) else [found]:
        params = getattr(address, "params", {})
        if str(params.get("CUTYPE", "INDIVIDUAL")).upper() not in {"INDIVIDUAL", "UNKNOWN"}:
            continue  # meeting rooms and projectors are not interviewers
        email = _email(str(address))
        name = " ".join(str(params.get("CN", "")).strip().strip('"').split())
        if name.lower() == email.lower():
            name = ""  # Outlook and Google often put the address in CN when there is no name
        elif re.fullmatch(r"[^,@]+,\s*[^,@]+", name):
            last, first = (part.strip() for part in name.split(",", 1))
            name = f"{first} {last}"  # Outlook's "Okafor, Chidi"
        if (email and email.lower() in mine) or (not email and not name):
            continue
        people.setdefault(email.lower() or name, PersonInput(name=name or email, email=email))
    return tuple(people.values())


def _organizer(event: Component) -> tuple[str, ...]:
    organizer = event.get("organizer")
    return (_email(str(organizer)),) if organizer else ()


def _email(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    return value if "@" in value and " " not in value else ""


def _own_addresses(user: User) -> set[str]:
    found = {getattr(user, "email", ""), settings_for(user).from_email}
    return {a.strip().lower() for a in found if a and a.strip()}


@transaction.atomic
def invites_import(
    *, user: User, invites: Sequence[Invite], choices: Sequence[Choice]
) -> list[Interview]:
    """Create an interview for each chosen invite, on the open opportunity for that company
    and role (a new one if there is none). An invite already in Closer (same opportunity,
    same start) is not added twice."""
    by_number = {invite.number: invite for invite in invites}
    created: list[Interview] = []
    for choice in choices:
        invite = by_number.get(choice.number)
        if invite is None:
            raise ImportProblem(f"There is no event number {choice.number} in that file.")
        company, role = choice.company.strip(), choice.role.strip()
        if not company or not role:
            raise ImportProblem(f"Say which company and role “{invite.title}” is for.")
        opportunity = opportunity_open_for(owner=user, company_name=company, role=role)
        if opportunity.interviews.filter(starts_at=invite.starts_at).exists():
            continue
        created.append(
            interview_create(
                opportunity=opportunity,
                starts_at=invite.starts_at,
                ends_at=invite.ends_at,
                interviewers=invite.attendees,
            )
        )
    return created


def describe_when(invite: Invite) -> str:
    day = format_day(invite.starts_at.date(), with_year=True)
    if invite.all_day:
        return f"{day}, all day (set to {ALL_DAY_AT:%H:%M})"
    text = f"{day}, {invite.starts_at:%H:%M}"
    if invite.ends_at and invite.ends_at - invite.starts_at < timedelta(days=1):
        text += f"–{invite.ends_at:%H:%M}"
    return text
