"""Keeping the stored actions in line with the planner: the one place the plan is written.

Every write that changes what the plan depends on (a close, an answer, an edit, a delete, a
move on the board, the user's settings) ends by calling `plan_refresh` for the opportunity.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from closer.accounts.models import UserSettings
from closer.accounts.services import settings_for, settings_save
from closer.core.planner import plan_opportunity
from closer.core.records import OpportunityStatus
from closer.people.services import contacts_make_allies
from closer.pipeline.models import Action, Opportunity
from closer.pipeline.records import answer_records, application_record, close_records

ActionKey = tuple[str, str, str, int]


# No savepoint of its own: it runs inside the caller's transaction (logging a close, an
# answer, a move) and any failure undoes the whole write anyway.
@transaction.atomic(savepoint=False)
def plan_refresh(*, opportunity: Opportunity, now: datetime) -> None:
    """Bring the stored actions in line with the planner.

    Open (and cancelled) actions are updated, created or cancelled; done and skipped ones are
    the user's history and are never touched.
    """
    owner = opportunity.owner
    plan = plan_opportunity(
        close_records(opportunity),
        answer_records(opportunity),
        settings_for(owner).plan_settings(),
        now,
        status=OpportunityStatus(opportunity.status),
        application=application_record(opportunity),
    )
    existing: dict[ActionKey, Action] = {
        (str(a.interview_id or ""), a.kind, str(a.contact_id or ""), a.step): a
        for a in Action.objects.select_for_update().filter(opportunity=opportunity)
    }
    wanted: set[ActionKey] = set()
    for planned in plan.actions:
        key = planned.identity
        wanted.add(key)
        fields = {
            "due_at": planned.due,
            "reason": planned.reason,
            "late": planned.late,
            "status": Action.Status.OPEN,
        }
        action = existing.get(key)
        if action is not None and action.snoozed_until and action.due_at > planned.due:
            # The user chose a later day; a re-plan may move the action later, never earlier.
            fields["due_at"] = action.due_at
        if action is None:
            Action.objects.create(
                owner=owner,
                opportunity=opportunity,
                interview_id=int(planned.interview_key) if planned.interview_key else None,
                kind=planned.kind.value,
                step=planned.step,
                contact_id=int(planned.contact.key) if planned.contact else None,
                **fields,
            )
        elif action.status in {Action.Status.OPEN, Action.Status.CANCELLED}:
            changed = [name for name, value in fields.items() if getattr(action, name) != value]
            if changed:
                for name in changed:
                    setattr(action, name, fields[name])
                action.save(update_fields=[*changed, "updated_at"])

    stale = [
        a.pk for key, a in existing.items() if key not in wanted and a.status == Action.Status.OPEN
    ]
    Action.objects.filter(pk__in=stale).update(status=Action.Status.CANCELLED, updated_at=now)
    contacts_make_allies(owner=owner, keys=plan.allies)
    status_set(opportunity, plan.status)


def plan_refresh_open(*, owner: User, now: datetime) -> None:
    """Re-plan every opportunity of the owner that still has something open."""
    for opportunity in Opportunity.objects.filter(
        owner=owner, actions__status=Action.Status.OPEN
    ).distinct():
        plan_refresh(opportunity=opportunity, now=now)


@transaction.atomic
def settings_apply(*, user_settings: UserSettings, now: datetime) -> UserSettings:
    """Save the user's settings and re-plan every opportunity that still has open actions,
    so a new work week or holiday calendar moves what is still to do."""
    settings_save(user_settings=user_settings)
    plan_refresh_open(owner=user_settings.user, now=now)
    return user_settings


def status_set(opportunity: Opportunity, status: OpportunityStatus) -> None:
    if opportunity.status != status:
        opportunity.status = status
        opportunity.save(update_fields=["status"])
