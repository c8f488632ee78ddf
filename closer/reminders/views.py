"""The Calendar page (feed, download, import, email reminders) and the two token-opened
URLs: the feed itself and the one-click unsubscribe.

The feed token is shown once, in the response to the POST that made it, and never put in a
redirect, a message or a log line."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from closer.accounts.services import user_now
from closer.mail.policy import email_configured
from closer.reminders import feed as feeds
from closer.reminders import services
from closer.reminders.access import get_feed_for_token, get_feed_for_user, get_prefs_for_user
from closer.reminders.forms import FeedOptionsForm, IcsUploadForm, InviteChoiceForm, PrefsForm
from closer.reminders.importing import (
    Choice,
    ImportProblem,
    Invite,
    describe_when,
    invites_import,
    invites_read,
)
from closer.reminders.links import read_unsubscribe_token
from closer.reminders.models import Reminder
from closer.reminders.selectors import reminder_address, reminders_recent
from closer.web.http import AuthedRequest, attachment

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _no_referrer(response: HttpResponse) -> HttpResponse:
    # A link clicked inside a page that shows the feed URL must not carry it elsewhere.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _page(request: AuthedRequest, *, new_url: str = "", upload: IcsUploadForm | None = None,
          status: int = 200) -> HttpResponse:  # fmt: skip
    feed = get_feed_for_user(request)
    prefs = get_prefs_for_user(request)
    context = {
        "feed": feed,
        "new_url": new_url,
        "options_form": FeedOptionsForm(
            initial={"enabled": feed.enabled, "titles_only": feed.titles_only} if feed else None
        ),
        "prefs_form": PrefsForm(
            initial={
                "digest_on": prefs.digest_on,
                "digest_hour": prefs.digest_hour,
                "nudge_on": prefs.nudge_on,
            }
        ),
        "upload_form": upload or IcsUploadForm(),
        "address": reminder_address(request.user),
        "email_configured": email_configured(),
        "recent": reminders_recent(request.user),
    }
    response = render(request, "reminders/calendar.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return _no_referrer(response)


@login_required
@require_safe
def calendar(request: AuthedRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def feed_rotate(request: AuthedRequest) -> HttpResponse:
    had = get_feed_for_user(request)
    token = feeds.feed_rotate(user=request.user)
    if had:
        messages.success(
            request, "Here is your new calendar address. The old one has stopped working."
        )
    return _page(request, new_url=feeds.feed_url(token))


@login_required
@require_POST
def feed_options(request: AuthedRequest) -> HttpResponse:
    feed = get_feed_for_user(request)
    form = FeedOptionsForm(request.POST)
    if feed is None or not form.is_valid():
        messages.error(request, "Make a calendar address first.")
        return HttpResponseRedirect(reverse("reminders:calendar"))
    feeds.feed_options_save(feed=feed, **form.cleaned_data)
    state = "on" if feed.enabled else "off"
    messages.success(request, f"Saved. Your calendar feed is {state}.")
    return HttpResponseRedirect(reverse("reminders:calendar"))


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribed calendar. Calendar apps ask again every few minutes: one that sends
    back the ETag or the date it was given is told "not modified" (304) while nothing
    changed, and downloads nothing."""
    found = get_feed_for_token(token)
    now = user_now(found.user)
    body = feeds.build_calendar(found.user, now=now, titles_only=found.titles_only)
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    changed = int(feeds.feed_changed_at(found.user, found, now).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=changed)
    if response is None:
        response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(changed)
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return _no_referrer(response)


@login_required
@require_safe
def download(request: AuthedRequest) -> HttpResponse:
    body = feeds.build_calendar(request.user, now=user_now(request.user))
    return _no_referrer(attachment(body, CALENDAR_TYPE, "closer.ics"))


@login_required
@require_POST
def import_preview(request: AuthedRequest) -> HttpResponse:
    form = IcsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload=form, status=400)
    raw = form.cleaned_data["file"].read()
    try:
        invites = invites_read(raw, user=request.user)
    except ImportProblem as exc:
        form.add_error("file", str(exc))
        return _page(request, upload=form, status=400)
    return _preview(request, raw.decode("utf-8", "replace"), invites)


def _preview(
    request: HttpRequest,
    text: str,
    invites: Sequence[Invite],
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    rows = [
        {
            "invite": invite,
            "when": describe_when(invite),
            # A repeating or all-day event is rarely an interview: offered, not ticked.
            "picked": not (invite.all_day or invite.repeats),
            "company": request.POST.get(f"company_{invite.number}", invite.company),
            "role": request.POST.get(f"role_{invite.number}", invite.role),
        }
        for invite in invites
    ]
    context = {"rows": rows, "ics": text, "error": error}
    return render(request, "reminders/import_preview.html", context, status=status)


@login_required
@require_POST
def import_confirm(request: AuthedRequest) -> HttpResponse:
    text = request.POST.get("ics", "")
    try:
        invites = invites_read(text, user=request.user)
    except ImportProblem as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("reminders:calendar"))
    choices = []
    for invite in invites:
        if not request.POST.get(f"pick_{invite.number}"):
            continue
        chosen = InviteChoiceForm(
            {
                "company": request.POST.get(f"company_{invite.number}", ""),
                "role": request.POST.get(f"role_{invite.number}", ""),
            }
        )
        if not chosen.is_valid():
            problems = " ".join(
                f"{name.capitalize()}: {' '.join(map(str, errors))}"
                for name, errors in chosen.errors.items()
            )
            error = f"“{invite.title}”: {problems}"
            return _preview(request, text, invites, error=error, status=400)
        choices.append(Choice(invite.number, **chosen.cleaned_data))
    if not choices:
        return _preview(request, text, invites, error="Tick at least one event.", status=400)
    try:
        created = invites_import(user=request.user, invites=invites, choices=choices)
    except ImportProblem as exc:
        return _preview(request, text, invites, error=str(exc), status=400)
    skipped = len(choices) - len(created)
    note = f" ({skipped} already in Closer)" if skipped else ""
    messages.success(request, f"Added {len(created)} interview{'s'[: len(created) != 1]}{note}.")
    return HttpResponseRedirect(reverse("pipeline:opportunity_list"))


@login_required
@require_POST
def prefs(request: AuthedRequest) -> HttpResponse:
    found = get_prefs_for_user(request)
    form = PrefsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an hour between 00:00 and 23:00.")
    else:
        services.prefs_save(prefs=found, **form.cleaned_data)
        messages.success(request, "Saved your email reminders.")
    return HttpResponseRedirect(reverse("reminders:calendar"))


# Mail apps send RFC 8058 one-click unsubscribes as a POST with no cookie or CSRF token; the
# signed token in the URL is the authentication.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = read_unsubscribe_token(token)
    kind = found[1] if found else ""
    if found is None or kind not in Reminder.Kind.values:
        response = render(request, "reminders/unsubscribe.html", {"bad": True}, status=404)
        return _no_referrer(response)
    done = False
    if request.method == "POST":
        done = services.unsubscribe(token=token) is not None
    context = {"label": Reminder.Kind(kind).label, "done": done, "token": token}
    return _no_referrer(render(request, "reminders/unsubscribe.html", context))
