"""A sample pipeline, so that a new user sees Closer at work before logging a real interview.

It goes into the person's sample space (accounts.models.SampleSpace), an account of its own,
never into theirs: nothing sample mixes with their real records, and deleting the sample is
deleting that account. Every write goes through the ordinary services, so the sample is
planned by the same rules as real data. Dates are relative to `now`: whenever it is loaded,
Today has something overdue, something due today and something coming up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction

from closer.accounts.services import sample_space_open, settings_for
from closer.core.calendar import local_datetime
from closer.core.records import ActionKind, AnswerKind, CloseAnswer, Permission
from closer.pipeline.models import Action, Close, Company, Opportunity
from closer.pipeline.services import (
    CloseInput,
    PersonInput,
    ReferralInput,
    action_complete,
    answer_record,
    close_log_new,
    opportunity_create,
)

# The companies are made up, and their mail domains end in .example, which never resolves.
DEMO_COMPANIES = (
    "Brightline Software",
    "Tessellate Labs",
    "Kestrel Logistics",
    "Orchard Health",
    "Harbor & Vale",
    "Lumen Analytics",
)


def demo_loaded(sample: User) -> bool:
    return Company.objects.filter(owner=sample, name__in=DEMO_COMPANIES).exists()


@dataclass(frozen=True)
class DemoLoaded:
    # The sample account the pipeline is in (never the person's own).
    sample: User
    # How many opportunities were added: 0 when the sample was there already.
    created: int


@transaction.atomic
def demo_load(*, owner: User, now: datetime) -> DemoLoaded:
    """Load the sample pipeline into `owner`'s sample space, made on first use. Loading it
    again adds nothing, so it never duplicates."""
    sample = sample_space_open(owner=owner)
    if demo_loaded(sample):
        return DemoLoaded(sample, 0)
    clock = _Clock(now.astimezone(settings_for(sample).zone))
    for fill in SAMPLES:
        fill(sample, clock)
    return DemoLoaded(sample, len(DEMO_COMPANIES))


def _pending_with_dates(owner: User, clock: _Clock) -> None:
    """Pending, with dates: interviewed this morning, the thank-you is due tonight."""
    _log(
        owner,
        clock,
        "Brightline Software",
        "Account Executive",
        starts_at=clock.earlier_today(10),
        interviewers=[PersonInput("Priya Raman", "priya.raman@brightline.example")],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.PENDING,
            expected_date=clock.day(7),
            expected_words="by the end of next week",
            latest_date=clock.day(10),
            latest_words="the following Monday at the latest",
            permission=Permission.YES,
            remarks="A panel with the sales director comes next if this goes well.",
        ),
    )


def _next_round(owner: User, clock: _Clock) -> None:
    """Next round: one thank-you sent, the other still owed (overdue)."""
    marta = PersonInput("Marta Silva", "marta.silva@tessellate.example")
    close = _log(
        owner,
        clock,
        "Tessellate Labs",
        "Senior Product Designer",
        starts_at=clock.at(-1, 15),
        interviewers=[marta, PersonInput("Joon Park", "joon.park@tessellate.example")],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NEXT_ROUND,
            next_round_at=clock.at(4, 14),
            next_round_with=(PersonInput("Ade Okafor", "ade.okafor@tessellate.example"),),
        ),
    )
    _done(close, ActionKind.THANK_YOU, contact_email=marta.email)


def _offer_after_the_interview(owner: User, clock: _Clock) -> None:
    """An offer that came after the interview, with a deadline next week."""
    close = _log(
        owner,
        clock,
        "Kestrel Logistics",
        "Customer Success Manager",
        starts_at=clock.at(-8, 11),
        interviewers=[PersonInput("Lucía Gómez", "lucia.gomez@kestrel.example")],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.PENDING,
            expected_date=clock.day(-3),
            expected_words="early next week",
        ),
    )
    _done(close, ActionKind.THANK_YOU)
    answer_record(
        opportunity=close.interview.opportunity,
        kind=AnswerKind.OFFER,
        received_at=clock.at(-1, 16, 30),
        offer_deadline=clock.day(5),
    )


def _rejection_with_feedback(owner: User, clock: _Clock) -> None:
    """A rejection; the feedback they gave shows up on later close cards."""
    close = _log(
        owner,
        clock,
        "Orchard Health",
        "Sales Development Representative",
        starts_at=clock.at(-15, 9, 30),
        interviewers=[PersonInput("Tom Becker", "tom.becker@orchardhealth.example")],
        data=CloseInput(
            asked_for_job=False,
            answer=CloseAnswer.PENDING,
            expected_date=clock.day(-10),
            permission=Permission.NOT_ASKED,
        ),
    )
    _done(close, ActionKind.THANK_YOU)
    rejection = answer_record(
        opportunity=close.interview.opportunity,
        kind=AnswerKind.REJECTED,
        received_at=clock.at(-4, 12),
        feedback="Bring numbers: two deals you closed, with the figures, ready to tell.",
    )
    # They gave the feedback with the news, so the plan thanked them for it, and that is done.
    _done(close, ActionKind.FEEDBACK_THANKS, after=rejection.received_at)


def _not_a_fit_with_a_referral(owner: User, clock: _Clock) -> None:
    """Not a fit, but the interviewer suggested someone at another company."""
    ruth = PersonInput("Ruth Adeyemi", "ruth.adeyemi@harborvale.example")
    close = _log(
        owner,
        clock,
        "Harbor & Vale",
        "Operations Analyst",
        starts_at=clock.at(-2, 13),
        interviewers=[ruth],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NOT_A_FIT,
            referrals_asked=True,
            referrals=(
                ReferralInput(
                    person=PersonInput("Lena Fischer", "lena.fischer@northpeak.example"),
                    referrer=ruth,
                ),
            ),
            remarks="The team needs a SQL specialist; Ruth thinks my customer side fits Northpeak.",
        ),
    )
    _done(close, ActionKind.THANK_YOU)


def _not_applied_yet(owner: User, clock: _Clock) -> None:
    """Not applied yet: a card to prepare with."""
    opportunity_create(
        owner=owner,
        company_name="Lumen Analytics",
        role="Head of Partnerships",
        status=Opportunity.Status.WISHLIST,
    )


SAMPLES = (
    _pending_with_dates,
    _next_round,
    _offer_after_the_interview,
    _rejection_with_feedback,
    _not_a_fit_with_a_referral,
    _not_applied_yet,
)


class _Clock:
    """Local times relative to `now`, never later than `now` for things that already happened."""

    def __init__(self, now: datetime) -> None:
        if not isinstance(now.tzinfo, ZoneInfo):
            raise ValueError("The demo needs `now` in the user's time zone (a ZoneInfo).")
        self.now = now
        self.tz = now.tzinfo

    def day(self, offset: int) -> date:
        """`offset` days from today, moved off a weekend, away from today so that what
        already happened stays in the past and what is to come stays ahead."""
        day = self.now.date() + timedelta(days=offset)
        step = timedelta(days=-1 if offset < 0 else 1)
        while offset and day.weekday() >= 5:
            day += step
        return day

    def at(self, offset: int, hour: int, minute: int = 0) -> datetime:
        return local_datetime(self.day(offset), time(hour, minute), self.tz)

    def earlier_today(self, hour: int) -> datetime:
        # Loaded before that hour, the interview moves back to keep it in the past.
        return min(self.at(0, hour), self.now - timedelta(hours=2))

    def past(self, moment: datetime) -> datetime:
        return min(moment, self.now)


def _log(
    owner: User,
    clock: _Clock,
    company: str,
    role: str,
    *,
    starts_at: datetime,
    interviewers: list[PersonInput],
    data: CloseInput,
) -> Close:
    return close_log_new(
        owner=owner,
        company_name=company,
        role=role,
        starts_at=starts_at,
        interviewers=interviewers,
        data=data,
        # Logged walking out, as the product intends.
        now=clock.past(starts_at + timedelta(minutes=90)),
    )


def _done(
    close: Close, kind: ActionKind, *, after: datetime | None = None, contact_email: str = ""
) -> None:
    """Mark the open actions of `kind` done, a few hours after `after` (default: the
    interview), as the user would have."""
    actions = Action.objects.filter(interview=close.interview, kind=kind, status=Action.Status.OPEN)
    if contact_email:
        actions = actions.filter(contact__email__iexact=contact_email)
    when = (after or close.interview.starts_at) + timedelta(hours=4)
    for action in actions:
        action_complete(action=action, now=when)
