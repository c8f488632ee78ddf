"""Correcting the record: an opportunity's details, its company's name, merging two into one,
deleting; rescheduling, cancelling and deleting an interview; editing a referral lead.

Each view finds the user's own object first (a stranger gets 404, a coach 403 even on the
form), then calls one service. Deletes ask first and say what goes with the object; what
went can be undone from the message that follows, or from Recent changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from closer.accounts.access import READ_ONLY
from closer.accounts.services import user_now
from closer.core.text import join_names
from closer.pipeline import services
from closer.pipeline.access import (
    get_interview_for_user,
    get_opportunity_for_user,
    get_referral_for_user,
)
from closer.pipeline.consequences import delete_consequences
from closer.pipeline.edit_forms import (
    CompanyRenameForm,
    MergeForm,
    OpportunityEditForm,
    ReferralForm,
    interview_initial,
)
from closer.pipeline.forms import InterviewForm
from closer.pipeline.models import Opportunity
from closer.pipeline.views.changes import changed_message, undo_message
from closer.web.http import AuthedRequest

GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


def writable(request: AuthedRequest) -> None:
    """Correcting is the owner's alone: a coach who may read the page may not see the form."""
    if getattr(request, "read_only", False):
        raise PermissionDenied(READ_ONLY)


def edit_page(request: AuthedRequest, form: Any, **context: Any) -> HttpResponse:
    """The one page every correction uses: a heading, the form, save and cancel."""
    return render(request, "pipeline/edit.html", {"form": form, **context})


def confirm_page(request: AuthedRequest, obj: Model, **context: Any) -> HttpResponse:
    """Ask before a delete, saying what goes with the object."""
    return render(
        request, "pipeline/confirm_delete.html", {"goes": delete_consequences(obj), **context}
    )


def _detail(opportunity_id: int, anchor: str = "") -> str:
    return reverse("pipeline:opportunity_detail", args=[opportunity_id]) + anchor


# --- opportunities --------------------------------------------------------------------------


@login_required
@GET_OR_POST
def opportunity_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    writable(request)
    initial = OpportunityEditForm.initial_for(opportunity)
    form = OpportunityEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.opportunity_update(
                opportunity=opportunity, edit=form.edit(), now=user_now(request.user)
            )
        except services.EditError as exc:
            form.add_error(None, str(exc))
        else:
            changed_message(request, change, "Saved; the plan and your unsent notes follow.")
            return redirect(_detail(opportunity.pk))
    return edit_page(
        request,
        form,
        title=f"Edit {opportunity.role} at {opportunity.company.name}",
        submit="Save the changes",
        cancel=_detail(opportunity.pk),
    )


@login_required
@GET_OR_POST
def company_rename(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    writable(request)
    company = opportunity.company
    form = CompanyRenameForm(request.POST or None, initial={"name": company.name})
    if request.method == "POST" and form.is_valid():
        try:
            renamed = services.company_rename(
                company=company, name=form.cleaned_data["name"], now=user_now(request.user)
            )
        except services.EditError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, f"Renamed to {renamed.name}, everywhere it appears.")
            return redirect(_detail(opportunity.pk))
    others = company.opportunities.exclude(pk=opportunity.pk).count()
    also = f" and {others} other opportunit{'y' if others == 1 else 'ies'} there" if others else ""
    return edit_page(
        request,
        form,
        title=f"Rename {company.name}",
        intro=f"The new name applies to this opportunity{also}.",
        submit="Rename",
        cancel=_detail(opportunity.pk),
    )


@login_required
@GET_OR_POST
def opportunity_merge(request: AuthedRequest, pk: int) -> HttpResponse:
    keep = get_opportunity_for_user(request, pk)
    writable(request)
    others = Opportunity.objects.filter(owner=request.user).exclude(pk=keep.pk)
    choices = [(o.pk, f"{o.role} at {o.company.name}") for o in others.select_related("company")]
    form = MergeForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        other = get_opportunity_for_user(request, form.cleaned_data["other"])
        try:
            services.opportunity_merge(keep=keep, other=other, now=user_now(request.user))
        except services.EditError as exc:
            form.add_error("other", str(exc))
        else:
            messages.success(request, f"Merged {other.role} at {other.company.name} into this one.")
            return redirect(_detail(keep.pk))
    return edit_page(
        request,
        form,
        title=f"Merge into {keep.role} at {keep.company.name}",
        intro="For two entries that are the same job: the other one's interviews, answers and "
        "history join this one, and the other entry goes.",
        submit="Merge",
        cancel=_detail(keep.pk),
    )


