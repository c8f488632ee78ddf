"""Reads. Every selector takes the owner, so no query can wander into another user's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from closer.accounts.services import settings_for
from closer.core.card import Card, CardInput, build_card
from closer.core.labels import ACTION_LABELS, STATUS_LABELS
from closer.core.records import ActionKind
from closer.core.status import CLOSED
from closer.pipeline.models import Action, Answer, Close, Interview, Opportunity, Referral

UPCOMING_DAYS = 7


class OpportunityNotFound(LookupError):
    """No opportunity, or several, match what the user typed. The message says which."""


def actions_open(owner: User) -> QuerySet[Action]:
    return (
        Action.objects.filter(owner=owner, status=Action.Status.OPEN)
        .select_related("opportunity__company", "contact")
        .order_by("due_at", "kind")
    )


# What Today and `closer today` show of each action. Reading only these (rather than every
# column of five joined tables, timestamps that SQLite returns as text among them) makes the
# busiest page's query about a fifth cheaper. Anything else read from these rows would cost a
# query each: tests/pipeline/test_query_counts.py would notice.
TODAY_FIELDS = (
    "owner_id",
    "kind",
    "step",
    "due_at",
    "reason",
    "late",
    "status",
    "snoozed_until",
    "contact__name",
    "contact__email",
    "opportunity__role",
    "opportunity__company__name",
)


GROUPS = ("overdue", "today", "upcoming")


@dataclass
class Today:
    now: datetime
    overdue: list[Action] = field(default_factory=list)
    today: list[Action] = field(default_factory=list)
    upcoming: list[Action] = field(default_factory=list)
    # How many each group holds, drawn or not (see `rows` below).
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.totals.values())


def actions_today(
    owner: User, now: datetime, *, rows: int | None = None, show_all: str = ""
) -> Today:
    """Open actions that are overdue, due later today (in `now`'s zone), or due within a week.
    Thank-you notes lead the day: they have the shortest fuse (tonight).

    With `rows`, each group holds only its first `rows` actions (all of them for the group
    named `show_all`), and `totals` says how many there are. Two plain queries: the due times
    of everything open this week, then the whole rows of only those drawn, so the cost stays
    flat however much is open (a single windowed query costs Django more to build)."""
    start_of_tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    horizon = start_of_tomorrow + timedelta(days=UPCOMING_DAYS)

    def group_of(due_at: datetime) -> str:
        return "overdue" if due_at < now else "today" if due_at < start_of_tomorrow else "upcoming"

    open_this_week = actions_open(owner).filter(due_at__lt=horizon)
    grouped: dict[str, list[tuple[bool, datetime, str, int]]] = {g: [] for g in GROUPS}
    for pk, due_at, kind in open_this_week.values_list("pk", "due_at", "kind"):
        group = group_of(due_at)
        thank_you_first = not (group == "today" and kind == ActionKind.THANK_YOU)
        grouped[group].append((thank_you_first, due_at, kind, pk))
    result = Today(now=now, totals={g: len(found) for g, found in grouped.items()})
    drawn: dict[int, tuple[str, int]] = {}
    for group, found in grouped.items():
        found.sort()
        shown = found if rows is None or group == show_all else found[:rows]
        drawn.update((pk, (group, place)) for place, (*_, pk) in enumerate(shown))
    if not drawn:
        return result
    for action in sorted(
        open_this_week.filter(pk__in=list(drawn)).only(*TODAY_FIELDS), key=lambda a: drawn[a.pk]
    ):
        getattr(result, drawn[action.pk][0]).append(action)
    return result


# --- the board ------------------------------------------------------------------------------

Status = Opportunity.Status
# The open stages, one column each; the closed ones (core.status.CLOSED) share the last.
BOARD_COLUMNS = [
    (status, STATUS_LABELS[status])
    for status in (Status.WISHLIST, Status.APPLIED, Status.INTERVIEWING, Status.OFFER)
]
assert {s for s, _ in BOARD_COLUMNS} | CLOSED == set(Status), "every status has a column"
BOARD_COLUMN_KEYS = frozenset([*(s.value for s, _ in BOARD_COLUMNS), "closed"])


@dataclass
class BoardItem:
    """One opportunity on the board, with its next open action."""

    opportunity: Opportunity
    next_action: Action | None

    @property
    def next_label(self) -> str:
        if self.next_action is None:
            return ""
        return ACTION_LABELS[ActionKind(self.next_action.kind)]


@dataclass
class BoardColumn:
    key: str
    title: str
    items: list[BoardItem] = field(default_factory=list)
    collapsed: bool = False
    # How many opportunities the column holds; `items` may draw only the first of them.
    total: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.items)


def board_for(owner: User, *, items: int, show_all: str = "") -> list[BoardColumn]:
    """Opportunities by status, newest first, each with its next open action. Each column
    draws its first `items` (all of them for the column named `show_all`): a column of
    hundreds is read as a list, not a wall of move forms. Three queries, however many."""
    column_of = Case(
        *(When(status=key, then=Value(key)) for key, _ in BOARD_COLUMNS),
        default=Value("closed"),
    )
    mine = Opportunity.objects.filter(owner=owner).annotate(column=column_of)
    # Keyed by plain strings: the statuses' values and "closed", as the `column` annotation.
    columns: dict[str, BoardColumn] = {
        key: BoardColumn(key=key, title=title) for key, title in BOARD_COLUMNS
    }
    columns["closed"] = BoardColumn(key="closed", title="Closed", collapsed=True)
    for row in mine.values("column").annotate(n=Count("pk")).order_by():
        columns[row["column"]].total = row["n"]
    # Numbered within each column, so one query fetches the first few of every column.
    ranked = mine.annotate(
        rank=Window(RowNumber(), partition_by=[F("column")], order_by=_NEWEST_FIRST)
    )
    drawn = list(
        ranked.filter(Q(rank__lte=items) | Q(column=show_all))
        .select_related("company")
        .order_by(*_NEWEST_FIRST)
    )
    next_actions: dict[int, Action] = {}
    # Open actions come in due order, so the first one seen per opportunity is its next step.
    for action in actions_open(owner).filter(opportunity__in=[o.pk for o in drawn]):
        next_actions.setdefault(action.opportunity_id, action)
    for opportunity in drawn:
        item = BoardItem(opportunity, next_actions.get(opportunity.pk))
        columns[opportunity.column].items.append(item)
    return list(columns.values())


_NEWEST_FIRST = [F("created_at").desc(), F("pk").desc()]


def opportunities_for(owner: User) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(owner=owner).select_related("company")


def opportunity_find(owner: User, query: str) -> Opportunity:
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
        Action.objects.filter(opportunity=opportunity)
        .select_related("opportunity__company", "contact")
        .order_by("due_at", "kind")
    )


def interviews_for(opportunity: Opportunity) -> QuerySet[Interview]:
    return (
        opportunity.interviews.select_related("close")
        .prefetch_related("interviewers")
        .order_by("starts_at")
    )


def interviews_in_full(opportunity: Opportunity) -> list[Interview]:
    """Interviews with their close, interviewers, next-round people and referrals: what the
    opportunity page and its timeline show, in four queries."""
    referrals = Referral.objects.select_related("person", "referrer")
    return list(
        interviews_for(opportunity).prefetch_related(
            "close__next_round_with", Prefetch("close__referrals", queryset=referrals)
        )
    )


def lessons_for(owner: User, *, before: datetime | None = None) -> tuple[str, ...]:
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
    opportunity = action.opportunity
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


def action_next(owner: User) -> Action | None:
    """The open action due soonest, however far ahead: what Today names when nothing is due
    this week. One query, reading what a Today row shows."""
    return actions_open(owner).only(*TODAY_FIELDS).first()
