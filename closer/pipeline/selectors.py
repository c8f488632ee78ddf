"""Reads. Every selector takes the owner, so no query can wander into another user's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from closer.accounts.services import settings_for
from closer.core.card import Card, CardInput, build_card
from closer.core.records import ActionKind
from closer.pipeline.labels import ANSWER_KIND_LABELS, ANSWER_LABELS, KIND_LABELS
from closer.pipeline.models import Action, Answer, Close, Interview, Opportunity, Referral

if TYPE_CHECKING:
    from closer.outbox.models import Note

UPCOMING_DAYS = 7


class OpportunityNotFound(LookupError):
    """No opportunity, or several, match what the user typed. The message says which."""


def actions_open(owner: AbstractBaseUser) -> QuerySet[Action]:
    return (
        Action.objects.filter(owner=owner, status=Action.Status.OPEN)
        .select_related("interview__opportunity__company", "contact")
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
    "interview__opportunity__role",
    "interview__opportunity__company__name",
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
    owner: AbstractBaseUser, now: datetime, *, rows: int | None = None, show_all: str = ""
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
BOARD_COLUMNS = [
    (Status.WISHLIST, "Wishlist"),
    (Status.APPLIED, "Applied"),
    (Status.INTERVIEWING, "Interviewing"),
    (Status.OFFER, "Offer"),
]
CLOSED_STATUSES = [Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.GONE_QUIET]


@dataclass
class BoardCard:
    opportunity: Opportunity
    next_action: Action | None

    @property
    def next_label(self) -> str:
        if self.next_action is None:
            return ""
        return KIND_LABELS.get(self.next_action.kind, self.next_action.kind)


@dataclass
class BoardColumn:
    key: str
    title: str
    cards: list[BoardCard] = field(default_factory=list)
    collapsed: bool = False
    # How many opportunities the column holds; `cards` may draw only the first of them.
    total: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


def board_for(owner: AbstractBaseUser, *, cards: int, show_all: str = "") -> list[BoardColumn]:
    """Opportunities by status, newest first, each with its next open action. Each column
    draws its first `cards` (all of them for the column named `show_all`): a column of
    hundreds is read as a list, not a wall of move forms. Three queries, however many."""
    column_of = Case(
        *(When(status=key, then=Value(key)) for key, _ in BOARD_COLUMNS),
        default=Value("closed"),
    )
    mine = Opportunity.objects.filter(owner=owner).annotate(column=column_of)
    columns = {key: BoardColumn(key=key, title=title) for key, title in BOARD_COLUMNS}
    columns["closed"] = BoardColumn(key="closed", title="Closed", collapsed=True)
    for row in mine.values("column").annotate(n=Count("pk")).order_by():
        columns[row["column"]].total = row["n"]
    # Numbered within each column, so one query fetches the first few of every column.
    ranked = mine.annotate(
        rank=Window(RowNumber(), partition_by=[F("column")], order_by=_NEWEST_FIRST)
    )
    drawn = list(
        ranked.filter(Q(rank__lte=cards) | Q(column=show_all))
        .select_related("company")
        .order_by(*_NEWEST_FIRST)
    )
    next_actions: dict[int, Action] = {}
    # Open actions come in due order, so the first one seen per opportunity is its next step.
    for action in actions_open(owner).filter(interview__opportunity__in=[o.pk for o in drawn]):
        next_actions.setdefault(action.interview.opportunity_id, action)
    for opportunity in drawn:
        card = BoardCard(opportunity, next_actions.get(opportunity.pk))
        columns[opportunity.column].cards.append(card)
    return list(columns.values())


_NEWEST_FIRST = [F("created_at").desc(), F("pk").desc()]


# --- the opportunity timeline ---------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str  # interview, close, referral, answer, action, note
    title: str
    detail: str = ""


def timeline_for(
    opportunity: Opportunity, *, interviews: list[Interview], actions: list[Action]
) -> list[TimelineEvent]:
    """Everything that happened on an opportunity, newest first. Built from what the page has
    loaded already (`interviews_in_full`, `plan_for` with notes): one more query, answers."""
    events: list[TimelineEvent] = []
    for interview in interviews:
        names = ", ".join(c.name for c in interview.interviewers.all())
        events.append(
            TimelineEvent(
                interview.starts_at,
                "interview",
                f"Round {interview.round} interview",
                f"With {names}" if names else "",
            )
        )
        close = interview.close if _has_close(interview) else None
        if close is None:
            continue
        asked = "You asked for the job. " if close.asked_for_job else ""
        events.append(
            TimelineEvent(
                close.logged_at,
                "close",
                f"Close logged: {ANSWER_LABELS.get(close.answer, close.answer)}",
                f"{asked}{close.feedback}".strip(),
            )
        )
        for referral in close.referrals.all():
            by = referral.referrer.name if referral.referrer else names or "your interviewer"
            where = "another role at this company" if referral.internal else "outside"
            events.append(
                TimelineEvent(
                    close.logged_at,
                    "referral",
                    f"Referral: {referral.person.name}",
                    f"Suggested by {by} ({where}).",
                )
            )
    for answer in opportunity.answers.all():
        events.append(
            TimelineEvent(
                answer.received_at,
                "answer",
                f"Answer: {ANSWER_KIND_LABELS.get(answer.kind, answer.kind)}",
                answer.feedback,
            )
        )
    for action in actions:
        who = f" · {action.contact.name}" if action.contact else ""
        finished = action.status in (Action.Status.DONE, Action.Status.SKIPPED)
        if finished and action.completed_at is not None:
            verb = "Done" if action.status == Action.Status.DONE else "Skipped"
            label = KIND_LABELS.get(action.kind, action.kind)
            events.append(TimelineEvent(action.completed_at, "action", f"{verb}: {label}{who}"))
        note = _sent_note(action)
        if note is not None:
            to = action.contact.name if action.contact else note.to
            events.append(TimelineEvent(note.sent_at, "note", f"Note sent to {to}", note.subject))
    return sorted(events, key=lambda e: e.at, reverse=True)


def _sent_note(action: Action) -> Note | None:
    from closer.outbox.models import Note  # outbox builds on pipeline, not the other way

    note = getattr(action, "note", None)  # a reverse one-to-one raises when missing
    if note is None or note.status != Note.Status.SENT or note.sent_at is None:
        return None
    return note


def _has_close(interview: Interview) -> bool:
    try:
        interview.close  # noqa: B018 (a reverse one-to-one raises when missing)
    except Close.DoesNotExist:
        return False
    return True


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


def interviews_in_full(opportunity: Opportunity) -> list[Interview]:
    """Interviews with their close, interviewers, next-round people and referrals: what the
    opportunity page and its timeline show, in four queries."""
    referrals = Referral.objects.select_related("person", "referrer")
    return list(
        interviews_for(opportunity).prefetch_related(
            "close__next_round_with", Prefetch("close__referrals", queryset=referrals)
        )
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
