"""`closer edit interview` and `closer edit contact`: reschedule or call off an interview,
correct who was there, and correct a contact (the `edit` group in closer.cli.edit lists them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from closer.cli.common import (
    JsonFlag,
    Me,
    UsageMistake,
    UserError,
    django_ready,
    me,
    moment_option,
    option,
    parse_moment,
    parse_people,
    people_option,
)
from closer.cli.corrections import fits, nothing_to_change, say_saved
from closer.cli.output import change_json, contact_json, interview_json, print_json, when

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.models import User

    from closer.people.models import Contact
    from closer.pipeline.models import Change, Interview
    from closer.pipeline.services import ContactEdit, PersonInput

# --- interviews -----------------------------------------------------------------------------


def interview(
    interview_id: Annotated[
        int,
        typer.Argument(
            metavar="INTERVIEW_ID",
            help="The interview's id, as `closer interviews OPPORTUNITY` shows it.",
            show_default=False,
        ),
    ],
    at: Annotated[
        str | None, moment_option("When it starts, in your time zone; its end moves with it.")
    ] = None,
    ends_at: Annotated[str | None, moment_option('When it ends; "" clears it.')] = None,
    interviewer: Annotated[
        list[str] | None,
        people_option(
            "Who interviews you; repeat for each. They replace the people named before.",
            "--interviewer",
            "-i",
        ),
    ] = None,
    cancel: Annotated[
        bool,
        option("Call it off: it stays in the history and its plan goes. Undo brings it back."),
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Reschedule an interview, correct who interviews you, or call it off.

    The evening to prepare, the thank-yous and the follow-ups move with it.

    Example:

        closer edit interview 7 --at "2026-12-04 10:00"

        closer edit interview 7 --interviewer "Jo Kim <jo@acme.example>" -i "Dana Lee"

        closer edit interview 7 --cancel
    """
    changing = at is not None or ends_at is not None or bool(interviewer)
    if cancel and changing:
        raise UsageMistake(
            "--cancel calls the interview off, so give it on its own "
            "(without --at, --ends-at or --interviewer)."
        )
    if not cancel and not changing:
        raise nothing_to_change("interview", "--at")
    django_ready()
    from closer.pipeline.services import EditError, interview_cancel, interview_update

    who = me()
    found = _interview(who.user, interview_id)
    try:
        if cancel:
            if found.cancelled_at is not None:
                raise UserError(
                    f"interview {interview_id} was called off already, "
                    f"{when(found.cancelled_at, who.now)}."
                )
            change: Change | None = interview_cancel(interview=found, now=who.now)
        else:
            starts_at, ends, people = _rescheduled(found, who, at, ends_at, interviewer)
            change = interview_update(
                interview=found,
                starts_at=starts_at,
                ends_at=ends,
                interviewers=people,
                now=who.now,
            )
    except EditError as exc:
        raise UserError(str(exc)) from None
    found.refresh_from_db()
    made = [change] if change is not None else []
    if json_output:
        print_json(
            {
                "interview": interview_json(found, who.now),
                "changes": [change_json(c, who.now) for c in made],
            }
        )
        return
    say_saved(made)


def _interview(owner: User, interview_id: int) -> Interview:
    from closer.pipeline.models import Interview

    found = (
        Interview.objects.filter(owner=owner, pk=interview_id)
        .select_related("opportunity__company")
        .first()
    )
    if found is None:
        raise UserError(
            f"there is no interview {interview_id}. `closer interviews OPPORTUNITY` lists "
            "an opportunity's interviews with their ids."
        )
    return found


def _rescheduled(
    found: Interview, who: Me, at: str | None, ends_at: str | None, interviewer: list[str] | None
) -> tuple[datetime, datetime | None, list[PersonInput]]:
    """The interview's start, end and people, each as given or else as it was. A new start
    without a new end keeps the interview as long as it was."""
    from closer.pipeline.services import PersonInput

    starts_at = parse_moment(at, "--at", who.tz) if at else found.starts_at
    if ends_at is not None:
        ends = parse_moment(ends_at, "--ends-at", who.tz) if ends_at.strip() else None
    elif found.ends_at is not None:
        ends = found.ends_at + (starts_at - found.starts_at)
    else:
        ends = None
    if interviewer:
        people = parse_people(interviewer, "--interviewer")
    else:
        people = [PersonInput(c.name, c.email) for c in found.interviewers.all()]
    return starts_at, ends, people


