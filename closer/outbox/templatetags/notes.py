"""The note links and the thank-you countdown on each planned action (Today, the plan).

{% load notes %}
{{ row.action|countdown:now }}      "due tonight, 5 h left" for an open thank-you
{% note_links row.action %}         write / email app / .eml / copy / send, and the state
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template

from closer.core import notes as core
from closer.core.countdown import countdown as countdown_text
from closer.core.records import ActionKind
from closer.outbox import selectors
from closer.outbox.sending import sending_problem
from closer.pipeline.models import Action

register = template.Library()


@register.filter
def countdown(action: Action, now: datetime | None) -> str:
    if now is None or action.kind != ActionKind.THANK_YOU or action.status != Action.Status.OPEN:
        return ""
    return countdown_text(action.due_at, now)


@register.inclusion_tag("outbox/_note_links.html", takes_context=True)
def note_links(context: dict[str, Any], action: Action, summary: str = "") -> dict[str, Any]:
    if not core.is_message(action.kind) or action.status != Action.Status.OPEN:
        return {"show": False}
    now: datetime | None = context.get("now")
    request = context.get("request")
    if not now:
        return {"show": False}
    view = selectors.note_view(action, now=now)
    return {
        "show": True,
        "action": action,
        "view": view,
        "summary": summary,
        "state": selectors.note_state(view.note, now),
        "can_send": bool(core.addresses(view.to))
        and view.editable
        and sending_problem(action.owner) is None,
        "next": context.get("next", ""),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
