"""Correcting people: edit a contact, merge two rows that are one person, delete one.

A contact appears all over the pipeline (interviews, the people met next round, referrals,
actions), so these writes live here rather than in people/: each re-plans every opportunity
the person is on, replaces their old name and address in notes not yet sent, and leaves an
entry on those opportunities' histories.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from closer.people.models import Contact
from closer.people.services import ContactError
from closer.pipeline.models import Action, Change, Close, Interview, Opportunity, Referral
from closer.pipeline.services.changes import (
    change_record,
    delete_with_snapshot,
    deleted_undo,
    last_action,
)
from closer.pipeline.services.drafts import drafts_rewrite, person_rewrite
from closer.pipeline.services.planning import plan_refresh


@dataclass(frozen=True)
class ContactEdit:
    name: str
    email: str = ""
    organisation: str = ""
    title: str = ""
    remarks: str = ""


def opportunities_with(contact: Contact) -> set[int]:
    """Every opportunity the person is on: as an interviewer, someone to meet next round, a
    referral or referrer, or the person an action is for."""
    ids = set(Action.objects.filter(contact=contact).values_list("opportunity_id", flat=True))
    ids |= set(
        Interview.objects.filter(interviewers=contact).values_list("opportunity_id", flat=True)
    )
    ids |= set(
        Close.objects.filter(next_round_with=contact).values_list(
            "interview__opportunity_id", flat=True
        )
    )
    ids |= set(
        Referral.objects.filter(Q(person=contact) | Q(referrer=contact)).values_list(
            "close__interview__opportunity_id", flat=True
        )
    )
    return ids


def _after_people_changed(ids: set[int], summary: str, detail: str, now: datetime) -> None:
    for opportunity in Opportunity.objects.filter(pk__in=ids).select_related("company"):
        plan_refresh(opportunity=opportunity, now=now)
        change_record(
            owner=opportunity.owner,
            opportunity=opportunity,
            kind="edit",
            summary=summary,
            detail=detail,
            now=now,
        )


@transaction.atomic
def contact_update(*, contact: Contact, edit: ContactEdit, now: datetime) -> Contact:
    """Correct a contact. A new address that another contact has already means they are one
    person: ContactError names the other, so the page can offer to merge them."""
    name, email = edit.name.strip(), edit.email.strip()
    if not name:
        raise ContactError("Give them a name.")
    if email:
        other = (
            Contact.objects.filter(owner=contact.owner, email__iexact=email)
            .exclude(pk=contact.pk)
            .first()
        )
        if other is not None:
            raise ContactError(
                f"{other.name} already has the address {email}: if they are the same person, "
                "merge the two.",
                other,
            )
    old_name, old_email = contact.name, contact.email
    contact.name, contact.email = name, email
    contact.organisation, contact.title = edit.organisation.strip(), edit.title.strip()
    contact.remarks = edit.remarks.strip()
    contact.save()
    if (old_name, old_email) == (name, email):
        return contact
    ids = opportunities_with(contact)
    rewrite = person_rewrite(contact.pk, old_name, name, old_email=old_email, new_email=email)
    drafts_rewrite(owner=contact.owner, opportunities=ids, rewrite=rewrite)
    was = f"{old_name} <{old_email}>" if old_email else old_name
    _after_people_changed(ids, f"Contact corrected: {was} → {contact}", "", now)
    return contact


@transaction.atomic
def contact_merge(*, keep: Contact, other: Contact, now: datetime) -> Contact:
    """Two rows that are one person become `keep`: every interview, referral and action of the
    other is theirs now (so are their histories), empty details are filled from the other,
    and the other row goes."""
    if keep.pk == other.pk or keep.owner_id != other.owner_id:
        raise ContactError("Choose a different contact to merge with.")
    ids = opportunities_with(other)
    for interview in Interview.objects.filter(interviewers=other):
        interview.interviewers.remove(other)
        interview.interviewers.add(keep)
    for close in Close.objects.filter(next_round_with=other):
        close.next_round_with.remove(other)
        close.next_round_with.add(keep)
    for referral in Referral.objects.filter(person=other):
        if Referral.objects.filter(close=referral.close, person=keep).exists():
            referral.delete()  # the same lead, entered twice
        else:
            referral.person = keep
            referral.save(update_fields=["person"])
    Referral.objects.filter(referrer=other).update(referrer=keep)
    _actions_merge(keep, other)
    for name in ("organisation", "title"):
        setattr(keep, name, getattr(keep, name) or getattr(other, name))
    keep.remarks = "\n\n".join(r for r in (keep.remarks.strip(), other.remarks.strip()) if r)
    keep.is_ally = keep.is_ally or other.is_ally
    keep.last_contact = max((d for d in (keep.last_contact, other.last_contact) if d), default=None)
    old_name, old_email = other.name, other.email
    other.delete()
    keep.email = keep.email or old_email
    keep.save()
    rewrite = person_rewrite(
        keep.pk, old_name, keep.name, old_email=old_email, new_email=keep.email
    )
    drafts_rewrite(owner=keep.owner, opportunities=ids, rewrite=rewrite)
    _after_people_changed(
        ids | opportunities_with(keep), f"Merged {old_name} into {keep.name}", "", now
    )
    return keep


def _actions_merge(keep: Contact, other: Contact) -> None:
    """The other's actions become keep's. Where both had the same one (the same person thanked
    twice for one interview), the one already acted on stays; the open twin goes."""
    # Open and cancelled actions are the plan's; done and skipped ones the user's history.
    planned = (Action.Status.OPEN, Action.Status.CANCELLED)
    for action in Action.objects.filter(contact=other):
        twin = Action.objects.filter(
            Q(interview_id=action.interview_id),
            opportunity_id=action.opportunity_id,
            kind=action.kind,
            step=action.step,
            contact=keep,
        ).first()
        if twin is not None:
            if twin.status in planned and action.status not in planned:
                # A cancelled twin left at this step would be reopened by the next re-plan,
                # asking again for what was done.
                twin.delete()
            elif action.status in planned:
                action.delete()
                continue
            else:
                # Both acted on: keep both in the history, the other's as a later step.
                while Action.objects.filter(
                    Q(interview_id=action.interview_id),
                    opportunity_id=action.opportunity_id,
                    kind=action.kind,
                    step=action.step,
                    contact=keep,
                ).exists():
                    action.step += 1
        action.contact = keep
        action.save(update_fields=["contact", "step", "updated_at"])


@transaction.atomic
def contact_delete(*, contact: Contact, now: datetime) -> Change:
    """Delete a contact with their actions and referrals (they also leave the interviews they
    were at). Undo puts it all back for a while."""
    ids = opportunities_with(contact)
    owner, label, since = contact.owner, str(contact), last_action()
    snapshot = delete_with_snapshot(contact)
    # Each opportunity they were on says so on its history; Undo is on the entry below.
    _after_people_changed(ids, f"Contact deleted: {label}", "", now)
    return change_record(
        owner=owner,
        opportunity=None,
        kind="deleted",
        summary=f"Deleted contact {label}",
        undo=deleted_undo(snapshot, replan=ids, since=since),
        now=now,
    )