@login_required
@GET_OR_POST
def opportunity_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(request, pk)
    writable(request)
    if request.method == "POST":
        change = services.opportunity_delete(opportunity=opportunity, now=user_now(request.user))
        undo_message(request, f"Deleted {opportunity.role} at {opportunity.company.name}.", change)
        return redirect("pipeline:opportunity_list")
    return confirm_page(
        request,
        opportunity,
        title=f"Delete {opportunity.role} at {opportunity.company.name}?",
        cancel=_detail(opportunity.pk),
    )


# --- interviews -----------------------------------------------------------------------------


@login_required
@GET_OR_POST
def interview_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request, pk)
    writable(request)
    form = InterviewForm(request.POST or None, initial=interview_initial(interview))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = services.interview_update(
                interview=interview,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                interviewers=data["interviewers"],
                now=user_now(request.user),
            )
        except services.EditError as exc:
            form.add_error(None, str(exc))
        else:
            changed_message(request, change, "Saved; the plan moved with the interview.")
            return redirect(_detail(interview.opportunity_id, f"#interview-{interview.pk}"))
    opportunity = interview.opportunity
    return edit_page(
        request,
        form,
        title=f"Round {interview.round} for {opportunity.role} at {opportunity.company.name}",
        intro="A new time moves the evening to prepare, the thank-you and the follow-ups.",
        submit="Save the interview",
        cancel=_detail(opportunity.pk, f"#interview-{interview.pk}"),
    )


@login_required
@require_POST
def interview_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request, pk)
    try:
        change = services.interview_cancel(interview=interview, now=user_now(request.user))
    except services.EditError as exc:
        messages.error(request, str(exc))
    else:
        undo_message(request, f"Round {interview.round} is called off; its plan is gone.", change)
    return redirect(_detail(interview.opportunity_id, f"#interview-{interview.pk}"))


@login_required
@GET_OR_POST
def interview_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    interview = get_interview_for_user(request, pk)
    writable(request)
    opportunity = interview.opportunity
    if request.method == "POST":
        change = services.interview_delete(interview=interview, now=user_now(request.user))
        undo_message(request, f"Deleted round {interview.round}.", change)
        return redirect(_detail(opportunity.pk))
    return confirm_page(
        request,
        interview,
        title=f"Delete round {interview.round} for {opportunity.role} at "
        f"{opportunity.company.name}?",
        cancel=_detail(opportunity.pk, f"#interview-{interview.pk}"),
    )


# --- referral leads -------------------------------------------------------------------------


@login_required
@GET_OR_POST
def referral_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    referral = get_referral_for_user(request, pk)
    writable(request)
    interview = referral.close.interview
    # Who may have suggested them: anyone met at that interview, or anyone met at all.
    people = list(interview.interviewers.all())
    if referral.referrer is not None and referral.referrer not in people:
        people.append(referral.referrer)
    initial = ReferralForm.initial_for(referral)
    form = ReferralForm(request.POST or None, people=people, initial=initial)
    back = _detail(interview.opportunity_id, f"#interview-{interview.pk}")
    if request.method == "POST" and form.is_valid():
        change = services.referral_update(
            referral=referral, edit=form.edit(), now=user_now(request.user)
        )
        changed_message(request, change, f"Saved the referral to {referral.person.name}.")
        return redirect(back)
    names = join_names(p.name for p in people) or "nobody named"
    return edit_page(
        request,
        form,
        title=f"Referral to {referral.person.name}",
        intro=f"At this interview you met {names}.",
        submit="Save the referral",
        cancel=back,
        delete=reverse("pipeline:referral_delete", args=[referral.pk]),
    )


@login_required
@GET_OR_POST
def referral_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    referral = get_referral_for_user(request, pk)
    writable(request)
    opportunity_id = referral.close.interview.opportunity_id
    if request.method == "POST":
        change = services.referral_delete(referral=referral, now=user_now(request.user))
        undo_message(request, f"Deleted the referral to {referral.person.name}.", change)
        return redirect(_detail(opportunity_id))
    return confirm_page(
        request,
        referral,
        title=f"Delete the referral to {referral.person.name}?",
        intro="The person stays in your contacts; an opportunity the lead opened stays too.",
        cancel=reverse("pipeline:referral_edit", args=[referral.pk]),
    )
