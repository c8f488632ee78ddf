"""Recording what happened: opportunities, interviews, how each ended (the close), what came
back later (answers) and the referrals. What a write means for the opportunity's status and
for the plan is the core's (core.status, core.planner); these functions store it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction

from closer.accounts.services import user_now
from closer.core import status as rules
from closer.core.card import looks_like_sales, looks_senior
from closer.core.records import AnswerKind, CloseAnswer, OpportunityStatus, Permission
from closer.people.models import Contact
from closer.people.services import contact_upsert
from closer.pipeline.models import Answer, Close, Company, Interview, Opportunity, Referral
from closer.pipeline.services.planning import plan_refresh, status_set

Status = OpportunityStatus


@dataclass(frozen=True)
class PersonInput:
    name: str
    email: str = ""
    # A job title, where the user wrote one ("Jo Kim, Head of Sales"); fills an empty one.
    title: str = ""


@dataclass(frozen=True)
class ReferralInput:
    person: PersonInput
    referrer: PersonInput | None = None
    internal: bool = False
    role: str = ""


@dataclass(frozen=True)
class OpportunityDetails:
    """What a search holds about an opportunity beside the company and role."""

    job_url: str = ""
    location: str = ""
    salary: str = ""
    source: str = ""
    applied_on: date | None = None
    apply_by: date | None = None
    remarks: str = ""
    external_id: str = ""

    def values(self) -> dict[str, object]:
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in self.__dict__.items()
        }


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
    details: OpportunityDetails | None = None,
    now: datetime | None = None,
) -> Opportunity:
    """A new opportunity; the sales/senior flags are guessed from the role title when omitted.
    Its plan starts at once (a reminder to apply, the application's follow-ups)."""
    company = company_get_or_create(owner=owner, name=company_name)
    opportunity = Opportunity.objects.create(
        owner=owner,
        company=company,
        role=role.strip(),
        status=status,
        sales_role=looks_like_sales(role) if sales_role is None else sales_role,
        senior=looks_senior(role) if senior is None else senior,
        referred_by=referred_by,
        **(details or OpportunityDetails()).values(),
    )
    if opportunity.applied_on or opportunity.apply_by:
        plan_refresh(opportunity=opportunity, now=now or user_now(owner))
    return opportunity


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
    reopen: bool = False,
    now: datetime | None = None,
) -> Interview:
    """A new interview. On a decided opportunity (rejected, withdrawn …) it reopens it only
    when the user says so (`reopen`); the form asks."""
    owner = opportunity.owner
    interview = Interview.objects.create(
        owner=owner, opportunity=opportunity, starts_at=starts_at, ends_at=ends_at
    )
    interview.interviewers.set(contacts_for(owner, interviewers))
    rounds_renumber(opportunity)
    interview.refresh_from_db(fields=["round"])
    status = Status(opportunity.status)
    status_set(opportunity, Status.INTERVIEWING if reopen else rules.after_interview(status))
    # An interview supersedes the application's own follow-ups.
    plan_refresh(opportunity=opportunity, now=now or user_now(owner))
    return interview


def rounds_renumber(opportunity: Opportunity) -> None:
    """Rounds follow the order the interviews happen in, however they were added or moved."""
    interviews = list(opportunity.interviews.order_by("starts_at", "pk"))
    for number, interview in enumerate(interviews, start=1):
        if interview.round != number:
            interview.round = number
            interview.save(update_fields=["round"])


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
    meeting = contacts_for(owner, data.next_round_with)
    close.next_round_with.set(meeting)
    for lead in data.referrals:
        _referral_add(close=close, lead=lead)

    opportunity = interview.opportunity
    wants_round = CloseAnswer(data.answer) is CloseAnswer.NEXT_ROUND
    _next_round_book(close, data.next_round_at if wants_round else None, meeting)
    if _is_latest_close(interview):
        status_set(opportunity, rules.AFTER_CLOSE[CloseAnswer(data.answer)])
    plan_refresh(opportunity=opportunity, now=now)
    return close


def _next_round_book(
    source: Close | Answer, at: datetime | None, meeting: Sequence[Contact]
) -> None:
    """The interview a "next round" stands for: booked (round N+1, with the people named) as
    soon as it has a time, so its close card is ready; moved when the time is corrected;
    removed when the round is no longer wanted and nothing was logged on it yet."""
    booked = source.next_interview
    if booked is not None and Close.objects.filter(interview=booked).exists():
        return  # it happened and was closed: the record of it is the user's, not ours
    if at is None:
        if booked is not None and booked.cancelled_at is None:
            source.next_interview = None
            source.save(update_fields=["next_interview"])
            booked.delete()
        return
    opportunity = source.opportunity if isinstance(source, Answer) else source.interview.opportunity
    if booked is None:
        booked = Interview.objects.create(owner=source.owner, opportunity=opportunity, starts_at=at)
        source.next_interview = booked
        source.save(update_fields=["next_interview"])
    elif booked.starts_at != at:
        booked.starts_at = at
        booked.save(update_fields=["starts_at"])
    if meeting:
        booked.interviewers.set(meeting)
    rounds_renumber(opportunity)


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
    if AnswerKind(kind) is AnswerKind.NEXT_ROUND and next_round_at is not None:
        _next_round_book(answer, next_round_at, ())
    status_set(opportunity, rules.AFTER_ANSWER[AnswerKind(kind)])
    plan_refresh(opportunity=opportunity, now=received_at)
    return answer


def contacts_for(owner: User, people: Sequence[PersonInput]) -> list[Contact]:
    """The owner's contacts for these people, each found or made (people.contact_upsert)."""
    return [contact_upsert(owner=owner, name=p.name, email=p.email, title=p.title) for p in people]


def _referral_add(*, close: Close, lead: ReferralInput) -> Referral:
    owner = close.owner
    person = contacts_for(owner, [lead.person])[0]
    referrer = (
        contact_upsert(owner=owner, name=lead.referrer.name, email=lead.referrer.email)
        if lead.referrer
        else _first_interviewer(close.interview)
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
        referral_opportunity_open(referral)
    return referral


def referral_opportunity_open(referral: Referral) -> Opportunity:
    """An internal referral is a new door at the same company: an opportunity of its own,
    saved to the wishlist (once)."""
    found = Opportunity.objects.filter(owner=referral.owner, referred_by=referral).first()
    if found is not None:
        return found
    who = referral.referrer
    return opportunity_create(
        owner=referral.owner,
        company_name=referral.close.interview.opportunity.company.name,
        role=referral.role or f"Referred by {who.name if who else 'an interviewer'}",
        status=Status.WISHLIST,
        referred_by=referral,
        details=OpportunityDetails(source="referral"),
    )


def _first_interviewer(interview: Interview) -> Contact | None:
    """The first interviewer as the user listed them: who a referral came from unless they
    said otherwise. Stored on the referral, so every page and note names the same person."""
    link = (
        Interview.interviewers.through.objects.filter(interview_id=interview.pk)
        .select_related("contact")
        .order_by("pk")
        .first()
    )
    return link.contact if link else None


def _is_latest_close(interview: Interview) -> bool:
    # Interviews booked ahead and not yet closed do not count: only a close says where it
    # stands.
    later = Interview.objects.filter(
        opportunity_id=interview.opportunity_id,
        starts_at__gt=interview.starts_at,
        close__isnull=False,
    )
    return not later.exists()
