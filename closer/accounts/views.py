from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from closer.accounts.forms import SettingsForm
from closer.accounts.services import settings_for, settings_save


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=settings_for(request.user))
    if request.method == "POST" and form.is_valid():
        settings_save(user_settings=form.save(commit=False))
        messages.success(request, "Settings saved; open actions were re-planned.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})
