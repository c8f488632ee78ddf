"""Acting on the plan: done, skip and snooze, being in touch with someone, and moving an
opportunity on the board. Each can be undone for a while (services.changes)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth.models import User
from django.db import transaction

from closer.accounts.services import settings_for
from closer.core import status as rules
from closer.core.calendar import format_day, local_datetime
from closer.core.labels import ACTION_LABELS, STATUS_LABELS
from closer.core.records import ActionKind, OpportunityStatus
from closer.people.models import Contact
from closer.people.services import contact_touch
from closer.pipeline.models import Action, Answer, Change, Close, Opportunity
from closer.pipeline.services.changes import UndoError, change_record, undoer
from closer.pipeline.services.planning import plan_refresh, status_set
from closer.pipeline.services.recording import answer_record

Status = OpportunityStatus


def action_summary(action: Action) -> str:
    """One line naming an action: what, with whom, where."""
    parts = [ACTION_LABELS[ActionKind(action.kind)]]
    if action.contact:
        parts.append(action.contact.name)
    parts.append(action.opportunity.company.name)
    return ", ".join(parts)


@transaction.atomic
def action_complete(*, action: Action, now: datetime, undoable: bool = True) -> Change:
    """Mark an action done. Done with a person (a note sent, a call made) counts as being in
    touch with them, so their reconnect moves forward. Not `undoable` when Closer itself
    sent its note: what went out cannot be called back."""
    before = _finish(action, Action.Status.DONE, now)
    if action.contact and action.kind != ActionKind.CHECK_IN:
        before["last_contact"] = _iso(action.contact.last_contact)
        contact_in_touch(contact=action.contact, on=_local_day(action.owner, now), now=now)
    return _acted(action, "Done", before if undoable else None, now)


@transaction.atomic
def action_skip(*, action: Action, now: datetime) -> Change:
    before = _finish(action, Action.Status.SKIPPED, now)
    return _acted(action, "Skipped", before, now)


@transaction.atomic
def action_snooze(*, action: Action, until: date, now: datetime) -> Change:
    """Put an open action off to a chosen day, at the same time of day. Re-planning keeps it
    there (it may move it later, never earlier)."""
    before = _state(action)
    zone = settings_for(action.owner).zone
    at = action.due_at.astimezone(zone).time() if action.due_at else time(9, 0)
    action.due_at = local_datetime(until, at, zone)
    action.snoozed_until = until
    action.save(update_fields=["due_at", "snoozed_until", "updated_at"])
    return _acted(action, f"Snoozed to {format_day(until)}", before, now)


def _state(action: Action) -> dict[str, object]:
    return {
        "action": action.pk,
        "status": action.status,
        "completed_at": _iso(action.completed_at),
        "due_at": _iso(action.due_at),
        "snoozed_until": _iso(action.snoozed_until),
    }


def _finish(action: Action, status: str, now: datetime) -> dict[str, object]:
    before = _state(action)
    action.status = status
    action.completed_at = now
    action.save(update_fields=["status", "completed_at", "updated_at"])
    return before


def _acted(action: Action, verb: str, before: dict[str, object] | None, now: datetime) -> Change:
    return change_record(
        owner=action.owner,
        opportunity=action.opportunity,
        kind="action",
        summary=f"{verb}: {action_summary(action)}",
        undo=before,
        now=now,
    )


@undoer("action")
def _undo_action(change: Change, now: datetime) -> None:
    """The action as it was before the tap; a reconnect moved by being in touch moves back."""
    assert change.undo is not None
    state = change.undo
    action = Action.objects.select_for_update().filter(pk=state["action"]).first()
    if action is None:
        raise UndoError("That action is no longer on the plan.")
    action.status = state["status"]
    action.completed_at = _moment(state["completed_at"])
    action.due_at = _moment(state["due_at"]) or action.due_at
    action.snoozed_until = _day(state["snoozed_until"])
    action.save(update_fields=["status", "completed_at", "due_at", "snoozed_until", "updated_at"])
    if "last_contact" in state and action.contact is not None:
        Contact.objects.filter(pk=action.contact.pk).update(
            last_contact=_day(state["last_contact"])
        )
        action.contact.refresh_from_db(fields=["last_contact"])
    plan_refresh(opportunity=action.opportunity, now=now)


@transaction.atomic
def contact_in_touch(*, contact: Contact, on: date, now: datetime) -> Contact:
    """The user was in touch with `contact` on `on`: note it (people.services.contact_touch),
    then re-plan their reconnects. The open one moves forward, and after one is done the next
    cycle starts, so nobody is nagged about someone they just spoke to."""
    contact_touch(contact=contact, on=on)
    opportunities = Opportunity.objects.filter(
        actions__contact=contact, actions__kind=ActionKind.RECONNECT
    ).distinct()
    for opportunity in opportunities:
        plan_refresh(opportunity=opportunity, now=now)
    return contact


@transaction.atomic
def opportunity_move(*, opportunity: Opportunity, status: str, now: datetime) -> Change | None:
    """A move on the board is a real status change: an offer or a rejection is recorded as
    that answer (when there was an interview), and the plan follows at once."""
    if status == opportunity.status:
        return None
    before: dict[str, object] = {"status": opportunity.status, "answer": None}
    answer_kind = rules.ANSWER_FOR_MOVE.get(Status(status))
    if (
        answer_kind is not None
        and Close.objects.filter(interview__opportunity=opportunity).exists()
    ):
        answer = answer_record(opportunity=opportunity, kind=answer_kind, received_at=now)
        before["answer"] = answer.pk
    else:
        status_set(opportunity, Status(status))
        plan_refresh(opportunity=opportunity, now=now)
    opportunity.refresh_from_db(fields=["status"])
    return change_record(
        owner=opportunity.owner,
        opportunity=opportunity,
        kind="move",
        summary=f"Moved to {STATUS_LABELS[Status(opportunity.status)]}: {opportunity}",
        undo={**before, "to": opportunity.status},
        now=now,
    )


@undoer("move")
def _undo_move(change: Change, now: datetime) -> None:
    assert change.undo is not None
    opportunity = (
        Opportunity.objects.select_for_update().filter(pk=change.opportunity_id).first()
        if change.opportunity_id is not None
        else None
    )
    if opportunity is None:
        raise UndoError("That opportunity is gone.")
    if opportunity.status != change.undo["to"]:
        raise UndoError(
            f"It has moved on since (it is {opportunity.get_status_display()} now); "
            "move it on the board instead."
        )
    if change.undo["answer"] is not None:
        Answer.objects.filter(pk=change.undo["answer"], opportunity=opportunity).delete()
    status_set(opportunity, Status(change.undo["status"]))
    plan_refresh(opportunity=opportunity, now=now)


def _local_day(owner: User, now: datetime) -> date:
    return now.astimezone(settings_for(owner).zone).date()


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None
