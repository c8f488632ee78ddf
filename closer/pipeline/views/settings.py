"""Settings. Saving them re-plans every open action (a new work week moves follow-ups), which
is why the page lives with the plan rather than with the account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from closer.accounts.forms import SettingsForm
from closer.accounts.services import settings_for, user_now
from closer.pipeline import services
from closer.web.http import AuthedRequest


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request: AuthedRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=settings_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.settings_apply(user_settings=form.save(commit=False), now=user_now(request.user))
        messages.success(request, "Settings saved; open actions were re-planned.")
        return redirect("pipeline:settings")
    return render(request, "accounts/settings.html", {"form": form})
