"""Correcting the record: edit, merge and delete opportunities, rename a company, reschedule,
cancel or delete an interview, and edit a referral lead.

Every edit re-plans through the one planner (done, skipped and sent actions are never
touched), replaces corrected names in notes not yet sent, and leaves an entry on the
opportunity's history. Deletes can be undone for a while (services.changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from closer.accounts.services import settings_for
from closer.core.calendar import format_day
from closer.core.labels import REFERRAL_OUTCOME_LABELS, SOURCE_LABELS
from closer.core.records import OpportunitySource, OpportunityStatus, ReferralOutcome
from closer.core.text import join_names
from closer.people.models import Contact
from closer.pipeline.models import (
    Action,
    Answer,
    Change,
    Close,
    Company,
    Interview,
    Opportunity,
    Referral,
)
from closer.pipeline.services.changes import (
    UndoError,
    change_record,
    delete_with_snapshot,
    deleted_undo,
    last_action,
    undoer,
)
from closer.pipeline.services.drafts import Rewrite, drafts_rewrite
from closer.pipeline.services.planning import plan_refresh, status_set
from closer.pipeline.services.recording import (
    OpportunityDetails,
    PersonInput,
    company_get_or_create,
    contacts_for,
    referral_opportunity_open,
    rounds_renumber,
)

Status = OpportunityStatus


class EditError(Exception):
    """An edit that cannot be made as asked; the message says why and what to do."""


# --- opportunities --------------------------------------------------------------------------


@dataclass(frozen=True)
class OpportunityEdit:
    company_name: str
    role: str
    sales_role: bool
    senior: bool
    details: OpportunityDetails


FIELD_LABELS = {
    "company": "Company",
    "role": "Role",
    "sales_role": "Sales role",
    "senior": "Senior role",
    "job_url": "Job link",
    "location": "Location",
    "salary": "Salary",
    "source": "Found through",
    "applied_on": "Applied on",
    "apply_by": "Apply by",
    "remarks": "Remarks",
    "external_id": "Id in another tracker",
}


def _shown(name: str, value: object) -> str:
    if value in (None, ""):
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return format_day(value, with_year=True)
    if name == "source":
        return SOURCE_LABELS[OpportunitySource(str(value))]
    text = str(value)
    return text if len(text) <= 60 else f"{text[:57]}…"


def _values(opportunity: Opportunity) -> dict[str, object]:
    return {
        "company": opportunity.company.name,
        **{name: getattr(opportunity, name) for name in FIELD_LABELS if name != "company"},
    }


def differences(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return [
        f"{FIELD_LABELS[name]}: {_shown(name, before[name])} → {_shown(name, value)}"
        for name, value in after.items()
        if before[name] != value
    ]


@transaction.atomic
def opportunity_update(
    *, opportunity: Opportunity, edit: OpportunityEdit, now: datetime
) -> Change | None:
    """Correct an opportunity. A new company name on the only opportunity at that company
    corrects the company itself; with others there, this one moves to the company named."""
    owner = opportunity.owner
    external_id = edit.details.external_id.strip()
    taken = Opportunity.objects.filter(owner=owner, external_id=external_id)
    if external_id and taken.exclude(pk=opportunity.pk).exists():
        raise EditError(f"Another opportunity already has the id {external_id!r}.")
    name, role = edit.company_name.strip(), edit.role.strip()
    if not name or not role:
        raise EditError("An opportunity needs a company and a role.")
    before = _values(opportunity)
    _company_set(opportunity, name)
    opportunity.role = role
    opportunity.sales_role, opportunity.senior = edit.sales_role, edit.senior
    for field, value in edit.details.values().items():
        setattr(opportunity, field, value)
    opportunity.save()
    changed = differences(before, _values(opportunity))
    if not changed:
        return None
    renamed = ((str(before["company"]), name), (str(before["role"]), role))
    drafts_rewrite(owner=owner, opportunities=[opportunity.pk], rewrite=Rewrite(words=renamed))
    plan_refresh(opportunity=opportunity, now=now)
    return change_record(
        owner=owner,
        opportunity=opportunity,
        kind="edit",
        summary=f"Edited {opportunity}",
        detail="\n".join(changed),
        now=now,
    )


def _company_set(opportunity: Opportunity, name: str) -> None:
    """The company named, for this opportunity: its own corrected when nobody else is there,
    else the one of that name (found or made). A company left with nothing there goes."""
    company = opportunity.company
    if name == company.name:
        return
    alone = not company.opportunities.exclude(pk=opportunity.pk).exists()
    same = name.casefold() == company.name.casefold()
    elsewhere = Company.objects.filter(owner=opportunity.owner, name__iexact=name)
    if same or (alone and not elsewhere.exclude(pk=company.pk).exists()):
        company.name = name
        company.save(update_fields=["name"])
        return
    opportunity.company = company_get_or_create(owner=opportunity.owner, name=name)
    opportunity.save(update_fields=["company"])
    if alone:
        company.delete()


@transaction.atomic
def company_rename(*, company: Company, name: str, now: datetime) -> Company:
    """Rename a company; every opportunity there follows, and so do notes not yet sent. A
    name the user already has for another company joins the two."""
    name, old = name.strip(), company.name
    if not name:
        raise EditError("Give the company a name.")
    if name == old:
        return company
    ids = list(company.opportunities.values_list("pk", flat=True))
    other = Company.objects.filter(owner=company.owner, name__iexact=name).exclude(pk=company.pk)
    target = other.first()
    if target is not None:
        Opportunity.objects.filter(company=company).update(company=target)
        company.delete()
    else:
        company.name = name
        company.save(update_fields=["name"])
        target = company
    # The notes take the name the company has now: a join keeps the spelling already there.
    rewrite = Rewrite(words=((old, target.name),))
    drafts_rewrite(owner=target.owner, opportunities=ids, rewrite=rewrite)
    for opportunity in Opportunity.objects.filter(pk__in=ids).select_related("company"):
        plan_refresh(opportunity=opportunity, now=now)
        change_record(
            owner=target.owner,
            opportunity=opportunity,
            kind="edit",
            summary=f"Company renamed: {old} → {target.name}",
            now=now,
        )
    return target


@transaction.atomic
def opportunity_delete(*, opportunity: Opportunity, now: datetime) -> Change:
    """Delete an opportunity with everything on it (interviews, closes, actions, notes,
    reminders), and its company when nothing else is there. Undo puts it all back for a
    while."""
    label, pk, owner = str(opportunity), opportunity.pk, opportunity.owner
    company = opportunity.company
    alone = not company.opportunities.exclude(pk=pk).exists()
    snapshot = delete_with_snapshot(company if alone else opportunity)
    return change_record(
        owner=owner,
        opportunity=None,
        kind="deleted",
        summary=f"Deleted {label}",
        undo=deleted_undo(snapshot, replan=[pk], opportunity=pk),
        now=now,
    )


@transaction.atomic
def opportunity_merge(*, keep: Opportunity, other: Opportunity, now: datetime) -> Change:
    """Two opportunities for the same job become `keep`: the other's interviews, answers,
    actions done, history and everything else on it join it, empty details are filled from
    it, and it goes."""
    if keep.pk == other.pk or keep.owner_id != other.owner_id:
        raise EditError("Choose a different opportunity to merge with.")
    label = str(other)
    _application_actions_merge(keep, other)
    # Everything else that hangs off the other one (interviews, answers, history, and what
    # apps above the pipeline keep on it, such as a coach's comments) moves as it is.
    for relation in Opportunity._meta.related_objects:
        if relation.one_to_many and relation.field.name and relation.related_model:
            manager = relation.related_model._base_manager
            manager.filter(**{relation.field.name: other}).update(**{relation.field.name: keep})
    for field, value in OpportunityDetails().values().items():
        theirs = getattr(other, field)
        if getattr(keep, field) in (value, None) and theirs not in (value, None):
            setattr(keep, field, theirs)
    if other.remarks.strip() and other.remarks.strip() not in keep.remarks:
        keep.remarks = f"{keep.remarks.strip()}\n\n{other.remarks.strip()}".strip()
    keep.referred_by = keep.referred_by or other.referred_by
    if _STAGE.get(Status(other.status), 2) > _STAGE.get(Status(keep.status), 2):
        keep.status = other.status  # the other one had got further
    external_id = other.external_id
    other.delete()
    if not keep.external_id:
        keep.external_id = external_id
    keep.save()
    rounds_renumber(keep)
    plan_refresh(opportunity=keep, now=now)
    return change_record(
        owner=keep.owner, opportunity=keep, kind="edit", summary=f"Merged in {label}", now=now
    )


# How far along a search is before any decision: a merge keeps the further of the two.
_STAGE = {Status.WISHLIST: 0, Status.APPLIED: 1}


def _application_actions_merge(keep: Opportunity, other: Opportunity) -> None:
    """Actions of interviews follow them; the other's own application plan gives way to the
    one kept, except what was already done, which is history (as a later step if need be)."""
    planned = (Action.Status.OPEN, Action.Status.CANCELLED)
    Action.objects.filter(opportunity=other, interview=None, status__in=planned).delete()
    for action in Action.objects.filter(opportunity=other, interview=None):
        while Action.objects.filter(
            opportunity=keep,
            interview=None,
            kind=action.kind,
            contact=action.contact,
            step=action.step,
        ).exists():
            action.step += 1
        action.opportunity = keep
        action.save(update_fields=["opportunity", "step", "updated_at"])


# --- interviews -----------------------------------------------------------------------------


def _names(interview: Interview) -> str:
    return join_names(c.name for c in interview.interviewers.all()) or "nobody named"


def _when(interview: Interview, moment: datetime) -> str:
    local = moment.astimezone(settings_for(interview.owner).zone)
    return f"{format_day(local.date(), with_year=True)}, {local:%H:%M}"


def _people(interview: Interview) -> set[int]:
    return set(interview.interviewers.values_list("pk", flat=True))


def _span(interview: Interview) -> str:
    """When it was, as the history shows it: the start, and the end when one is known."""
    when = _when(interview, interview.starts_at)
    if interview.ends_at is None:
        return when
    return f"{when}–{interview.ends_at.astimezone(settings_for(interview.owner).zone):%H:%M}"


@transaction.atomic
def interview_update(
    *,
    interview: Interview,
    starts_at: datetime,
    ends_at: datetime | None,
    interviewers: Sequence[PersonInput],
    now: datetime,
) -> Change | None:
    """Reschedule an interview or correct who was there; the thank-yous, the evening to
    prepare and the follow-ups move with it."""
    if ends_at is not None and ends_at < starts_at:
        raise EditError("The interview can't end before it starts.")
    if starts_at > now and Close.objects.filter(interview=interview).exists():
        raise EditError(
            "How this interview ended is logged, so it has happened: it can't move to a time "
            "still to come. Delete it if it should not be here."
        )
    before = (_span(interview), _names(interview), _people(interview))
    interview.starts_at, interview.ends_at = starts_at, ends_at
    interview.save(update_fields=["starts_at", "ends_at"])
    people = contacts_for(interview.owner, interviewers)
    interview.interviewers.set(people)
    changed = []
    if before[0] != _span(interview):
        changed.append(f"Time: {before[0]} → {_span(interview)}")
    if before[2] != _people(interview):
        # Two people of one name are two people: the plan follows even if the words don't.
        changed.append(f"Interviewers: {before[1]} → {_names(interview)}")
    if not changed:
        return None
    # A round booked from an earlier close or answer keeps that record in step.
    Answer.objects.filter(next_interview=interview).update(next_round_at=starts_at)
    for close in Close.objects.filter(next_interview=interview):
        close.next_round_at = starts_at
        close.save(update_fields=["next_round_at"])
        close.next_round_with.set(people)
    opportunity = interview.opportunity
    rounds_renumber(opportunity)
    plan_refresh(opportunity=opportunity, now=now)
    interview.refresh_from_db(fields=["round"])
    return change_record(
        owner=interview.owner,
        opportunity=opportunity,
        kind="edit",
        summary=f"Round {interview.round} changed",
        detail="\n".join(changed),
        now=now,
    )


@transaction.atomic
def interview_cancel(*, interview: Interview, now: datetime) -> Change:
    """Call off an interview that has not happened: it stays in the history, its open
    actions (preparing for it among them) go, and nothing is sent for it."""
    if Close.objects.filter(interview=interview).exists():
        raise EditError(
            "How this interview ended is logged, so it can't be called off; delete it if it "
            "should not be here."
        )
    if interview.cancelled_at is None:
        interview.cancelled_at = now
        interview.save(update_fields=["cancelled_at"])
    plan_refresh(opportunity=interview.opportunity, now=now)
    return change_record(
        owner=interview.owner,
        opportunity=interview.opportunity,
        kind="cancel",
        summary=f"Cancelled round {interview.round} ({_when(interview, interview.starts_at)})",
        undo={"interview": interview.pk},
        now=now,
    )


@undoer("cancel")
def _undo_cancel(change: Change, now: datetime) -> None:
    assert change.undo is not None
    interview = Interview.objects.filter(pk=change.undo["interview"]).first()
    if interview is None:
        raise UndoError("That interview has been deleted since; there is nothing to bring back.")
    interview.cancelled_at = None
    interview.save(update_fields=["cancelled_at"])
    plan_refresh(opportunity=interview.opportunity, now=now)


@transaction.atomic
def interview_delete(*, interview: Interview, now: datetime) -> Change:
    """Delete an interview with its close, referrals and actions; Undo puts them back."""
    opportunity = interview.opportunity
    summary = f"Deleted round {interview.round} ({_when(interview, interview.starts_at)})"
    status, since = opportunity.status, last_action()
    snapshot = delete_with_snapshot(interview)
    rounds_renumber(opportunity)
    if status == Status.INTERVIEWING and not opportunity.interviews.exists():
        status_set(opportunity, Status.APPLIED)
    plan_refresh(opportunity=opportunity, now=now)
    return change_record(
        owner=opportunity.owner,
        opportunity=opportunity,
        kind="deleted",
        summary=summary,
        undo=deleted_undo(
            snapshot, replan=[opportunity.pk], statuses={opportunity.pk: status}, since=since
        ),
        now=now,
    )


# --- referral leads -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralEdit:
    referrer: Contact | None
    internal: bool
    role: str
    organisation: str
    outcome: ReferralOutcome


@transaction.atomic
def referral_update(*, referral: Referral, edit: ReferralEdit, now: datetime) -> Change | None:
    """Correct a lead: who suggested it (any interviewer, or someone else), whether it is
    another role at the same company (which then gets its own opportunity), their company,
    the role and what came of it."""
    if edit.referrer is not None and edit.referrer.owner_id != referral.owner_id:
        raise EditError("Choose one of your own contacts as the referrer.")
    person = referral.person
    before = (
        referral.referrer,
        referral.internal,
        referral.role,
        person.organisation,
        referral.outcome,
    )
    referral.referrer, referral.internal = edit.referrer, edit.internal
    referral.role, referral.outcome = edit.role.strip(), edit.outcome.value
    referral.save(update_fields=["referrer", "internal", "role", "outcome"])
    if person.organisation != edit.organisation.strip():
        person.organisation = edit.organisation.strip()
        person.save(update_fields=["organisation"])
    opened = Opportunity.objects.filter(owner=referral.owner, referred_by=referral).first()
    if edit.internal and opened is None:
        referral_opportunity_open(referral)
    elif not edit.internal and opened is not None and _untouched(opened):
        opened.delete()
    elif (
        opened is not None and referral.role and referral.role != opened.role and _untouched(opened)
    ):
        opened.role = referral.role
        opened.save(update_fields=["role"])
    after = (
        referral.referrer,
        referral.internal,
        referral.role,
        person.organisation,
        referral.outcome,
    )
    if before == after:
        return None
    opportunity = referral.close.interview.opportunity
    plan_refresh(opportunity=opportunity, now=now)
    outcome = REFERRAL_OUTCOME_LABELS[edit.outcome]
    return change_record(
        owner=referral.owner,
        opportunity=opportunity,
        kind="edit",
        summary=f"Referral to {person.name} edited",
        detail=f"Suggested by {edit.referrer.name if edit.referrer else 'your interviewer'}; "
        f"{'another role here' if edit.internal else 'outside'}; {outcome}.",
        now=now,
    )


def _untouched(opportunity: Opportunity) -> bool:
    """Still only the wishlist entry a referral made: nothing the user did is on it."""
    return opportunity.status == Status.WISHLIST and not opportunity.interviews.exists()


@transaction.atomic
def referral_delete(*, referral: Referral, now: datetime) -> Change:
    opportunity = referral.close.interview.opportunity
    summary = f"Deleted the referral to {referral.person.name}"
    # An opportunity the lead opened stays: the user may have begun on it, and can delete it.
    snapshot = delete_with_snapshot(referral)
    plan_refresh(opportunity=opportunity, now=now)
    return change_record(
        owner=opportunity.owner,
        opportunity=opportunity,
        kind="deleted",
        summary=summary,
        undo=deleted_undo(snapshot, replan=[opportunity.pk]),
        now=now,
    )
