"""The web pages: Today, opportunities, interviews, the close form and the close card.

Every view is thin: it finds the user's own object (a stranger gets 404), parses input with a
form, calls one service and renders or redirects. Times are shown and read in the user's zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from closer.accounts.services import user_now
from closer.core.records import AnswerKind
from closer.people.models import Contact
from closer.pipeline import selectors, services
from closer.pipeline.access import (
    get_action_for_user,
    get_interview_for_user,
    get_opportunity_for_user,
)
from closer.pipeline.forms import (
    ANSWER_CHOICES,
    ANSWER_KIND_CHOICES,
    PERMISSION_CHOICES,
    AnswerForm,
    CloseForm,
    InterviewForm,
    OpportunityForm,
)
from closer.pipeline.labels import KIND_LABELS
from closer.pipeline.models import Action, Close, Interview, Opportunity, Referral
from closer.pipeline.timing import describe, timing_read

ANSWER_LABELS = dict(ANSWER_CHOICES)
PERMISSION_LABELS = dict(PERMISSION_CHOICES)
ANSWER_KIND_LABELS = dict(ANSWER_KIND_CHOICES)


def _redirect_back(request: HttpRequest) -> HttpResponseRedirect:
    """To the page the user came from (a local URL only), else Today."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("pipeline:today")


# --- what the templates show --------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    action: Action
    label: str
    overdue: bool
    due_today: bool

    @property
    def summary(self) -> str:
        return _summary(self.action)


def _label(action: Action) -> str:
    return KIND_LABELS.get(action.kind, action.get_kind_display())


def _summary(action: Action) -> str:
    """One line naming the action, for button labels and messages."""
    parts = [_label(action)]
    if action.contact:
        parts.append(action.contact.name)
    parts.append(action.interview.opportunity.company.name)
    return ", ".join(parts)


def _action_rows(actions: Iterable[Action], now: datetime) -> list[ActionRow]:
    today = now.date()
    return [
        ActionRow(
            action=a,
            label=_label(a),
            overdue=a.status == Action.Status.OPEN and a.due_at < now,
            due_today=timezone.localtime(a.due_at, now.tzinfo).date() == today,
        )
        for a in actions
    ]


@dataclass(frozen=True)
class InterviewRow:
    interview: Interview
    interviewers: list[Contact]
    close: Close | None
    answer_label: str = ""
    permission_label: str = ""
    next_round_with: list[Contact] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)


def _interview_rows(opportunity: Opportunity) -> list[InterviewRow]:
    rows = []
    for interview in selectors.interviews_for(opportunity):
        interviewers = list(interview.interviewers.all())
        try:
            close = interview.close
        except Close.DoesNotExist:
            rows.append(InterviewRow(interview=interview, interviewers=interviewers, close=None))
            continue
        rows.append(
            InterviewRow(
                interview=interview,
                interviewers=interviewers,
                close=close,
                answer_label=ANSWER_LABELS.get(close.answer, close.answer),
                permission_label=PERMISSION_LABELS.get(close.permission, close.permission),
                next_round_with=list(close.next_round_with.all()),
                referrals=list(close.referrals.select_related("person")),
            )
        )
    return rows


def _opportunity_page(
    request: HttpRequest, opportunity: Opportunity, answer_form: AnswerForm | None = None
) -> HttpResponse:
    now = user_now(request.user)
    plan = _action_rows(selectors.plan_for(opportunity), now)
    answers = [
        (answer, ANSWER_KIND_LABELS.get(answer.kind, answer.kind))
        for answer in opportunity.answers.all()
    ]
    return render(
        request,
        "pipeline/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "interviews": _interview_rows(opportunity),
            "open_actions": [r for r in plan if r.action.status == Action.Status.OPEN],
            "past_actions": [r for r in plan if r.action.status != Action.Status.OPEN],
            "answers": answers,
            "answer_form": answer_form or AnswerForm(),
            "now": now,
        },
    )


# --- pages --------------------------------------------------------------------------------------


