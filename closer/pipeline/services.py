"""Writes. Each service is one transaction; views and CLI commands call exactly one of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from closer.accounts.services import settings_for
from closer.core.calendar import local_datetime
from closer.core.card import looks_like_sales, looks_senior
from closer.core.planner import plan_opportunity
from closer.core.records import ActionKind, AnswerKind, CloseAnswer, Permission
from closer.people.models import Contact
from closer.people.services import contact_upsert
from closer.pipeline.models import Action, Answer, Close, Company, Interview, Opportunity, Referral
from closer.pipeline.records import answer_records, close_records

Status = Opportunity.Status

# What each answer says about where the opportunity stands.
STATUS_AFTER_CLOSE = {
    CloseAnswer.OFFERED: Status.OFFER,
    CloseAnswer.NEXT_ROUND: Status.INTERVIEWING,
    CloseAnswer.PENDING: Status.INTERVIEWING,
    CloseAnswer.NOT_A_FIT: Status.WITHDRAWN,
    CloseAnswer.REJECTED: Status.REJECTED,
}
STATUS_AFTER_ANSWER = {
    AnswerKind.OFFER: Status.OFFER,
    AnswerKind.NEXT_ROUND: Status.INTERVIEWING,
    AnswerKind.REJECTED: Status.REJECTED,
}
# Statuses the user decided; re-planning never overrides them with "gone quiet".
FINAL_STATUSES = {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.GONE_QUIET}
# Chasing an answer, or preparing for more rounds, makes no sense once the user accepted the
# job or stepped back: re-planning then cancels these kinds. (A not-a-fit close also leaves
# the opportunity withdrawn; its referral actions are not in this set and stay.)
CHASING = {
    ActionKind.FOLLOW_UP,
    ActionKind.CHECK_IN,
    ActionKind.CONFIRM_ROUND,
    ActionKind.PREPARE_ROUND,
    ActionKind.RESPOND_OFFER,
}
DROPPED_WHEN = {
    Status.WITHDRAWN: CHASING,
    Status.ACCEPTED: set(ActionKind) - {ActionKind.THANK_YOU},
}
# A board move to one of these is the same as recording that answer.
ANSWER_FOR_STATUS = {Status.OFFER: AnswerKind.OFFER, Status.REJECTED: AnswerKind.REJECTED}


@dataclass(frozen=True)
class PersonInput:
    name: str
    email: str = ""


@dataclass(frozen=True)
class ReferralInput:
    person: PersonInput
    referrer: PersonInput | None = None
    internal: bool = False
    role: str = ""


@transaction.atomic
def opportunity_create(
    *,
    owner: AbstractBaseUser,
    company_name: str,
    role: str,
    status: str = Status.APPLIED,
    sales_role: bool | None = None,
    senior: bool | None = None,
) -> Opportunity:
    """A new opportunity; the sales/senior flags are guessed from the role title when omitted."""
    company = company_get_or_create(owner=owner, name=company_name)
    return Opportunity.objects.create(
        owner=owner,
        company=company,
        role=role.strip(),
        status=status,
        sales_role=looks_like_sales(role) if sales_role is None else sales_role,
        senior=looks_senior(role) if senior is None else senior,
    )


def company_get_or_create(*, owner: AbstractBaseUser, name: str) -> Company:
    name = name.strip()
    found = Company.objects.filter(owner=owner, name__iexact=name).first()
    return found or Company.objects.create(owner=owner, name=name)


@transaction.atomic
def interview_create(
    *,
    opportunity: Opportunity,
    starts_at: datetime,
    ends_at: datetime | None = None,
    interviewers: Sequence[PersonInput] = (),
) -> Interview:
    owner = opportunity.owner
    interview = Interview.objects.create(
        owner=owner,
        opportunity=opportunity,
        round=opportunity.interviews.count() + 1,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    interview.interviewers.set(_contacts(owner, interviewers))
    if opportunity.status in {Status.WISHLIST, Status.APPLIED}:
        opportunity.status = Status.INTERVIEWING
        opportunity.save(update_fields=["status"])
    return interview


@dataclass(frozen=True)
class CloseInput:
    """What the candidate logs on the way out of the interview."""

    asked_for_job: bool
    answer: CloseAnswer
    expected_date: date | None = None
    expected_words: str = ""
    latest_date: date | None = None
    latest_words: str = ""
    permission: Permission = Permission.NOT_ASKED
    next_round_at: datetime | None = None
    next_round_with: tuple[PersonInput, ...] = ()
    referrals_asked: bool = False
    referrals: tuple[ReferralInput, ...] = ()
    offer_deadline: date | None = None
    notes: str = ""
    feedback: str = ""


@transaction.atomic
def close_log(*, interview: Interview, data: CloseInput, now: datetime) -> Close:
    """Record (or correct) how an interview ended, then re-plan its opportunity."""
    owner = interview.owner
    close, _ = Close.objects.update_or_create(
        interview=interview,
        defaults={
            "owner": owner,
            "asked_for_job": data.asked_for_job,
            "answer": data.answer,
            "expected_date": data.expected_date,
            "expected_words": data.expected_words,
            "latest_date": data.latest_date,
            "latest_words": data.latest_words,
            "permission": data.permission,
            "next_round_at": data.next_round_at,
            "referrals_asked": data.referrals_asked or bool(data.referrals),
            "offer_deadline": data.offer_deadline,
            "notes": data.notes,
            "feedback": data.feedback,
            "logged_at": now,
        },
    )
    close.next_round_with.set(_contacts(owner, data.next_round_with))
    for lead in data.referrals:
        _referral_add(close=close, lead=lead)

    opportunity = interview.opportunity
    if _is_latest_close(interview):
        opportunity.status = STATUS_AFTER_CLOSE[CloseAnswer(data.answer)]
        opportunity.save(update_fields=["status"])
    plan_refresh(opportunity=opportunity, now=now)
    return close


@transaction.atomic
def close_log_new(
    *,
    owner: AbstractBaseUser,
    company_name: str,
    role: str,
    starts_at: datetime,
    interviewers: Sequence[PersonInput],
    data: CloseInput,
    now: datetime,
    sales_role: bool | None = None,
    senior: bool | None = None,
) -> Close:
    """Log an interview and its close in one go (the `closer log` command): reuses the open
    opportunity for this company and role when there is one."""
    opportunity = (
        Opportunity.objects.filter(owner=owner, company__name__iexact=company_name.strip())
        .filter(role__iexact=role.strip())
        .exclude(status__in=FINAL_STATUSES)
        .first()
    ) or opportunity_create(
        owner=owner, company_name=company_name, role=role, sales_role=sales_role, senior=senior
    )
    interview = interview_create(
        opportunity=opportunity, starts_at=starts_at, interviewers=interviewers
    )
    return close_log(interview=interview, data=data, now=now)


@transaction.atomic
def answer_record(
    *,
    opportunity: Opportunity,
    kind: AnswerKind,
    received_at: datetime,
    offer_deadline: date | None = None,
    next_round_at: datetime | None = None,
    feedback: str = "",
) -> Answer:
    """Record what came back; pending follow-ups are cancelled or re-planned at once."""
    answer = Answer.objects.create(
        owner=opportunity.owner,
        opportunity=opportunity,
        kind=kind,
        received_at=received_at,
        offer_deadline=offer_deadline,
        next_round_at=next_round_at,
        feedback=feedback,
    )
    opportunity.status = STATUS_AFTER_ANSWER[AnswerKind(kind)]
    opportunity.save(update_fields=["status"])
    plan_refresh(opportunity=opportunity, now=received_at)
    return answer


# No savepoint of its own: it runs inside the caller's transaction (logging a close, an
# answer, a move) and any failure undoes the whole write anyway.
@transaction.atomic(savepoint=False)
def plan_refresh(*, opportunity: Opportunity, now: datetime) -> None:
    """Bring the stored actions in line with the planner.

    Open (and cancelled) actions are updated, created or cancelled; done and skipped ones are
    the user's history and are never touched.
    """
    owner = opportunity.owner
    closes = close_records(opportunity)
    plan = plan_opportunity(
        closes, answer_records(opportunity), settings_for(owner).plan_settings(), now
    )

    existing = {
        (str(a.interview_id), a.kind, str(a.contact_id or ""), a.step): a
        for a in Action.objects.select_for_update().filter(interview__opportunity=opportunity)
    }
    dropped = DROPPED_WHEN.get(opportunity.status, set())
    wanted: set[tuple[str, str, str, int]] = set()
    allies: set[int] = set()
    for planned in plan.actions:
        if planned.kind in dropped:
            continue
        key = planned.identity
        wanted.add(key)
        if planned.kind is ActionKind.RECONNECT and planned.contact:
            allies.add(int(planned.contact.key))
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
                interview_id=int(planned.interview_key),
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
    if allies:
        # Whoever gets a reconnect is an ally from now on (the contacts page says so).
        Contact.objects.filter(pk__in=allies, is_ally=False).update(is_ally=True)

    if plan.gone_quiet and opportunity.status not in FINAL_STATUSES | {Status.OFFER}:
        opportunity.status = Status.GONE_QUIET
        opportunity.save(update_fields=["status"])


def plan_refresh_open(*, owner: AbstractBaseUser, now: datetime) -> None:
    """Re-plan every opportunity of the owner that still has something open."""
    for opportunity in Opportunity.objects.filter(
        owner=owner, interviews__actions__status=Action.Status.OPEN
    ).distinct():
        plan_refresh(opportunity=opportunity, now=now)


@transaction.atomic
def action_complete(*, action: Action, now: datetime) -> Action:
    """Mark an action done. Done with a person (a note sent, a call made) counts as being in
    touch with them, so their reconnect moves forward."""
    _action_finish(action, Action.Status.DONE, now)
    if action.contact_id and action.kind != ActionKind.CHECK_IN:
        contact_touch(contact=action.contact, on=_local_day(action.owner, now), now=now)
    return action


@transaction.atomic
def action_snooze(*, action: Action, until: date, now: datetime) -> Action:
    """Put an open action off to a chosen day, at the same time of day. Re-planning keeps it
    there (it may move it later, never earlier)."""
    zone = settings_for(action.owner).zone
    at = action.due_at.astimezone(zone).time() if action.due_at else time(9, 0)
    action.due_at = local_datetime(until, at, zone)
    action.snoozed_until = until
    action.save(update_fields=["due_at", "snoozed_until", "updated_at"])
    return action


@transaction.atomic
def contact_touch(*, contact: Contact, on: date, now: datetime) -> Contact:
    """Record that the user was in touch with `contact` on `on` (never moving it backwards),
    then re-plan their reconnects: the open one moves forward, and after one is done the next
    cycle starts, so nobody is nagged about someone they just spoke to."""
    if contact.last_contact is None or contact.last_contact < on:
        contact.last_contact = on
        contact.save(update_fields=["last_contact"])
    opportunities = Opportunity.objects.filter(
        interviews__actions__contact=contact,
        interviews__actions__kind=ActionKind.RECONNECT,
    ).distinct()
    for opportunity in opportunities:
        plan_refresh(opportunity=opportunity, now=now)
    return contact


@transaction.atomic
def opportunity_move(*, opportunity: Opportunity, status: str, now: datetime) -> Opportunity:
    """A move on the board is a real status change: an offer or a rejection is recorded as
    that answer (when there was an interview), and the plan follows at once."""
    if status == opportunity.status:
        return opportunity
    answer_kind = ANSWER_FOR_STATUS.get(Status(status))
    if (
        answer_kind is not None
        and Close.objects.filter(interview__opportunity=opportunity).exists()
    ):
        answer_record(opportunity=opportunity, kind=answer_kind, received_at=now)
        return opportunity
    opportunity.status = status
    opportunity.save(update_fields=["status"])
    plan_refresh(opportunity=opportunity, now=now)
    return opportunity


def _local_day(owner: AbstractBaseUser, now: datetime) -> date:
    return now.astimezone(settings_for(owner).zone).date()


def action_skip(*, action: Action, now: datetime) -> Action:
    return _action_finish(action, Action.Status.SKIPPED, now)


def _action_finish(action: Action, status: str, now: datetime) -> Action:
    action.status = status
    action.completed_at = now
    action.save(update_fields=["status", "completed_at", "updated_at"])
    return action


def _contacts(owner: AbstractBaseUser, people: Sequence[PersonInput]) -> list[Contact]:
    return [contact_upsert(owner=owner, name=p.name, email=p.email) for p in people]


def _referral_add(*, close: Close, lead: ReferralInput) -> Referral:
    owner = close.owner
    person = contact_upsert(owner=owner, name=lead.person.name, email=lead.person.email)
    referrer = (
        contact_upsert(owner=owner, name=lead.referrer.name, email=lead.referrer.email)
        if lead.referrer
        else None
    )
    referral, created = Referral.objects.get_or_create(
        close=close,
        person=person,
        defaults={
            "owner": owner,
            "referrer": referrer,
            "internal": lead.internal,
            "role": lead.role,
        },
    )
    if created and lead.internal:
        # An internal referral is a new door at the same company.
        opportunity = close.interview.opportunity
        Opportunity.objects.create(
            owner=owner,
            company=opportunity.company,
            role=lead.role or f"Referred by {referrer.name if referrer else 'an interviewer'}",
            status=Status.WISHLIST,
            referred_by=referral,
        )
    return referral


def _is_latest_close(interview: Interview) -> bool:
    later = Interview.objects.filter(
        opportunity_id=interview.opportunity_id,
        starts_at__gt=interview.starts_at,
        close__isnull=False,
    )
    return not later.exists()
