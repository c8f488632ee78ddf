"""`closer edit`: correct an opportunity, an interview or a contact.

Only the flags given change; everything else is passed to the service as it stands, just as
the web form sends back the fields nobody touched. The services re-plan and bring notes not
yet sent up to date; these modules only read flags and say what changed. This one holds the
group and `edit opportunity`; closer.cli.edit_people the interview and the contact.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any

import typer

from closer.cli.common import (
    CloserCommand,
    CloserGroup,
    JsonFlag,
    Me,
    OpportunityArg,
    UserError,
    date_option,
    django_ready,
    find_opportunity,
    me,
    option,
    parse_day,
)
from closer.cli.corrections import fits, nothing_to_change, say_saved
from closer.cli.edit_people import contact, interview
from closer.cli.output import change_json, opportunity_json, print_json
from closer.core.records import OpportunitySource, OpportunityStatus

if TYPE_CHECKING:
    from closer.pipeline.models import Change, Opportunity
    from closer.pipeline.services import OpportunityEdit

edit = typer.Typer(
    name="edit",
    cls=CloserGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@edit.callback()
def _edit() -> None:
    """Correct an opportunity, an interview or a contact; only the flags you give change.

    The plan follows every correction, and notes not yet sent take the new names.

    Example:

        closer edit opportunity Acme --salary "£55–60k"

        closer edit interview 7 --at "2026-12-04 10:00"

        closer edit contact 3 --email dana.lee@acme.example
    """


# --- opportunities --------------------------------------------------------------------------

# The flag for each field of an opportunity that `closer edit opportunity` can change.
_OPPORTUNITY_FLAGS = {
    "company": "--company",
    "role": "--role",
    "job_url": "--url",
    "location": "--location",
    "salary": "--salary",
    "source": "--source",
    "applied_on": "--applied-on",
    "apply_by": "--apply-by",
    "remarks": "--notes",
    "sales_role": "--sales-role",
    "senior": "--senior",
    "external_id": "--external-id",
}


@edit.command("opportunity", cls=CloserCommand)
def opportunity(
    opportunity: OpportunityArg,
    company: Annotated[
        str | None,
        option("The company's name. A name you use for another company moves it there."),
    ] = None,
    role: Annotated[str | None, option("The job title.")] = None,
    status: Annotated[
        OpportunityStatus | None,
        option(
            "Move it on the board; an offer or a rejection is recorded as that answer.",
            case_sensitive=False,
        ),
    ] = None,
    url: Annotated[
        str | None, option('The link to the job ad; "" clears it.', metavar="URL")
    ] = None,
    location: Annotated[str | None, option('A city, "remote", or both.')] = None,
    salary: Annotated[str | None, option('As advertised or discussed, e.g. "£55–60k".')] = None,
    source: Annotated[
        OpportunitySource | None, option("Where you found it.", case_sensitive=False)
    ] = None,
    applied_on: Annotated[str | None, date_option('The day you applied; "" clears it.')] = None,
    apply_by: Annotated[
        str | None,
        date_option('The last day to apply (you are reminded before it); "" clears it.'),
    ] = None,
    notes: Annotated[str | None, option("Your notes on it, in place of the ones there.")] = None,
    sales_role: Annotated[
        bool | None, option("Closing is part of the job.", "--sales-role/--no-sales-role")
    ] = None,
    senior: Annotated[bool | None, option("A senior role.", "--senior/--no-senior")] = None,
    external_id: Annotated[
        str | None, option("Its id in another tracker, so that a later import finds it.")
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Correct an opportunity: company, role, stage, link, salary, dates or notes.

    Only the flags you give change; the plan and notes not yet sent follow at once.

    A move with --status can be undone with `closer undo`; a correction is made again.

    Example:

        closer edit opportunity Acme --salary "£55–60k" --apply-by 2026-12-01

        closer edit opportunity 3 --status offer
    """
    given = {
        name: value
        for name, value in {
            "company": company,
            "role": role,
            "job_url": url,
            "location": location,
            "salary": salary,
            "source": source.value if source else None,
            "applied_on": applied_on,
            "apply_by": apply_by,
            "remarks": notes,
            "sales_role": sales_role,
            "senior": senior,
            "external_id": external_id,
        }.items()
        if value is not None
    }
    if not given and status is None:
        raise nothing_to_change("opportunity", "--notes")
    django_ready()
    who = me()
    found = find_opportunity(who.user, opportunity)
    made = _opportunity_save(found, _checked_opportunity(given), status, who)
    if json_output:
        print_json(
            {
                "opportunity": opportunity_json(found),
                "changes": [change_json(change, who.now) for change in made],
            }
        )
        return
    say_saved(made, after=f"`closer plan {found.pk}` shows the plan as it is now.")


def _opportunity_save(
    found: Opportunity, given: dict[str, Any], status: OpportunityStatus | None, who: Me
) -> list[Change]:
    """Correct the details given, then move it to `status`: one correction, however many
    services it takes, so a refused edit moves nothing either."""
    from django.db import transaction

    from closer.pipeline.services import EditError, opportunity_move, opportunity_update

    with transaction.atomic():
        edited = None
        if given:
            try:
                edited = opportunity_update(
                    opportunity=found, edit=_opportunity_edit(found, given), now=who.now
                )
            except EditError as exc:
                raise UserError(str(exc)) from None
        moved = (
            opportunity_move(opportunity=found, status=status.value, now=who.now)
            if status is not None
            else None
        )
    return [change for change in (edited, moved) if change is not None]


def _checked_opportunity(given: dict[str, Any]) -> dict[str, Any]:
    """The flags' text as the values to store, or UserError naming the flag at fault."""
    from closer.pipeline.models import Company, Opportunity

    checked: dict[str, Any] = {}
    for name, value in given.items():
        flag = _OPPORTUNITY_FLAGS[name]
        if name in ("applied_on", "apply_by"):
            checked[name] = parse_day(value, flag) if value.strip() else None
        elif name == "job_url":
            checked[name] = _url(value)
        elif name == "company":
            checked[name] = fits(Company, "name", value, flag)
        elif isinstance(value, str):
            checked[name] = fits(Opportunity, name, value, flag)
        else:
            checked[name] = value
    return checked


def _url(text: str) -> str:
    """A web address; one typed without http(s):// is taken as https, as the form does."""
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from closer.pipeline.models import Opportunity

    url = text.strip()
    if not url:
        return ""
    if "://" not in url:
        url = f"https://{url}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise UserError(
            f"--url needs a web address like https://jobs.acme.example/42, not {text!r}."
        ) from None
    return fits(Opportunity, "job_url", url, "--url")


def _opportunity_edit(found: Opportunity, given: dict[str, Any]) -> OpportunityEdit:
    """The opportunity as it is, with the given fields in place of its own."""
    from closer.pipeline.services import OpportunityDetails, OpportunityEdit

    details = {
        field.name: given.get(field.name, getattr(found, field.name))
        for field in dataclasses.fields(OpportunityDetails)
    }
    return OpportunityEdit(
        company_name=given.get("company", found.company.name),
        role=given.get("role", found.role),
        sales_role=given.get("sales_role", found.sales_role),
        senior=given.get("senior", found.senior),
        details=OpportunityDetails(**details),
    )


# Registered here, so that `closer edit -h` lists them after the opportunity.
edit.command("interview", cls=CloserCommand)(interview)
edit.command("contact", cls=CloserCommand)(contact)
