"""Reads. Every selector takes the owner, so no query can wander into another user's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from closer.accounts.services import settings_for
from closer.core.card import Card, CardInput, build_card
from closer.pipeline.models import Action, Answer, Close, Interview, Opportunity

UPCOMING_DAYS = 7


class OpportunityNotFound(LookupError):
    """No opportunity, or several, match what the user typed. The message says which."""


def actions_open(owner: AbstractBaseUser) -> QuerySet[Action]:
    return (
        Action.objects.filter(owner=owner, status=Action.Status.OPEN)
        .select_related("interview__opportunity__company", "contact")
        .order_by("due_at", "kind")
    )


@dataclass
class Today:
    now: datetime
    overdue: list[Action] = field(default_factory=list)
    today: list[Action] = field(default_factory=list)
    upcoming: list[Action] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.today or self.upcoming)


def actions_today(owner: AbstractBaseUser, now: datetime) -> Today:
    """Open actions that are overdue, due later today (in `now`'s zone), or due within a week."""
    start_of_tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    horizon = start_of_tomorrow + timedelta(days=UPCOMING_DAYS)
    result = Today(now=now)
    for action in actions_open(owner).filter(due_at__lt=horizon):
        if action.due_at < now:
            result.overdue.append(action)
        elif action.due_at < start_of_tomorrow:
            result.today.append(action)
        else:
            result.upcoming.append(action)
    return result


def opportunities_for(owner: AbstractBaseUser) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(owner=owner).select_related("company")


def opportunity_find(owner: AbstractBaseUser, query: str) -> Opportunity:
    """An opportunity by id, or by a company name (or role) that matches exactly one."""
    query = query.strip()
    mine = opportunities_for(owner)
    if query.isdigit():
        found = mine.filter(pk=int(query)).first()
        if found:
            return found
    matches = list(mine.filter(company__name__iexact=query))
    if not matches:
        matches = list(mine.filter(Q(company__name__icontains=query) | Q(role__icontains=query)))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise OpportunityNotFound(f"No opportunity matches {query!r}.")
    listing = "; ".join(f"{o.pk}: {o.role} at {o.company.name}" for o in matches)
    raise OpportunityNotFound(
        f"{query!r} matches {len(matches)} opportunities ({listing}); use the id."
    )


def plan_for(opportunity: Opportunity) -> QuerySet[Action]:
    return (
        Action.objects.filter(interview__opportunity=opportunity)
        .select_related("interview__opportunity__company", "contact")
        .order_by("due_at", "kind")
    )


def interviews_for(opportunity: Opportunity) -> QuerySet[Interview]:
    return (
        opportunity.interviews.select_related("close")
        .prefetch_related("interviewers")
        .order_by("starts_at")
    )


def lessons_for(owner: AbstractBaseUser, *, before: datetime | None = None) -> tuple[str, ...]:
    """Feedback the user recorded on earlier interviews, newest first."""
    closes = Close.objects.filter(owner=owner).exclude(feedback="")
    answers = Answer.objects.filter(owner=owner).exclude(feedback="")
    if before is not None:
        closes = closes.filter(interview__starts_at__lt=before)
        answers = answers.filter(received_at__lt=before)
    dated = [(c.logged_at, c.feedback) for c in closes] + [
        (a.received_at, a.feedback) for a in answers
    ]
    return tuple(text.strip() for _, text in sorted(dated, key=lambda x: x[0], reverse=True))[:5]


def card_for(opportunity: Opportunity, interview: Interview | None = None) -> Card:
    """The close card for an interview (by default the next or latest one)."""
    if interview is None:
        interview = interviews_for(opportunity).last()
    names = tuple(c.name for c in interview.interviewers.all()) if interview else ()
    return build_card(
        CardInput(
            company=opportunity.company.name,
            role=opportunity.role,
            interviewers=names,
            # Stored in UTC; the card speaks the user's own wall-clock time.
            starts_at=interview.starts_at.astimezone(settings_for(opportunity.owner).zone)
            if interview
            else None,
            sales_role=opportunity.sales_role,
            senior=opportunity.senior,
            lessons=lessons_for(
                opportunity.owner, before=interview.starts_at if interview else None
            ),
        )
    )


def action_json(action: Action, now: datetime) -> dict[str, Any]:
    """The one JSON shape of an action, shared by every `--json` output."""
    opportunity = action.interview.opportunity
    return {
        "id": action.pk,
        "kind": action.kind,
        "due": action.due_at.astimezone(now.tzinfo).isoformat(),
        "opportunity": opportunity.pk,
        "company": opportunity.company.name,
        "contact": action.contact.name if action.contact else None,
        "reason": action.reason,
        "status": action.status,
        "overdue": action.status == Action.Status.OPEN and action.due_at < now,
    }
