"""Contacts and allies: everyone met, when you last spoke, when to reconnect, referral chains."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from closer.accounts.services import user_now
from closer.people.access import get_contact_for_user
from closer.people.models import Contact
from closer.people.services import ContactError, contact_create
from closer.pipeline import services
from closer.pipeline.edit_forms import ContactForm, MergeForm
from closer.pipeline.forms import ContactLogForm
from closer.pipeline.people import people_for
from closer.pipeline.views.changes import undo_message
from closer.pipeline.views.edit import GET_OR_POST, confirm_page, edit_page, writable
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


# --- correcting people ----------------------------------------------------------------------


def _contact_saved(request: AuthedRequest, text: str, contact_pk: int) -> HttpResponse:
    messages.success(request, text)
    return redirect(reverse("pipeline:contact_list") + f"#contact-{contact_pk}")


def _merge_offer(form: ContactForm, error: ContactError) -> None:
    """A clash on the address names the contact it belongs to; the page offers the merge."""
    form.add_error("email", str(error))
    form.clash = error.other


@login_required
@GET_OR_POST
def contact_new(request: AuthedRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = contact_create(owner=request.user, **form.cleaned_data)
        except ContactError as exc:
            _merge_offer(form, exc)
        else:
            return _contact_saved(request, f"Added {contact.name}.", contact.pk)
    cancel = reverse("pipeline:contact_list")
    return edit_page(request, form, title="Add a contact", submit="Add", cancel=cancel)


@login_required
@GET_OR_POST
def contact_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request, pk)
    writable(request)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, edit=form.edit(), now=user_now(request.user))
        except ContactError as exc:
            _merge_offer(form, exc)
        else:
            return _contact_saved(
                request, f"Saved {contact.name}; notes not yet sent use the new details.", pk
            )
    return edit_page(
        request,
        form,
        title=f"Edit {contact.name}",
        submit="Save",
        cancel=reverse("pipeline:contact_list") + f"#contact-{pk}",
        merge=reverse("pipeline:contact_merge", args=[pk]),
        delete=reverse("pipeline:contact_delete", args=[pk]),
        contact=contact,
    )


@login_required
@GET_OR_POST
def contact_merge(request: AuthedRequest, pk: int) -> HttpResponse:
    keep = get_contact_for_user(request, pk)
    writable(request)
    others = Contact.objects.filter(owner=request.user).exclude(pk=pk)
    choices = [(c.pk, f"{c.name} <{c.email}>" if c.email else c.name) for c in others]
    initial = {"other": request.GET.get("other", "")}
    form = MergeForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        other = get_contact_for_user(request, form.cleaned_data["other"])
        try:
            services.contact_merge(keep=keep, other=other, now=user_now(request.user))
        except ContactError as exc:
            form.add_error("other", str(exc))
        else:
            return _contact_saved(request, f"{other.name} and {keep.name} are one now.", pk)
    return edit_page(
        request,
        form,
        title=f"Merge into {keep.name}",
        intro="For two entries that are the same person: everything the other one was part "
        "of (interviews, referrals, notes) becomes theirs, and the other entry goes.",
        submit="Merge",
        cancel=reverse("pipeline:contact_list") + f"#contact-{pk}",
    )


@login_required
@GET_OR_POST
def contact_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request, pk)
    writable(request)
    if request.method == "POST":
        change = services.contact_delete(contact=contact, now=user_now(request.user))
        undo_message(request, f"Deleted {contact.name}.", change)
        return redirect("pipeline:contact_list")
    return confirm_page(
        request,
        contact,
        title=f"Delete {contact.name}?",
        intro="They leave the interviews they were at; actions for them go too.",
        cancel=reverse("pipeline:contact_list") + f"#contact-{pk}",
    )
