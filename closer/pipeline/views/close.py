"""Log the close: the screen used in the corridor right after an interview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from closer.accounts.services import user_now
from closer.core.inputs import timing_conflict
from closer.core.text import join_names
from closer.pipeline import services
from closer.pipeline.access import get_interview_for_user
from closer.pipeline.forms import CloseForm
from closer.pipeline.models import Interview
from closer.pipeline.timing import describe, timing_read
from closer.web.http import AuthedRequest


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def close_log(request: AuthedRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request, pk)
    now = user_now(request.user)
    if request.method == "POST":
        form = CloseForm(request.POST, interview=interview, now=now)
        if form.is_valid():
            data = form.to_input()
            services.close_log(interview=interview, data=data, now=now)
            messages.success(request, "Close logged. Here is your plan.")
            for notice in close_notices(interview, data):
                messages.info(request, notice)
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


def close_notices(interview: Interview, data: services.CloseInput) -> list[str]:
    """What the user should know about the close just saved, before its plan comes due."""
    notices = []
    conflict = timing_conflict(data.expected_date, data.latest_date)
    if conflict:
        notices.append(conflict)
    unreachable = [c.name for c in interview.interviewers.all() if not c.email]
    if unreachable:
        notices.append(
            f"No email address on file for {join_names(unreachable)}: add it on Contacts "
            "before the thank-you is due, or send that note yourself."
        )
    return notices


@login_required
@require_safe
def timing_reading(request: AuthedRequest, pk: int) -> HttpResponse:
    """The live reading of what the user is typing into a timing field of the close form."""
    interview = get_interview_for_user(request, pk)
    words = request.GET.get("expected_words") or request.GET.get("latest_words") or ""
    # The owner's calendar, as the form that saves the words reads them (a coach may look).
    deadline = timing_read(owner=interview.owner, words=words, said_at=interview.starts_at)
    return render(request, "pipeline/_reading.html", {"reading": describe(words, deadline)})
