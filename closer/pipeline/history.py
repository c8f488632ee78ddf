"""An opportunity's history: everything that happened on it, newest first.

The pipeline knows its own events (interviews, closes, referrals, answers, actions done or
skipped). Apps above it add theirs through `history_source` (the outbox adds each note it
sent), so this module never imports them: each source is handed the opportunity's actions,
already loaded, and may cost the page one query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User

from closer.core.labels import ACTION_LABELS, ANSWER_KIND_LABELS, CLOSE_ANSWER_LABELS
from closer.core.records import ActionKind, AnswerKind, CloseAnswer
from closer.pipeline.models import Action, Answer, Change, Close, Interview, Opportunity
from closer.pipeline.records import referrer_of
from closer.pipeline.services.changes import can_undo
from closer.web.links import url_with_pk

# Changes that finish or put off an action: the history shows the action itself instead.
ACTION_CHANGES = ("action", "note_marked_sent")
# How many changes the Recent changes page lists.
RECENT_CHANGES = 50


@dataclass(frozen=True)
class HistoryEvent:
    at: datetime
    kind: str  # interview, close, referral, answer, action, note, change
    title: str
    detail: str = ""


HistorySource = Callable[[Sequence[Action]], Iterable[HistoryEvent]]
_SOURCES: list[HistorySource] = []


def history_source(source: HistorySource) -> HistorySource:
    """Register `source` (an app's AppConfig.ready does) to add its events to every history."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def history_for(
    opportunity: Opportunity,
    *,
    interviews: list[Interview],
    actions: list[Action],
    answers: list[Answer] | None = None,
) -> list[HistoryEvent]:
    """Everything that happened on an opportunity, newest first. Built from what the page has
    loaded already (`interviews_in_full`, `plan_for`): one more query for the answers, and
    one per registered source."""
    events = [event for interview in interviews for event in _interview_events(interview)]
    for answer in opportunity.answers.all() if answers is None else answers:
        label = ANSWER_KIND_LABELS[AnswerKind(answer.kind)]
        events.append(
            HistoryEvent(answer.received_at, "answer", f"Answer: {label}", answer.feedback)
        )
    for action in actions:
        finished = action.status in (Action.Status.DONE, Action.Status.SKIPPED)
        if finished and action.completed_at is not None:
            verb = "Done" if action.status == Action.Status.DONE else "Skipped"
            who = f" · {action.contact.name}" if action.contact else ""
            label = ACTION_LABELS[ActionKind(action.kind)]
            events.append(HistoryEvent(action.completed_at, "action", f"{verb}: {label}{who}"))
    # Corrections, cancellations, moves and undos; a Done or Skip shows as the action above.
    for change in opportunity.changes.exclude(kind__in=ACTION_CHANGES):
        events.append(HistoryEvent(change.at, "change", change.summary, change.detail))
    for source in _SOURCES:
        events.extend(source(actions))
    return sorted(events, key=lambda e: e.at, reverse=True)


def _interview_events(interview: Interview) -> list[HistoryEvent]:
    interviewers = list(interview.interviewers.all())
    names = ", ".join(c.name for c in interviewers)
    events = [
        HistoryEvent(
            interview.starts_at,
            "interview",
            f"Round {interview.round} interview",
            f"With {names}" if names else "",
        )
    ]
    close = _close_of(interview)
    if close is None:
        return events
    asked = "You asked for the job. " if close.asked_for_job else ""
    answer = CLOSE_ANSWER_LABELS[CloseAnswer(close.answer)]
    events.append(
        HistoryEvent(
            close.logged_at, "close", f"Close logged: {answer}", f"{asked}{close.feedback}".strip()
        )
    )
    for referral in close.referrals.all():
        referrer = referrer_of(referral, interviewers)
        by = referrer.name if referrer else "your interviewer"
        where = "another role at this company" if referral.internal else "outside"
        events.append(
            HistoryEvent(
                close.logged_at,
                "referral",
                f"Referral: {referral.person.name}",
                f"Suggested by {by} ({where}).",
            )
        )
    return events


def _close_of(interview: Interview) -> Close | None:
    try:
        return interview.close
    except Close.DoesNotExist:  # a reverse one-to-one raises when missing
        return None


@dataclass(frozen=True)
class ChangeRow:
    change: Change
    undoable: bool
    opportunity_url: str


def recent_changes(owner: User, now: datetime) -> list[ChangeRow]:
    """The user's latest changes, newest first, each with whether Undo is still on offer."""
    changes = Change.objects.filter(owner=owner).select_related("opportunity__company")
    return [
        ChangeRow(
            change,
            can_undo(change, now),
            url_with_pk("pipeline:opportunity_detail", change.opportunity_id)
            if change.opportunity_id
            else "",
        )
        for change in changes[:RECENT_CHANGES]
    ]
