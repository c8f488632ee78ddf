"""Today, the board, an opportunity with its history, new opportunities and interviews,
answers and the close card.

Every view is thin: it finds the user's own object (a stranger gets 404), parses input with a
form, calls one service and renders or redirects. Times are shown and read in the user's zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from closer.accounts import sample
from closer.accounts.services import user_now
from closer.core.calendar import format_day
from closer.core.labels import ANSWER_KIND_LABELS, CLOSE_ANSWER_LABELS, PERMISSION_LABELS
from closer.core.records import AnswerKind, CloseAnswer, Permission
from closer.people.models import Contact
from closer.pipeline import selectors, services
from closer.pipeline.access import get_opportunity_for_user
from closer.pipeline.demo import demo_load
from closer.pipeline.edit_forms import NewInterviewForm, OpportunityDetailsForm
from closer.pipeline.forms import AnswerForm
from closer.pipeline.history import history_for
from closer.pipeline.models import Action, Answer, Close, Interview, Opportunity, Referral
from closer.pipeline.rows import ActionRow, action_rows
from closer.web.http import AuthedRequest, one_of


@dataclass(frozen=True)
class InterviewRow:
    interview: Interview
    interviewers: list[Contact]
    close: Close | None
    answer_label: str = ""
    permission_label: str = ""
    next_round_with: list[Contact] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    # What came back after it, while the close still says no decision (or was never logged).
    later_answer: str = ""
    upcoming: bool = False


def _later_answer(interview: Interview, answers: list[Answer], until: datetime | None) -> str:
    """The first answer received after this interview (and before the next one)."""
    for answer in sorted(answers, key=lambda a: a.received_at):
        if answer.received_at >= interview.starts_at and (
            until is None or answer.received_at < until
        ):
            label = ANSWER_KIND_LABELS[AnswerKind(answer.kind)]
            return f"{label}, {format_day(timezone.localdate(answer.received_at))}"
    return ""


def _interview_rows(
    interviews: list[Interview], answers: list[Answer], now: datetime
) -> list[InterviewRow]:
    rows = []
    for position, interview in enumerate(interviews):
        interviewers = list(interview.interviewers.all())
        following = interviews[position + 1].starts_at if position + 1 < len(interviews) else None
        later = _later_answer(interview, answers, following)
        try:
            close = interview.close
        except Close.DoesNotExist:
            rows.append(
                InterviewRow(
                    interview=interview,
                    interviewers=interviewers,
                    close=None,
                    later_answer=later,
                    upcoming=interview.starts_at > now,
                )
            )
            continue
        rows.append(
            InterviewRow(
                interview=interview,
                interviewers=interviewers,
                close=close,
                answer_label=_close_answer(close, later),
                permission_label=PERMISSION_LABELS[Permission(close.permission)],
                next_round_with=list(close.next_round_with.all()),
                referrals=list(close.referrals.all()),
            )
        )
    return rows


def _close_answer(close: Close, later: str) -> str:
    label = CLOSE_ANSWER_LABELS[CloseAnswer(close.answer)]
    if CloseAnswer(close.answer) is CloseAnswer.PENDING and later:
        return f"{label} at the time; then: {later}"
    return label


def _opportunity_page(
    request: AuthedRequest, opportunity: Opportunity, answer_form: AnswerForm | None = None
) -> HttpResponse:
    now = user_now(request.user)
    actions = list(selectors.plan_for(opportunity))
    interviews = selectors.interviews_in_full(opportunity)
    answers = list(opportunity.answers.all())
    open_actions = [a for a in actions if a.status == Action.Status.OPEN]
    return render(
        request,
        "pipeline/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "interviews": _interview_rows(interviews, answers, now),
            "open_actions": action_rows(open_actions, now),
            "history": history_for(
                opportunity, interviews=interviews, actions=actions, answers=answers
            ),
            "answer_form": answer_form or AnswerForm(),
            "now": now,
        },
    )


# Opportunities drawn per board column; the rest come with "Show all" (?show=<column>).
BOARD_ITEMS = 20
# Rows drawn per Today group; the rest come with "Show all" (?show=<group>). A long list helps
# nobody on a phone, and it keeps the page's cost flat however much is open.
TODAY_ROWS = 10


@dataclass(frozen=True)
class TodayGroup:
    key: str
    title: str
    rows: list[ActionRow]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def today(request: AuthedRequest) -> HttpResponse:
    """What is due. With nothing due this week, the next action however far ahead; with no
    opportunity at all, the first-run page, whose one POST opens the sample data."""
    if request.method == "POST":
        return _look_around(request)
    now = user_now(request.user)
    found = selectors.actions_today(
        request.user, now, rows=TODAY_ROWS, show_all=one_of(request, "show", selectors.GROUPS)
    )

    def group(key: str, title: str, **options: Any) -> TodayGroup:
        rows = action_rows(getattr(found, key), now, **options)
        return TodayGroup(key, title, rows, found.totals[key])

    groups = [
        group("overdue", "Overdue"),
        group("today", "Due today"),
        # Not due yet: their notes can wait for a tap, rather than a request each on load.
        group("upcoming", "Coming up this week", load_notes=False),
    ]
    next_row, first_run = None, False
    if found.empty:
        # Every action belongs to an opportunity: with none, this is the first run.
        first_run = not selectors.opportunities_for(request.user).exists()
        following = None if first_run else selectors.action_next(request.user)
        if following is not None:
            next_row = action_rows([following], now, load_notes=False)[0]
    context = {"now": now, "groups": groups, "empty": found.empty, "first_run": first_run}
    return render(request, "pipeline/today.html", {**context, "next": next_row})


def _look_around(request: AuthedRequest) -> HttpResponse:
    """Load the sample pipeline into the person's sample space if it is not there yet, and
    switch this session to it (accounts.sample): their own data is never touched."""
    person = sample.person(request)
    demo_load(owner=person, now=user_now(person))
    sample.enter(request)
    return redirect("pipeline:today")


@login_required
@require_safe
def opportunity_list(request: AuthedRequest) -> HttpResponse:
    """The board: a column per status, each opportunity with its next action and a move
    control."""
    columns = selectors.board_for(
        request.user,
        items=BOARD_ITEMS,
        show_all=one_of(request, "show", selectors.BOARD_COLUMN_KEYS),
    )
    return render(
        request,
        "pipeline/opportunity_list.html",
        {
            "columns": columns,
            "empty": not any(c.items for c in columns),
            "now": user_now(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_new(request: AuthedRequest) -> HttpResponse:
    form = OpportunityDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opportunity = services.opportunity_create(
            owner=request.user,
            company_name=data["company"],
            role=data["role"],
            status=data["status"],
            sales_role=data["sales_role"],
            senior=data["senior"],
            details=form.details(),
            now=user_now(request.user),
        )
        messages.success(request, "Saved. Add the interview when you have a date.")
        return redirect("pipeline:opportunity_detail", pk=opportunity.pk)
    return render(request, "pipeline/opportunity_new.html", {"form": form})


@login_required
@require_safe
def opportunity_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    return _opportunity_page(request, opportunity)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def interview_new(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    form = NewInterviewForm(request.POST or None, opportunity=opportunity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.interview_create(
            opportunity=opportunity,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            interviewers=data["interviewers"],
            reopen=data.get("reopen", False),
        )
        messages.success(request, "Interview added. Read the close card before you go in.")
        return redirect("pipeline:opportunity_detail", pk=opportunity.pk)
    return render(
        request, "pipeline/interview_new.html", {"opportunity": opportunity, "form": form}
    )


@login_required
@require_POST
def answer_record(request: AuthedRequest, pk: int) -> HttpResponse:
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
def card(request: AuthedRequest, pk: int) -> HttpResponse:
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
