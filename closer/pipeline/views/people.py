"""Contacts and allies: everyone met, when you last spoke, when to reconnect, referral chains."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from closer.accounts.services import user_now
from closer.people.access import get_contact_for_user
from closer.pipeline import services
from closer.pipeline.forms import ContactLogForm
from closer.pipeline.people import people_for
from closer.web.http import AuthedRequest

# People drawn on the page, the next to reconnect with first; "Show all" (?show=all) draws
# everyone. Hundreds of date forms help nobody on a phone.
CONTACT_ROWS = 50


def _page(
    request: AuthedRequest, *, failed: tuple[int, ContactLogForm] | None = None
) -> HttpResponse:
    now = user_now(request.user)
    limit = None if request.GET.get("show") == "all" else CONTACT_ROWS
    context = {"people": people_for(request.user, limit=limit), "today": now.date()}
    if failed:
        pk, form = failed
        # The error goes next to that person's date, and what was typed stays in the box.
        context |= {
            "error_for": pk,
            "error_value": form.data.get("on", ""),
            # An ErrorList yields its messages as str (django-stubs: ValidationError | str).
            "error_text": " ".join(str(e) for e in form.errors.get("on", [])),
        }
    return render(request, "pipeline/contact_list.html", context)


@login_required
@require_safe
def contact_list(request: AuthedRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def contact_log(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request, pk)
    form = ContactLogForm(request.POST)
    if not form.is_valid():
        response = _page(request, failed=(contact.pk, form))
        response.status_code = 400
        return response
    now = user_now(request.user)
    services.contact_in_touch(contact=contact, on=form.cleaned_data["on"], now=now)
    messages.success(request, f"Noted: you were in touch with {contact.name}.")
    return redirect("pipeline:contact_list")
