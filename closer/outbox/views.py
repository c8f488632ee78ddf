"""The note page of an action (draft, copy, email app, .eml, send, "I sent it myself") and
the outbox. The pages where people reword Closer's notes are in template_views.

Every view starts from `get_note_action_for_user`: a stranger's action, or an action that is
a private reminder, is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from closer.accounts.services import settings_for, settings_save, user_now
from closer.core import notes as core
from closer.core.countdown import countdown
from closer.core.labels import ACTION_LABELS
from closer.core.records import ActionKind
from closer.mail.delivery import Delivery, Outcome
from closer.outbox import selectors, services
from closer.outbox.forms import NoteForm, SignOffForm
from closer.outbox.sending import NoteError, sending_problem
from closer.outbox.services import NoteFields
from closer.pipeline.access import get_action_for_user
from closer.pipeline.models import Action
from closer.pipeline.rows import summary
from closer.pipeline.views.changes import undo_message
from closer.web.http import AuthedRequest, attachment, redirect_back


def get_note_action_for_user(request: AuthedRequest, pk: int) -> Action:
    action = get_action_for_user(request, pk)
    if not core.is_message(action.kind):
        raise Http404("A private reminder has no note.")
    return action


def _note_url(action: Action) -> str:
    return reverse("outbox:note", args=[action.pk])


def _back(request: HttpRequest, action: Action) -> HttpResponseRedirect:
    """To the page the person came from (a local URL only), else the note page."""
    return redirect_back(request, _note_url(action))


def _who(action: Action) -> str:
    recipient = selectors.recipient_for(action)
    return recipient.name if recipient else "them"


def _current_fields(action: Action, now: datetime) -> NoteFields:
    view = selectors.note_view(action, now=now)
    return NoteFields(to=view.to, cc=view.cc, subject=view.subject, body=view.body, tone=view.tone)


def _posted_fields(
    request: HttpRequest, action: Action, now: datetime
) -> tuple[NoteFields | None, NoteForm]:
    """The words on the page when the form was posted, or the current ones when a button
    elsewhere (the plan, Today) posted without them."""
    if "body" not in request.POST:
        return _current_fields(action, now), NoteForm()
    form = NoteForm(request.POST)
    return (form.note_fields() if form.is_valid() else None), form


def _note_page(
    request: AuthedRequest, action: Action, *, form: NoteForm | None = None, tone: str | None = None
) -> HttpResponse:
    now = user_now(request.user)
    view = selectors.note_view(action, now=now, tone=tone)
    if form is None:
        form = NoteForm(
            initial={
                "to": view.to,
                "cc": view.cc,
                "subject": view.subject,
                "body": view.body,
                "tone": view.tone,
            }
        )
    is_open = action.status == Action.Status.OPEN
    return render(
        request,
        "outbox/note.html",
        {
            "action": action,
            "view": view,
            "form": form,
            "label": ACTION_LABELS[ActionKind(action.kind)],
            "kind_name": core.KIND_NAMES[ActionKind(action.kind)],
            "countdown": countdown(action.due_at, now)
            if is_open and action.kind == ActionKind.THANK_YOU
            else "",
            "state": selectors.note_state(view.note, now),
            "sending_problem": sending_problem(request.user),
            "tones": [t.value for t in core.Tone],
            "is_open": is_open,
            # The first note drafted without a name to sign it with asks for one.
            "sign_off": SignOffForm() if not settings_for(request.user).from_name.strip() else None,
        },
    )


@login_required
@require_safe
def note(request: AuthedRequest, pk: int) -> HttpResponse:
    action = get_note_action_for_user(request, pk)
    return _note_page(request, action, tone=request.GET.get("tone"))


# What a button that posts the note's words does with them: the action, the words, the form
# they came in (unbound when a button elsewhere posted none) and the time.
Act = Callable[[Action, NoteFields, NoteForm, datetime], HttpResponse]


def _with_words(request: AuthedRequest, pk: int, act: Act) -> HttpResponse:
    """Hand the words on the page to `act`; words with a mistake show the page again, with
    the mistake next to them and nothing lost."""
    action = get_note_action_for_user(request, pk)
    now = user_now(request.user)
    fields, form = _posted_fields(request, action, now)
    if fields is None:
        return _note_page(request, action, form=form)
    return act(action, fields, form, now)


@login_required
@require_POST
def note_save(request: AuthedRequest, pk: int) -> HttpResponse:
    def save(action: Action, fields: NoteFields, form: NoteForm, now: datetime) -> HttpResponse:
        try:
            services.note_save(action=action, fields=fields, now=now)
        except NoteError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Draft saved. It is not sent until you send it.")
        return HttpResponseRedirect(_note_url(action))

    return _with_words(request, pk, save)


@login_required
@require_POST
def note_send(request: AuthedRequest, pk: int) -> HttpResponse:
    def send(action: Action, fields: NoteFields, form: NoteForm, now: datetime) -> HttpResponse:
        try:
            delivery = services.note_send(action=action, fields=fields, now=now)
        except NoteError as exc:
            messages.error(request, str(exc))
            if form.is_bound:
                # Keep what they typed on the page.
                return _note_page(request, action, form=form)
            return HttpResponseRedirect(_note_url(action))
        _report(request, action, delivery)
        if delivery.sent:
            return _back(request, action)
        return HttpResponseRedirect(_note_url(action))

    return _with_words(request, pk, send)


@login_required
@require_POST
def note_sent(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record "I sent it myself" (from the page or the plan), or "it did go" for a note a
    crash left in `sending`."""

    def mark(action: Action, fields: NoteFields, form: NoteForm, now: datetime) -> HttpResponse:
        try:
            marked = services.note_mark_sent(action=action, fields=fields, now=now)
        except NoteError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(_note_url(action))
        undo_message(
            request, f"Marked as sent to {_who(action)}. The action is done.", marked.change
        )
        return _back(request, action)

    return _with_words(request, pk, mark)


