"""Coaching pages: the client's own page (invite, revoke, comments) and the coach's pages
(the dashboard of clients and a read-only view of one client's pipeline)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from closer.accounts import selectors as accounts_selectors
from closer.accounts import services as accounts_services
from closer.accounts.links import absolute_url
from closer.accounts.models import Coaching
from closer.accounts.services import InvitationError, user_now
from closer.coaching import selectors, services
from closer.coaching.forms import CommentForm, InviteForm
from closer.pipeline import selectors as pipeline_selectors
from closer.pipeline.models import Opportunity
from closer.web.http import AuthedRequest


def get_coaching_for_user(request: AuthedRequest, pk: int) -> Coaching:
    """Only the client who gave the consent can see or revoke it."""
    found = Coaching.objects.filter(pk=pk, owner_id=request.user.pk).first()
    if found is None:
        raise Http404("No such coach.")
    return found


def get_client_for_coach(request: AuthedRequest, pk: int) -> User:
    client = accounts_selectors.client_for_coach(request.user, pk)
    if client is None:
        raise Http404("No such client.")
    return client


def get_opportunity_for_comment(request: AuthedRequest, pk: int) -> Opportunity:
    """The owner and a consenting coach may both comment; anyone else gets 404."""
    found = Opportunity.objects.select_related("company").filter(pk=pk).first()
    if found is None or not (
        found.owner_id == request.user.pk
        or accounts_selectors.is_coach_of(request.user, found.owner_id)
    ):
        raise Http404("No such opportunity.")
    return found


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coaching(request: AuthedRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invited = accounts_services.coaching_invite(
            owner=request.user,
            email=form.cleaned_data["email"],
            base_url=absolute_url(request, "/"),
        )
        email = invited.coaching.email
        if invited.sending.failed:
            messages.error(
                request,
                f"The invitation to {email} is saved but the email did not go: "
                f"{invited.sending.error} Invite them again in a moment.",
            )
        else:
            messages.success(request, f"Invitation sent to {email}.")
        return redirect("coaching:coaching")
    return render(
        request,
        "coaching/coaching.html",
        {
            "form": form,
            "coachings": accounts_selectors.coachings_for(request.user),
            "comments": selectors.comments_for(request.user)[:50],
        },
    )


@login_required
@require_POST
def coaching_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_coaching_for_user(request, pk)
    accounts_services.coaching_revoke(coaching=found)
    messages.success(request, f"{found.email} no longer sees your pipeline.")
    return redirect("coaching:coaching")


@require_http_methods(["GET", "HEAD", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = accounts_services.invitation_for(token)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            accounts_services.coaching_accept(coach=request.user, token=token)
        except InvitationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "You are now their coach.")
            return redirect("coaching:dashboard")
    return render(request, "coaching/accept.html", {"invitation": invitation, "token": token})


@login_required
@require_safe
def dashboard(request: AuthedRequest) -> HttpResponse:
    rows = selectors.clients_of(request.user, user_now(request.user))
    return render(request, "coaching/dashboard.html", {"rows": rows})


@login_required
@require_safe
def client(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_client_for_coach(request, pk)
    now = user_now(request.user)
    actions = pipeline_selectors.actions_open(found)
    return render(
        request,
        "coaching/client.html",
        {
            "client": found,
            "opportunities": pipeline_selectors.opportunities_for(found),
            "overdue": [a for a in actions if a.due_at < now],
            "upcoming": [a for a in actions if a.due_at >= now][:20],
            "comments": selectors.comments_for(found)[:50],
            "form": CommentForm(),
            "read_only": True,
        },
    )


@login_required
@require_POST
def comment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_comment(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(
            opportunity=opportunity, author=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, "Comment added.")
    else:
        messages.error(request, "Write something before adding a comment.")
    if opportunity.owner_id == request.user.pk:
        return redirect("coaching:coaching")
    return redirect("coaching:client", pk=opportunity.owner_id)
