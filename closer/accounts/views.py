"""Your data: the whole account as one JSON document, or as spreadsheets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from closer.accounts import dataio
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