@login_required
@require_POST
def note_resend(request: AuthedRequest, pk: int) -> HttpResponse:
    action = get_note_action_for_user(request, pk)
    return _act_on_note(request, action, services.note_resend)


@login_required
@require_POST
def note_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    action = get_note_action_for_user(request, pk)
    return _act_on_note(request, action, services.note_retry)


def _act_on_note(
    request: AuthedRequest, action: Action, service: Callable[..., Delivery]
) -> HttpResponse:
    found = selectors.note_for(action)
    if found is None:
        messages.error(request, "There is no saved note to send yet.")
        return HttpResponseRedirect(_note_url(action))
    try:
        delivery = service(note=found, now=user_now(request.user))
    except NoteError as exc:
        messages.error(request, str(exc))
    else:
        _report(request, action, delivery)
    return HttpResponseRedirect(_note_url(action))


@login_required
@require_POST
def note_discard(request: AuthedRequest, pk: int) -> HttpResponse:
    action = get_note_action_for_user(request, pk)
    if services.note_discard(action=action):
        messages.success(request, "Your saved words are gone; here is Closer's draft again.")
    else:
        messages.error(request, "This note was sent, or may have been, so it is kept.")
    return HttpResponseRedirect(_note_url(action))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def note_eml(request: AuthedRequest, pk: int) -> HttpResponse:
    """The note as an .eml file, to open in any email app. Posting the page's words first
    saves them as the draft, so the file and the outbox agree."""
    action = get_note_action_for_user(request, pk)
    now = user_now(request.user)
    if request.method == "POST":
        fields, form = _posted_fields(request, action, now)
        if fields is None:
            return _note_page(request, action, form=form)
        existing = selectors.note_for(action)
        if form.is_bound and (existing is None or existing.editable):
            services.note_save(action=action, fields=fields, now=now)
    try:
        filename, data = selectors.note_eml(action, now=now)
    except NoteError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(_note_url(action))
    return attachment(data, "message/rfc822", filename)


@login_required
@require_safe
def note_links(request: AuthedRequest, pk: int) -> HttpResponse:
    """The full set of note links for one planned action, loaded after the page (Today, the
    plan) so that a long list of actions does not cost the page one query per draft."""
    action = get_note_action_for_user(request, pk)
    return render(
        request,
        "outbox/_note_slot.html",
        {
            "action": action,
            "summary": summary(action),
            "now": user_now(request.user),
            "next": request.GET.get("next", ""),
        },
    )


def _report(request: AuthedRequest, action: Action, delivery: Delivery) -> None:
    if delivery.outcome is Outcome.SENT:
        messages.success(request, f"Sent to {_who(action)}. The action is done.")
    elif delivery.outcome is Outcome.RETRY:
        state = selectors.note_state(selectors.note_for(action), user_now(request.user))
        messages.warning(request, f"{state} It is safe in your outbox.")
    elif delivery.outcome is Outcome.TAKEN:
        messages.info(request, "This note is already on its way; it is sent once.")
    else:
        messages.error(request, delivery.message)


@login_required
@require_safe
def outbox(request: AuthedRequest) -> HttpResponse:
    now = user_now(request.user)
    rows = [
        (
            found,
            ACTION_LABELS[ActionKind(found.action.kind)],
            selectors.note_state(found, now),
        )
        for found in selectors.notes_for(request.user)
    ]
    return render(
        request,
        "outbox/outbox.html",
        {"rows": rows, "sending_problem": sending_problem(request.user)},
    )


@login_required
@require_POST
def note_sign_off(request: AuthedRequest, pk: int) -> HttpResponse:
    """Keep the name notes sign off with, asked for on the first note drafted without one."""
    action = get_note_action_for_user(request, pk)
    form = SignOffForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write the name your notes should end with.")
        return HttpResponseRedirect(_note_url(action))
    prefs = settings_for(request.user)
    prefs.from_name = form.cleaned_data["name"].strip()
    settings_save(user_settings=prefs)
    messages.success(request, f"Your notes now end with “{prefs.from_name}”.")
    return HttpResponseRedirect(_note_url(action))
