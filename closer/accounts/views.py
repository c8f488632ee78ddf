from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe

from closer import dataio
from closer.accounts.forms import SettingsForm
from closer.accounts.services import settings_for, settings_save


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=settings_for(request.user))
    if request.method == "POST" and form.is_valid():
        settings_save(user_settings=form.save(commit=False))
        messages.success(request, "Settings saved; open actions were re-planned.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


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
