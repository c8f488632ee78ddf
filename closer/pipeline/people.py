"""What the pipeline knows about people, for the contacts page: everyone met, their role,
when you last spoke, when to reconnect, and who referred whom. A fixed number of queries,
however many people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, tzinfo

from django.contrib.auth.models import User
from django.db.models import Max, Min

from closer.accounts.services import settings_for
from closer.core.calendar import format_day
from closer.core.planner import reconnect_due
from closer.core.records import ActionKind, PlanSettings
from closer.people.models import Contact
from closer.pipeline.models import Action, Interview, Opportunity, Referral
from closer.pipeline.records import referrer_of


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
    # Everyone, drawn or not (see `rows` in people_for).
    total: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)


def people_for(owner: User, *, limit: int | None = None) -> People:
    """Everyone, the next to reconnect with first (then by name); with `limit`, only the first
    that many, and `total` says how many there are."""
    plan_settings = settings_for(owner).plan_settings()
    referrals = list(
        Referral.objects.filter(owner=owner)
        .select_related("person", "referrer", "close__interview__opportunity__company")
        .prefetch_related("close__interview__interviewers")
        .order_by("-close__logged_at")
    )
    found = _everyone(owner, plan_settings, referrals)
    drawn = found if limit is None else found[:limit]
    contacts = Contact.objects.in_bulk([pk for _, pk, *_ in drawn])
    rows = [
        ContactRow(contacts[pk], roles, last, next_reconnect, estimated)
        for _, pk, roles, last, next_reconnect, estimated in drawn
    ]
    chains = _referral_rows(owner, referrals, plan_settings.tz)
    return People(rows=rows, referrals=chains, total=len(found))


_Found = tuple[tuple[bool, date, str], int, list[str], date | None, date | None, bool]


def _everyone(owner: User, plan_settings: PlanSettings, referrals: list[Referral]) -> list[_Found]:
    """Each person's roles, last contact and next reconnect, the next to reconnect with first
    (then by name). Worked out for everyone from a few columns; whole contacts are read only
    for the rows drawn (a heavy user knows 1,500 people, the page shows 50)."""
    zone = plan_settings.tz
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
    referred = {r.person_id for r in referrals}
    recruiters = {r.referrer_id for r in referrals if r.referrer_id}
    found: list[_Found] = []
    everyone = Contact.objects.filter(owner=owner)
    for pk, name, is_ally, last_contact in everyone.values_list(
        "pk", "name", "is_ally", "last_contact"
    ):
        roles = [
            role
            for role, holds in (
                ("interviewer", pk in met),
                ("referral", pk in referred),
                ("referrer", pk in recruiters and pk not in met),
                ("ally", is_ally),
            )
            if holds
        ]
        last_met = met[pk].astimezone(zone).date() if pk in met else None
        last = max((d for d in (last_contact, last_met) if d), default=None)
        planned = reconnects.get(pk)
        next_reconnect = planned.astimezone(zone).date() if planned else None
        estimated = False
        if next_reconnect is None and is_ally and last is not None:
            next_reconnect, estimated = reconnect_due(last, plan_settings).date(), True
        order = (next_reconnect is None, next_reconnect or date.max, name)
        found.append((order, pk, roles or ["contact"], last, next_reconnect, estimated))
    found.sort(key=lambda row: row[0])
    return found


def _referral_rows(owner: User, referrals: list[Referral], zone: tzinfo) -> list[ReferralRow]:
    """Who referred whom, newest first, and what came of each."""
    internal = {
        o.referred_by_id: o
        for o in Opportunity.objects.filter(owner=owner, referred_by__in=referrals)
    }
    outreach = {
        (a.interview_id, a.contact_id): a
        for a in Action.objects.filter(owner=owner, kind=ActionKind.REFERRAL_OUTREACH)
    }
    rows = []
    for referral in referrals:
        interview = referral.close.interview
        referrer = referrer_of(referral, list(interview.interviewers.all()))
        rows.append(
            ReferralRow(
                referral=referral,
                referrer_name=referrer.name if referrer else "your interviewer",
                company=interview.opportunity.company.name,
                outcome=_outcome(
                    internal.get(referral.pk),
                    outreach.get((interview.pk, referral.person_id)),
                    zone,
                ),
            )
        )
    return rows


def _outcome(opportunity: Opportunity | None, outreach: Action | None, zone: tzinfo) -> str:
    if opportunity is not None:
        return f"A new opportunity: {opportunity.role} ({opportunity.get_status_display()})"
    if outreach is None:
        return "Nothing planned yet"
    if outreach.status == Action.Status.DONE:
        return "You reached out"
    if outreach.status == Action.Status.OPEN:
        return f"Reach out by {format_day(outreach.due_at.astimezone(zone).date())}"
    return f"Outreach {outreach.get_status_display()}"