@login_required
@require_safe
def today(request: HttpRequest) -> HttpResponse:
    now = user_now(request.user)
    found = selectors.actions_today(request.user, now)
    groups = [
        ("overdue", "Overdue", _action_rows(found.overdue, now)),
        ("today", "Due today", _action_rows(found.today, now)),
        ("upcoming", "Coming up this week", _action_rows(found.upcoming, now)),
    ]
    return render(
        request, "pipeline/today.html", {"now": now, "groups": groups, "empty": found.empty}
    )


@login_required
@require_safe
def opportunity_list(request: HttpRequest) -> HttpResponse:
    now = user_now(request.user)
    # Open actions come in due order, so the first one seen per opportunity is its next step.
    next_actions: dict[int, ActionRow] = {}
    for row in _action_rows(selectors.actions_open(request.user), now):
        next_actions.setdefault(row.action.interview.opportunity_id, row)
    rows = [(o, next_actions.get(o.pk)) for o in selectors.opportunities_for(request.user)]
    return render(request, "pipeline/opportunity_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_new(request: HttpRequest) -> HttpResponse:
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opportunity = services.opportunity_create(
            owner=request.user,
            company_name=data["company"],
            role=data["role"],
            status=data["status"],
            sales_role=data["sales_role"],
            senior=data["senior"],
        )
        messages.success(request, "Saved. Add the interview when you have a date.")
        return redirect("pipeline:opportunity_detail", pk=opportunity.pk)
    return render(request, "pipeline/opportunity_new.html", {"form": form})


@login_required
@require_safe
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    return _opportunity_page(request, opportunity)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def interview_new(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    form = InterviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.interview_create(
            opportunity=opportunity,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            interviewers=data["interviewers"],
        )
        messages.success(request, "Interview added. Read the close card before you go in.")
        return redirect("pipeline:opportunity_detail", pk=opportunity.pk)
    return render(
        request, "pipeline/interview_new.html", {"opportunity": opportunity, "form": form}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def close_log(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request, pk)
    now = user_now(request.user)
    if request.method == "POST":
        form = CloseForm(request.POST, interview=interview, now=now)
        if form.is_valid():
            services.close_log(interview=interview, data=form.to_input(), now=now)
            messages.success(request, "Close logged. Here is your plan.")
            url = reverse("pipeline:opportunity_detail", args=[interview.opportunity_id])
            return HttpResponseRedirect(f"{url}#plan")
    else:
        form = CloseForm(interview=interview, now=now, initial=CloseForm.initial_for(interview))
    return render(
        request,
        "pipeline/close_form.html",
        {
            "interview": interview,
            "opportunity": interview.opportunity,
            "interviewers": list(interview.interviewers.all()),
            "editing": bool(form.initial),
            "form": form,
        },
    )


@login_required
@require_safe
def timing_reading(request: HttpRequest, pk: int) -> HttpResponse:
    """The live reading of what the user is typing into a timing field of the close form."""
    interview = get_interview_for_user(request, pk)
    words = request.GET.get("expected_words") or request.GET.get("latest_words") or ""
    deadline = timing_read(owner=request.user, words=words, said_at=interview.starts_at)
    return render(request, "pipeline/_reading.html", {"reading": describe(words, deadline)})


@login_required
@require_POST
def answer_record(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _opportunity_page(request, opportunity, answer_form=form)
    data = form.cleaned_data
    services.answer_record(
        opportunity=opportunity,
        kind=AnswerKind(data["kind"]),
        received_at=user_now(request.user),
        offer_deadline=data["offer_deadline"],
        next_round_at=data["next_round_at"],
        feedback=data["feedback"],
    )
    messages.success(request, "Answer recorded. The plan is up to date.")
    url = reverse("pipeline:opportunity_detail", args=[opportunity.pk])
    return HttpResponseRedirect(f"{url}#plan")


@login_required
@require_safe
def card(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    interview = selectors.interviews_for(opportunity).last()
    return render(
        request,
        "pipeline/card.html",
        {
            "opportunity": opportunity,
            "interview": interview,
            "card": selectors.card_for(opportunity, interview),
        },
    )


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    services.action_complete(action=action, now=user_now(request.user))
    messages.success(request, f"Done: {_summary(action)}.")
    return _redirect_back(request)


@login_required
@require_POST
def action_skip(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    services.action_skip(action=action, now=user_now(request.user))
    messages.success(request, f"Skipped: {_summary(action)}.")
    return _redirect_back(request)
