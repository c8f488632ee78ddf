"""Recent changes, and Undo: from the message that follows a change, in place of an action row
(htmx), or from the list of recent changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from closer.accounts.services import user_now
from closer.pipeline import services
from closer.pipeline.access import get_action_for_user, get_change_for_user
from closer.pipeline.history import recent_changes
from closer.pipeline.models import Change
from closer.pipeline.rows import action_rows
from closer.web.http import AuthedRequest, is_htmx, redirect_back

# Django messages carry this tag with the change's id; base.html draws an Undo button for it.
UNDO_TAG = "undo-"


def undo_message(request: HttpRequest, text: str, change: Change | None) -> None:
    """A success message that offers Undo for `change` (when there is one)."""
    tags = f"{UNDO_TAG}{change.pk}" if change is not None and change.undo is not None else ""
    messages.success(request, text, extra_tags=tags)


def changed_message(request: HttpRequest, change: Change | None, text: str) -> None:
    messages.success(request, text if change is not None else "Nothing needed changing.")


@login_required
@require_safe
def change_list(request: AuthedRequest) -> HttpResponse:
    now = user_now(request.user)
    changes = recent_changes(request.user, now)
    return render(request, "pipeline/change_list.html", {"changes": changes, "now": now})


@login_required
@require_POST
def change_undo(request: AuthedRequest, pk: int) -> HttpResponse:
    change = get_change_for_user(request, pk)
    now = user_now(request.user)
    try:
        services.change_undo(change=change, now=now)
    except services.UndoError as exc:
        messages.error(request, str(exc))
        return redirect_back(request, reverse("pipeline:change_list"))
    action_id = (change.undo or {}).get("action")
    if is_htmx(request) and action_id is not None:
        # In place of the "Done: …" line: the action's row again, as it was.
        action = get_action_for_user(request, action_id)
        row = action_rows([action], now)[0]
        context = {
            "row": row,
            "now": now,
            "next": request.POST.get("next", ""),
            "show_company": True,
        }
        return render(request, "pipeline/_action.html", context)
    messages.success(request, f"Undone: {change.summary}.")
    return redirect_back(request, reverse("pipeline:change_list"))
