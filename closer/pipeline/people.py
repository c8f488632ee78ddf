"""What the pipeline knows about people, for the contacts page: everyone met, their role,
when you last spoke, when to reconnect, and who referred whom. A fixed number of queries,
however many people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from django.contrib.auth.models import User
from django.db.models import Max, Min

from closer.accounts.services import settings_for
from closer.core.calendar import format_day
from closer.core.planner import reconnect_due
from closer.core.records import ActionKind
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


def people_for(owner: User, now: datetime, *, limit: int | None = None) -> People:
    """Everyone, the next to reconnect with first (then by name); with `limit`, only the first
    that many, and `total` says how many there are."""
    plan_settings = settings_for(owner).plan_settings()
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
    referrals = list(
        Referral.objects.filter(owner=owner)
        .select_related("person", "referrer", "close__interview__opportunity__company")
        .prefetch_related("close__interview__interviewers")
        .order_by("-close__logged_at")
    )
    referred = {r.person_id for r in referrals}
    recruiters = {r.referrer_id for r in referrals if r.referrer_id}

    # Worked out for everyone from a few columns; whole contacts are read only for the rows
    # drawn (a heavy user knows 1,500 people, the page shows 50).
    found = []
    everyone = Contact.objects.filter(owner=owner)
    for pk, name, is_ally, last_contact in everyone.values_list(
        "pk", "name", "is_ally", "last_contact"
    ):
        roles = []
        if pk in met:
            roles.append("interviewer")
        if pk in referred:
            roles.append("referral")
        if pk in recruiters and pk not in met:
            roles.append("referrer")
        if is_ally:
            roles.append("ally")
        last_met = met[pk].astimezone(zone).date() if pk in met else None
        last = max((d for d in (last_contact, last_met) if d), default=None)
        planned = reconnects.get(pk)
        next_reconnect = planned.astimezone(zone).date() if planned else None
        estimated = False
        if next_reconnect is None and is_ally and last is not None:
            next_reconnect, estimated = reconnect_due(last, plan_settings).date(), True
        # The next to reconnect with first, then by name.
        order = (next_reconnect is None, next_reconnect or date.max, name)
        found.append((order, pk, roles or ["contact"], last, next_reconnect, estimated))
    found.sort(key=lambda row: row[0])
    drawn = found if limit is None else found[:limit]
    contacts = Contact.objects.in_bulk([pk for _, pk, *_ in drawn])
    rows = [ContactRow(contacts[pk], *rest) for _, pk, *rest in drawn]

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
        referrer = referrer_of(referral, list(interview.interviewers.all()))
        by = referrer.name if referrer else "your interviewer"
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
    return People(rows=rows, referrals=referral_rows, total=len(found))


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
