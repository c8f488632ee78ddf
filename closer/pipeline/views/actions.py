"""Acting on the plan: done, snooze, skip (inline with htmx, or a plain form post), and moving
an opportunity on the board.

With htmx the response is the fragment that replaces the row; without it, a redirect back to
the page the user came from, with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from closer.accounts.services import user_now
from closer.core.calendar import format_day
from closer.pipeline import services
from closer.pipeline.access import get_action_for_user, get_opportunity_for_user
from closer.pipeline.forms import MoveForm, SnoozeForm
from closer.pipeline.models import Action, Change
from closer.pipeline.rows import action_rows, summary
from closer.pipeline.views.changes import undo_message
from closer.web.http import AuthedRequest, is_htmx, redirect_back
from closer.web.links import url_with_pk


def _resolved(request: HttpRequest, action: Action, text: str, change: Change) -> HttpResponse:
    if is_htmx(request):
        context = {
            "action": action,
            "text": text,
            "undo": url_with_pk("pipeline:change_undo", change.pk),
            "next": request.POST.get("next", ""),
        }
        return render(request, "pipeline/_action_resolved.html", context)
    undo_message(request, text, change)
    return redirect_back(request, reverse("pipeline:today"))


@login_required
@require_POST
def action_done(request: AuthedRequest, pk: int) -> HttpResponse:
    return _finished(request, pk, services.action_complete, "Done")


@login_required
@require_POST
def action_skip(request: AuthedRequest, pk: int) -> HttpResponse:
    return _finished(request, pk, services.action_skip, "Skipped")


def _finished(
    request: AuthedRequest, pk: int, service: Callable[..., Change], verb: str
) -> HttpResponse:
    action = get_action_for_user(request, pk)
    change = service(action=action, now=user_now(request.user))
    return _resolved(request, action, f"{verb}: {summary(action)}.", change)


@login_required
@require_POST
def action_snooze(request: AuthedRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    now = user_now(request.user)
    form = SnoozeForm(request.POST, now=now)
    if not form.is_valid():
        # An ErrorList yields its messages as str (django-stubs types them ValidationError | str).
        problem = " ".join(str(e) for e in form.errors.get("until", []))
        if is_htmx(request):
            # The row again, the problem next to the date box, the typed day kept.
            typed = request.POST.get("until", "")
            row = replace(action_rows([action], now)[0], snooze_value=typed, snooze_error=problem)
            return render(
                request,
                "pipeline/_action.html",
                {
                    "row": row,
                    "now": now,
                    "next": request.POST.get("next", ""),
                    "show_company": True,
                },
            )
        messages.error(request, f"Not snoozed: {problem}")
        return redirect_back(request, reverse("pipeline:today"))
    until = form.cleaned_data["until"]
    change = services.action_snooze(action=action, until=until, now=now)
    text = f"Snoozed to {format_day(until)}: {summary(action)}."
    return _resolved(request, action, text, change)


@login_required
@require_POST
def opportunity_move(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        change = services.opportunity_move(
            opportunity=opportunity, status=form.cleaned_data["status"], now=user_now(request.user)
        )
        opportunity.refresh_from_db(fields=["status"])
        undo_message(
            request,
            f"{opportunity.company.name} moved to {opportunity.get_status_display()}; "
            "the plan is up to date.",
            change,
        )
    else:
        messages.error(request, "Choose where to move it.")
    return redirect("pipeline:opportunity_list")
