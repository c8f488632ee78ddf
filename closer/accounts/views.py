"""Your data: the whole account as one JSON document, or as spreadsheets; and the way out of
the sample data (accounts.sample)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from closer.accounts import dataio, sample
from closer.accounts.services import sample_space_delete
from closer.web.http import AuthedRequest, attachment


@login_required
@require_safe
def export_json(request: AuthedRequest) -> HttpResponse:
    return attachment(dataio.export_json(request.user), "application/json", "closer-export.json")


@login_required
@require_safe
def export_csv(request: AuthedRequest) -> HttpResponse:
    archive = dataio.export_csv_zip(request.user)
    return attachment(archive, "application/zip", "closer-export-csv.zip")


# Inside the sample, accounts.sample.guard hands these two views the person themself.


@login_required
@require_POST
def sample_leave(request: AuthedRequest) -> HttpResponse:
    sample.leave(request)
    messages.success(
        request, "You are back in your own data. The sample stays until you delete it."
    )
    return redirect("pipeline:today")


@login_required
@require_POST
def sample_delete(request: AuthedRequest) -> HttpResponse:
    sample.leave(request)
    if sample_space_delete(owner=sample.person(request)):
        messages.success(request, "The sample data is deleted. Everything here is your own.")
    return redirect("pipeline:today")
