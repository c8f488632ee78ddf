"""Your data: the whole account as one JSON document, or as spreadsheets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from closer import dataio


@login_required
@require_safe
def export_json(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(dataio.export_json(request.user), content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(True, "closer-export.json")
    return response


@login_required
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(dataio.export_csv_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, "closer-export-csv.zip")
    return response
