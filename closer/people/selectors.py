"""Reads for the contacts page: everyone met, their role, when you last spoke, when to
reconnect, and who referred whom. A fixed number of queries, however many people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Min

from closer.accounts.services import settings_for
from closer.core.records import ActionKind
from closer.people.models import Contact
from closer.pipeline.models import Action, Interview, Opportunity, Referral


@dataclass
class ContactRow:
    contact: Contact
    roles: list[str]
    last_contact: date | None
    next_reconnect: date | None
    # True when no reconnect is planned and the date only follows from the cadence.
    reconnect_estimated: bool = False


@dataclass
class ReferralRow:
    referral: Referral
    referrer_name: str
    company: str
    outcome: str


@dataclass
class People:
    rows: list[ContactRow] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)


def people_for(owner: AbstractBaseUser, now: datetime) -> People:
    prefs = settings_for(owner)
    zone = prefs.zone
    cadence = timedelta(days=prefs.plan_settings().reconnect_days)

    met = {
        row["contact_id"]: row["last"]
        for row in Interview.interviewers.through.objects.filter(contact__owner=owner)
        .values("contact_id")
        .annotate(last=Max("interview__starts_at"))
    }
    reconnects = {
        row["contact_id"]: row["due"]
        for row in Action.objects.filter(
            owner=owner, kind=ActionKind.RECONNECT, status=Action.Status.OPEN
        )
        .values("contact_id")
        .annotate(due=Min("due_at"))
    }
    referrals = list(
        Referral.objects.filter(owner=owner)
        .select_related("person", "referrer", "close__interview__opportunity__company")
        .prefetch_related("close__interview__interviewers")
        .order_by("-close__logged_at")
    )
    referred = {r.person_id for r in referrals}
    recruiters = {r.referrer_id for r in referrals if r.referrer_id}

    rows = []
    for contact in Contact.objects.filter(owner=owner).order_by("name"):
        roles = []
        if contact.pk in met:
            roles.append("interviewer")
        if contact.pk in referred:
            roles.append("referral")
        if contact.pk in recruiters and contact.pk not in met:
            roles.append("referrer")
        if contact.is_ally:
            roles.append("ally")
        last_met = met[contact.pk].astimezone(zone).date() if contact.pk in met else None
        last = max((d for d in (contact.last_contact, last_met) if d), default=None)
        planned = reconnects.get(contact.pk)
        next_reconnect = planned.astimezone(zone).date() if planned else None
        estimated = False
        if next_reconnect is None and contact.is_ally and last is not None:
            next_reconnect, estimated = last + cadence, True
        rows.append(ContactRow(contact, roles or ["contact"], last, next_reconnect, estimated))

    internal = {
        o.referred_by_id: o
        for o in Opportunity.objects.filter(owner=owner, referred_by__in=referrals)
    }
    outreach = {
        (a.interview_id, a.contact_id): a
        for a in Action.objects.filter(owner=owner, kind=ActionKind.REFERRAL_OUTREACH)
    }
    referral_rows = []
    for referral in referrals:
        interview = referral.close.interview
        interviewers = list(interview.interviewers.all())
        if referral.referrer:
            by = referral.referrer.name
        else:
            by = interviewers[0].name if interviewers else "your interviewer"
        referral_rows.append(
            ReferralRow(
                referral=referral,
                referrer_name=by,
                company=interview.opportunity.company.name,
                outcome=_outcome(
                    internal.get(referral.pk),
                    outreach.get((interview.pk, referral.person_id)),
                    zone,
                ),
            )
        )
    return People(rows=rows, referrals=referral_rows)


def _outcome(opportunity: Opportunity | None, outreach: Action | None, zone: tzinfo) -> str:
    if opportunity is not None:
        return f"A new opportunity: {opportunity.role} ({opportunity.get_status_display()})"
    if outreach is None:
        return "Nothing planned yet"
    if outreach.status == Action.Status.DONE:
        return "You reached out"
    if outreach.status == Action.Status.OPEN:
        due = outreach.due_at.astimezone(zone)
        return f"Reach out by {due:%a} {due.day} {due:%b}"
    return f"Outreach {outreach.get_status_display()}"
