"""Writes. Each service is one transaction; views and CLI commands call exactly one of them.
What a write means for the opportunity's status and for the plan is the core's
(core.status, core.planner); these functions store it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth.models import User
from django.db import transaction

from closer.accounts.models import UserSettings
from closer.accounts.services import settings_for, settings_save
from closer.core import status as rules
from closer.core.calendar import local_datetime
from closer.core.card import looks_like_sales, looks_senior
from closer.core.planner import plan_opportunity
from closer.core.records import ActionKind, AnswerKind, CloseAnswer, OpportunityStatus, Permission
from closer.people.models import Contact
from closer.people.services import contact_touch, contact_upsert, contacts_make_allies
from closer.pipeline.models import Action, Answer, Close, Company, Interview, Opportunity, Referral
from closer.pipeline.records import answer_records, close_records, referrer_of

Status = OpportunityStatus


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
    owner: User,
    company_name: str,
    role: str,
    status: str = Status.APPLIED,
    sales_role: bool | None = None,
    senior: bool | None = None,
    referred_by: Referral | None = None,
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
        referred_by=referred_by,
    )


@transaction.atomic
def opportunity_open_for(
    *,
    owner: User,
    company_name: str,
    role: str,
    sales_role: bool | None = None,
    senior: bool | None = None,
) -> Opportunity:
    """The open opportunity for this company and role (any case), else a new one: a second
    interview for the same job joins the first instead of starting a new search."""
    found = (
        Opportunity.objects.filter(owner=owner, company__name__iexact=company_name.strip())
        .filter(role__iexact=role.strip())
        .exclude(status__in=rules.CLOSED)
        .first()
    )
    return found or opportunity_create(
        owner=owner, company_name=company_name, role=role, sales_role=sales_role, senior=senior
    )


def company_get_or_create(*, owner: User, name: str) -> Company:
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
    _status_set(opportunity, rules.after_interview(Status(opportunity.status)))
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
    remarks: str = ""
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
            "remarks": data.remarks,
            "feedback": data.feedback,
            "logged_at": now,
        },
    )
    close.next_round_with.set(_contacts(owner, data.next_round_with))
    for lead in data.referrals:
        _referral_add(close=close, lead=lead)

    opportunity = interview.opportunity
    if _is_latest_close(interview):
        _status_set(opportunity, rules.AFTER_CLOSE[CloseAnswer(data.answer)])
    plan_refresh(opportunity=opportunity, now=now)
    return close


@transaction.atomic
def close_log_new(
    *,
    owner: User,
    company_name: str,
    role: str,
    starts_at: datetime,
    interviewers: Sequence[PersonInput],
    data: CloseInput,
    now: datetime,
    sales_role: bool | None = None,
    senior: bool | None = None,
) -> Close:
    """Log an interview and its close in one go (the `closer log` command), on the open
    opportunity for this company and role (opportunity_open_for)."""
    opportunity = opportunity_open_for(
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
    _status_set(opportunity, rules.AFTER_ANSWER[AnswerKind(kind)])
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
    plan = plan_opportunity(
        close_records(opportunity),
        answer_records(opportunity),
        settings_for(owner).plan_settings(),
        now,
        status=Status(opportunity.status),
    )
    existing = {
        (str(a.interview_id), a.kind, str(a.contact_id or ""), a.step): a
        for a in Action.objects.select_for_update().filter(interview__opportunity=opportunity)
    }
    wanted: set[tuple[str, str, str, int]] = set()
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
    contacts_make_allies(owner=owner, keys=plan.allies)
    _status_set(opportunity, plan.status)


def plan_refresh_open(*, owner: User, now: datetime) -> None:
    """Re-plan every opportunity of the owner that still has something open."""
    for opportunity in Opportunity.objects.filter(
        owner=owner, interviews__actions__status=Action.Status.OPEN
    ).distinct():
        plan_refresh(opportunity=opportunity, now=now)


@transaction.atomic
def settings_apply(*, user_settings: UserSettings, now: datetime) -> UserSettings:
    """Save the user's settings and re-plan every opportunity that still has open actions,
    so a new work week or holiday calendar moves what is still to do."""
    settings_save(user_settings=user_settings)
    plan_refresh_open(owner=user_settings.user, now=now)
    return user_settings


@transaction.atomic
def action_complete(*, action: Action, now: datetime) -> Action:
    """Mark an action done. Done with a person (a note sent, a call made) counts as being in
    touch with them, so their reconnect moves forward."""
    _action_finish(action, Action.Status.DONE, now)
    if action.contact and action.kind != ActionKind.CHECK_IN:
        contact_in_touch(contact=action.contact, on=_local_day(action.owner, now), now=now)
    return action


def action_skip(*, action: Action, now: datetime) -> Action:
    return _action_finish(action, Action.Status.SKIPPED, now)


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
def contact_in_touch(*, contact: Contact, on: date, now: datetime) -> Contact:
    """The user was in touch with `contact` on `on`: note it (people.services.contact_touch),
    then re-plan their reconnects. The open one moves forward, and after one is done the next
    cycle starts, so nobody is nagged about someone they just spoke to."""
    contact_touch(contact=contact, on=on)
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
    answer_kind = rules.ANSWER_FOR_MOVE.get(Status(status))
    if (
        answer_kind is not None
        and Close.objects.filter(interview__opportunity=opportunity).exists()
    ):
        answer_record(opportunity=opportunity, kind=answer_kind, received_at=now)
        return opportunity
    _status_set(opportunity, Status(status))
    plan_refresh(opportunity=opportunity, now=now)
    return opportunity


def _status_set(opportunity: Opportunity, status: OpportunityStatus) -> None:
    if opportunity.status != status:
        opportunity.status = status
        opportunity.save(update_fields=["status"])


def _local_day(owner: User, now: datetime) -> date:
    return now.astimezone(settings_for(owner).zone).date()


def _action_finish(action: Action, status: str, now: datetime) -> Action:
    action.status = status
    action.completed_at = now
    action.save(update_fields=["status", "completed_at", "updated_at"])
    return action


def _contacts(owner: User, people: Sequence[PersonInput]) -> list[Contact]:
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
        interview = close.interview
        who = referrer_of(referral, list(interview.interviewers.all()))
        opportunity_create(
            owner=owner,
            company_name=interview.opportunity.company.name,
            role=lead.role or f"Referred by {who.name if who else 'an interviewer'}",
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
