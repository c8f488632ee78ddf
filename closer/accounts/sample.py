"""Looking around with sample data in the web app: a flag in the person's own session makes
every request act for their sample account (accounts.models.SampleSpace) instead.

The swap is by session only: the sample account cannot be signed in to, and leaving needs no
new sign-in, because the session still belongs to the person all along. Every row is scoped
by owner, so inside the sample nothing of the person's own is found, and the other way round.

A few pages are about the person rather than their data (their account, their coaches, a
note going out by email): inside the sample they are not served, so nothing done there can
reach the real account, and no sample note is ever sent.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from closer.accounts.services import sample_user_of

SESSION_KEY = "closer_sample"

# Served inside the sample for the person themself: the way out, and signing out.
AS_THE_PERSON = frozenset({"accounts:sample_leave", "accounts:sample_delete", "accounts:logout"})
# Not served inside the sample: the pages about the person, and sending a note by email.
NOT_IN_THE_SAMPLE = frozenset({"accounts", "coaching"})
NEVER_SENT = frozenset({"outbox:note_send", "outbox:note_resend", "outbox:note_retry"})


def enter(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = True


def leave(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def person(request: HttpRequest) -> User:
    """Whose request this is: the person, even while they look at their sample data."""
    found: User = getattr(request, "sample_person", None) or request.user  # type: ignore[assignment]
    return found


def swap(request: HttpRequest) -> None:
    """Act for the sample account while the session asks for it. The session is read first:
    a request without that flag (nearly all of them) costs no query here."""
    if not request.session.get(SESSION_KEY) or not request.user.is_authenticated:
        return
    sample = sample_user_of(request.user)
    if sample is None:
        leave(request)  # deleted meanwhile, from another tab or the command line
        return
    # HttpRequest declares neither; the templates read `sample_space` (accounts.context).
    request.sample_person = request.user  # type: ignore[attr-defined]
    request.user = sample


def guard(request: HttpRequest) -> HttpResponse | None:
    """Inside the sample, serve the way out as the person, and refuse what must not be done
    with sample data; None lets the view run."""
    real = getattr(request, "sample_person", None)
    match = request.resolver_match
    if real is None or match is None:
        return None
    if match.view_name in AS_THE_PERSON:
        request.user = real
        return None
    if match.namespace in NOT_IN_THE_SAMPLE:
        messages.info(
            request,
            "That page is about your own account, not the sample. Choose “Back to my own” first.",
        )
        return redirect("pipeline:today")
    if match.view_name in NEVER_SENT:
        messages.info(
            request,
            "Sample notes are never sent. Copy one, or download it as a file, to see how it "
            "would look.",
        )
        back: HttpResponse = redirect("outbox:note", **match.kwargs)
        return back
    return None
