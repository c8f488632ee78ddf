"""Where people reword Closer's notes: one template per kind of note and tone, with a
preview on real (or, before there are any, made-up) details."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from closer.accounts.services import settings_for, user_now
from closer.core import notes as core
from closer.core.records import ActionKind
from closer.outbox import selectors, services
from closer.outbox.forms import TemplateForm
from closer.web.http import AuthedRequest


def _kind_and_tone(kind: str, tone: str) -> tuple[ActionKind, core.Tone]:
    if not core.is_message(kind) or tone not in {t.value for t in core.Tone}:
        raise Http404("No such kind of note.")
    return ActionKind(kind), core.Tone(tone)


@login_required
@require_safe
def template_list(request: AuthedRequest) -> HttpResponse:
    mine = selectors.templates_for(request.user)
    rows = [
        (
            kind,
            core.KIND_NAMES[kind],
            [(tone.value, (kind.value, tone.value) in mine) for tone in core.Tone],
        )
        for kind in core.MESSAGE_KINDS
    ]
    return render(request, "outbox/template_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def template_edit(request: AuthedRequest, kind: str, tone: str) -> HttpResponse:
    kind_, tone_ = _kind_and_tone(kind, tone)
    stored = selectors.template_for(request.user, kind_, tone_)
    current = stored or core.default_template(kind_, tone_)
    intent = request.POST.get("intent", "preview")
    if request.method == "POST" and intent == "reset":
        services.template_reset(owner=request.user, kind=kind_, tone=tone_)
        messages.success(request, "Back to Closer's wording.")
        return redirect("outbox:template_edit", kind=kind_.value, tone=tone_.value)

    if request.method == "POST":
        form = TemplateForm(request.POST, kind=kind_)
        valid = form.is_valid()
        if valid and intent == "save":
            data = form.cleaned_data
            services.template_save(
                owner=request.user,
                kind=kind_,
                tone=tone_,
                subject=data["subject"],
                body=data["body"],
            )
            messages.success(request, "Saved. New notes of this kind use your wording.")
            return redirect("outbox:template_edit", kind=kind_.value, tone=tone_.value)
        data = form.cleaned_data
        shown = core.NoteTemplate(data["subject"], data["body"]) if valid else None
    else:
        form = TemplateForm(initial={"subject": current.subject, "body": current.body}, kind=kind_)
        shown = current

    context = {
        "kind": kind_,
        "tone": tone_,
        "kind_name": core.KIND_NAMES[kind_],
        "form": form,
        "customised": stored is not None,
        "placeholders": [(n, core.PLACEHOLDERS[n]) for n in core.placeholders_for(kind_)],
        "preview": _preview(request, kind_, tone_, shown) if shown else None,
        "tones": [t.value for t in core.Tone],
        "problem": next((e for errors in form.errors.values() for e in errors), ""),
    }
    partial = request.headers.get("HX-Request") == "true"
    name = "outbox/_template_preview.html" if partial else "outbox/template_edit.html"
    return render(request, name, context)


def _preview(
    request: AuthedRequest, kind: ActionKind, tone: core.Tone, template: core.NoteTemplate
) -> dict[str, str]:
    """The template filled in for the person's next note of this kind, else for made-up
    details (said so on the page)."""
    now = user_now(request.user)
    action = selectors.message_actions_open(request.user).filter(kind=kind).first()
    if action is not None:
        facts = selectors.note_facts(action, now=now)
        about = f"your note to {facts.recipient}" if facts.recipient else "your next note"
    else:
        facts = core.sample_facts(kind, now, sender_name=settings_for(request.user).from_name)
        about = "made-up details (Dana Lee at Acme)"
    drafted = core.draft(facts, tone, now, template)
    return {"subject": drafted.subject, "body": drafted.body, "about": about}
