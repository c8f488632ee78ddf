"""Translate stored rows into the core's plain records (and nothing else)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch

from closer.core.records import (
    AnswerKind,
    AnswerRecord,
    ApplicationRecord,
    CloseAnswer,
    CloseRecord,
    Permission,
    Person,
    ReferralLead,
)
from closer.people.models import Contact
from closer.pipeline.models import Close, Opportunity, Referral


def person(contact: Contact) -> Person:
    return Person(
        key=str(contact.pk),
        name=contact.name,
        email=contact.email,
        last_contact=contact.last_contact,
    )


def referrer_of(referral: Referral, interviewers: Sequence[Contact]) -> Contact | None:
    """Who suggested this referral: the person the user recorded, else the first interviewer
    (interviewers in their usual order, by name). The plan, the note to the referral, the
    contacts page and the history all name the same person."""
    return referral.referrer or (interviewers[0] if interviewers else None)


def close_record(close: Close) -> CloseRecord:
    interview = close.interview
    opportunity = interview.opportunity
    contacts = list(interview.interviewers.all())
    booked = close.next_interview
    return CloseRecord(
        interview_key=str(interview.pk),
        company=opportunity.company.name,
        role=opportunity.role,
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        logged_at=close.logged_at,
        interviewers=tuple(person(c) for c in contacts),
        asked_for_job=close.asked_for_job,
        answer=CloseAnswer(close.answer),
        expected=close.expected_date,
        latest=close.latest_date,
        permission=Permission(close.permission),
        next_round_at=close.next_round_at,
        next_round_with=tuple(person(c) for c in close.next_round_with.all()),
        next_round_cancelled=booked is not None and booked.cancelled_at is not None,
        referrals_asked=close.referrals_asked,
        referrals=tuple(
            ReferralLead(
                person=person(r.person),
                referrer=_person_or_none(referrer_of(r, contacts)),
                internal=r.internal,
            )
            for r in close.referrals.all()
        ),
        offer_deadline=close.offer_deadline,
        feedback=close.feedback,
    )


def _person_or_none(contact: Contact | None) -> Person | None:
    return person(contact) if contact is not None else None


def close_records(opportunity: Opportunity) -> list[CloseRecord]:
    """The closes the plan is made from: those of interviews that were not called off."""
    closes = (
        Close.objects.filter(interview__opportunity=opportunity, interview__cancelled_at=None)
        .select_related("interview__opportunity__company", "next_interview")
        .prefetch_related(
            "interview__interviewers",
            "next_round_with",
            Prefetch("referrals", Referral.objects.select_related("person", "referrer")),
        )
        .order_by("interview__starts_at")
    )
    return [close_record(c) for c in closes]


def answer_records(opportunity: Opportunity) -> list[AnswerRecord]:
    return [
        AnswerRecord(
            kind=AnswerKind(a.kind),
            received_at=a.received_at,
            offer_deadline=a.offer_deadline,
            next_round_at=a.next_round_at,
            feedback=a.feedback,
            next_round_cancelled=a.next_interview is not None
            and a.next_interview.cancelled_at is not None,
        )
        for a in opportunity.answers.select_related("next_interview")
    ]


def application_record(opportunity: Opportunity) -> ApplicationRecord:
    return ApplicationRecord(
        opportunity_key=str(opportunity.pk),
        company=opportunity.company.name,
        role=opportunity.role,
        applied_on=opportunity.applied_on,
        apply_by=opportunity.apply_by,
    )