# --- contacts -------------------------------------------------------------------------------

# What `closer edit contact` shows of a contact, by the names of contact_json.
_CONTACT_LABELS = {
    "name": "Name",
    "email": "Email",
    "role": "Role",
    "company": "Company",
    "notes": "Notes",
}


def contact(
    contact_id: Annotated[
        int,
        typer.Argument(
            metavar="CONTACT_ID",
            help="The contact's id, as `closer contacts` shows it.",
            show_default=False,
        ),
    ],
    name: Annotated[str | None, option("Their name.")] = None,
    email: Annotated[str | None, option('Their email address; "" clears it.')] = None,
    role: Annotated[str | None, option("Their job title.")] = None,
    company: Annotated[str | None, option("Where they work.")] = None,
    notes: Annotated[str | None, option("Your notes on them, in place of the ones there.")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Correct a contact: name, email address, role, company or notes.

    Only the flags you give change; notes not yet sent to them take a new name or address.

    Example:

        closer edit contact 3 --email dana.lee@acme.example --role "Head of Sales"
    """
    given = {
        key: value
        for key, value in {
            "name": name,
            "email": email,
            "role": role,
            "company": company,
            "notes": notes,
        }.items()
        if value is not None
    }
    if not given:
        raise nothing_to_change("contact", "--email")
    django_ready()
    from closer.people.services import ContactError
    from closer.pipeline.models import Change
    from closer.pipeline.services import contact_update

    who = me()
    found = _contact(who.user, contact_id)
    before = contact_json(found)
    corrected = _contact_edit({**before, **_checked_contact(given)})
    # The service notes the correction on each opportunity the person is on, and returns
    # none of those entries: they are the ones made after the latest one before it.
    latest = Change.objects.filter(owner=who.user).order_by("-pk").first()
    try:
        contact_update(contact=found, edit=corrected, now=who.now)
    except ContactError as exc:
        merge = (
            f" To merge them, open contact {contact_id} in the web app (`closer serve`)."
            if exc.other
            else ""
        )
        raise UserError(f"{exc}{merge}") from None
    after = contact_json(found)
    made = Change.objects.filter(owner=who.user, pk__gt=latest.pk if latest else 0)
    if json_output:
        print_json({"contact": after, "changes": [change_json(c, who.now) for c in made]})
        return
    changed = [
        f"  {label}: {before[key] or '(none)'} → {after[key] or '(none)'}"
        for key, label in _CONTACT_LABELS.items()
        if before[key] != after[key]
    ]
    if not changed:
        typer.echo("Nothing needed changing: it already reads that way.")
        return
    typer.echo(f"Saved {found} (contact {found.pk}).")
    typer.echo("\n".join(changed))


def _contact(owner: User, contact_id: int) -> Contact:
    from closer.people.models import Contact

    found = Contact.objects.filter(owner=owner, pk=contact_id).first()
    if found is None:
        raise UserError(f"there is no contact {contact_id}. `closer contacts` lists yours.")
    return found


def _checked_contact(given: dict[str, str]) -> dict[str, str]:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from closer.people.models import Contact

    fields = {"name": "name", "email": "email", "role": "title", "company": "organisation"}
    checked = {}
    for key, value in given.items():
        flag = f"--{key}"
        checked[key] = fits(Contact, fields[key], value, flag) if key in fields else value
    if checked.get("email"):
        try:
            validate_email(checked["email"])
        except ValidationError:
            raise UserError(
                f"--email needs an address like dana@acme.example, not {given['email']!r}."
            ) from None
    return checked


def _contact_edit(values: dict[str, Any]) -> ContactEdit:
    from closer.pipeline.services import ContactEdit

    return ContactEdit(
        name=values["name"],
        email=values["email"],
        organisation=values["company"],
        title=values["role"],
        remarks=values["notes"],
    )
