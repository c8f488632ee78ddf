"""What the pipeline templates show about actions, shared by every page that lists them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from closer.core.notes import is_message
from closer.pipeline.labels import KIND_LABELS
from closer.pipeline.models import Action


def redirect_back(request: HttpRequest) -> HttpResponseRedirect:
    """To the page the user came from (a local URL only), else Today."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("pipeline:today")


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@dataclass(frozen=True)
class ActionRow:
    action: Action
    label: str
    overdue: bool
    due_today: bool
    # The default day offered by the snooze box: tomorrow.
    snooze_default: str = ""
    # Whether the full note links are drawn with the page (else they load just after it).
    inline_notes: bool = False

    @property
    def summary(self) -> str:
        return summary(self.action)

    @property
    def is_message(self) -> bool:
        return is_message(self.action.kind)


def label(action: Action) -> str:
    return KIND_LABELS.get(action.kind, action.get_kind_display())


def summary(action: Action) -> str:
    """One line naming the action, for button labels and messages."""
    parts = [label(action)]
    if action.contact:
        parts.append(action.contact.name)
    parts.append(action.interview.opportunity.company.name)
    return ", ".join(parts)


def action_rows(
    actions: Iterable[Action], now: datetime, *, inline_notes: int = 0
) -> list[ActionRow]:
    """Rows for the templates. Drafting a note costs a few queries, so only the first
    `inline_notes` message actions get their note links with the page; the others load them
    by htmx right after. A page's query count then stays the same however many it lists."""
    today = now.date()
    tomorrow = (today + timedelta(days=1)).isoformat()
    rows = []
    inline_left = inline_notes
    for a in actions:
        inline = inline_left > 0 and a.status == Action.Status.OPEN and is_message(a.kind)
        inline_left -= inline
        rows.append(
            ActionRow(
                action=a,
                label=label(a),
                overdue=a.status == Action.Status.OPEN and a.due_at < now,
                due_today=timezone.localtime(a.due_at, now.tzinfo).date() == today,
                snooze_default=tomorrow,
                inline_notes=inline,
            )
        )
    return rows
