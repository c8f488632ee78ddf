"""What the templates show of an action, shared by every page that lists them (Today, the
plan, the note links)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from closer.core.calendar import format_day
from closer.core.countdown import countdown
from closer.core.labels import ACTION_LABELS
from closer.core.notes import is_message
from closer.core.records import ActionKind
from closer.pipeline.models import Action
from closer.web.links import url_with_pk


@dataclass(frozen=True)
class ActionRow:
    """One action as the templates draw it. Everything a row shows is worked out here, once:
    Today can list dozens of rows, and in a template each lookup, URL and date filter costs
    far more than the same step in Python (see BENCHMARKS.md)."""

    action: Action
    pk: str
    label: str
    contact: str
    summary: str
    company: str
    status: str
    is_open: bool
    overdue: bool
    due_iso: str
    due_text: str
    # (css class, text) of each tag after the due time: overdue or today, a finished status,
    # late, snoozed, and "due tonight, 5 h left" on an open thank-you.
    tags: list[tuple[str, str]]
    urls: ActionUrls
    # The day in the snooze box (tomorrow, or what was typed) and what was wrong with it.
    snooze_value: str = ""
    snooze_error: str = ""
    is_message: bool = False
    # Whether the note links of an open message are fetched by htmx just after the page;
    # else the row keeps only the plain "Write the note" link.
    load_notes: bool = False


@dataclass(frozen=True)
class ActionUrls:
    done: str
    skip: str
    snooze: str
    note: str
    note_links: str
    opportunity: str
    # The close card, for the evening before a round.
    card: str = ""


def label(action: Action) -> str:
    return ACTION_LABELS[ActionKind(action.kind)]


def summary(action: Action) -> str:
    """One line naming the action, for button labels and messages."""
    parts = [label(action)]
    if action.contact:
        parts.append(action.contact.name)
    parts.append(action.opportunity.company.name)
    return ", ".join(parts)


def action_urls(action: Action) -> ActionUrls:
    return ActionUrls(
        done=url_with_pk("pipeline:action_done", action.pk),
        skip=url_with_pk("pipeline:action_skip", action.pk),
        snooze=url_with_pk("pipeline:action_snooze", action.pk),
        note=url_with_pk("outbox:note", action.pk),
        note_links=url_with_pk("outbox:note_links", action.pk),
        opportunity=url_with_pk("pipeline:opportunity_detail", action.opportunity_id),
        card=url_with_pk("pipeline:card", action.opportunity_id)
        if action.kind == ActionKind.PREPARE_ROUND
        else "",
    )


def action_rows(
    actions: Iterable[Action], now: datetime, *, load_notes: bool = True
) -> list[ActionRow]:
    """Rows for the templates. Drafting a note costs a few queries, so no note is drafted
    with the page: with `load_notes` each row fetches its note links by htmx right after,
    else it keeps the plain link. A page's query count then stays the same however many
    rows it lists."""
    today = now.date()
    tomorrow = (today + timedelta(days=1)).isoformat()
    rows = []
    for a in actions:
        is_open = a.status == Action.Status.OPEN
        overdue = is_open and a.due_at < now
        due = a.due_at.astimezone(now.tzinfo)
        rows.append(
            ActionRow(
                action=a,
                pk=str(a.pk),
                label=label(a),
                contact=a.contact.name if a.contact else "",
                summary=summary(a),
                company=a.opportunity.company.name,
                status=a.status,
                is_open=is_open,
                overdue=overdue,
                due_iso=due.isoformat(),
                due_text=f"{format_day(due.date())}, {due:%H:%M}",
                tags=_tags(a, now, is_open=is_open, overdue=overdue, today=due.date() == today),
                urls=action_urls(a),
                snooze_value=tomorrow,
                is_message=is_message(a.kind),
                load_notes=load_notes,
            )
        )
    return rows


def _tags(
    action: Action, now: datetime, *, is_open: bool, overdue: bool, today: bool
) -> list[tuple[str, str]]:
    tags = []
    if not is_open:
        tags.append(("", action.get_status_display()))
    elif overdue:
        tags.append(("tag-overdue", "overdue"))
    elif today:
        tags.append(("tag-today", "today"))
    if action.late:
        tags.append(("", "late"))
    if is_open and action.snoozed_until:
        tags.append(("", "snoozed"))
    if is_open and is_message(action.kind) and action.contact and not action.contact.email:
        # Said before it is due, while there is time to find the address.
        tags.append(("warn", "no email address on file"))
    if is_open and action.kind == ActionKind.THANK_YOU:
        left = countdown(action.due_at, now)
        if left:
            tags.append(("tag-countdown", left))
    return tags
