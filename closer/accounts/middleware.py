from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from closer.accounts.services import local_user, settings_for


class LocalUserMiddleware:
    """In local mode every request belongs to the one implicit user: no login screen."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.local = settings.CLOSER_MODE == "local"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.local:
            request.user = local_user()
        return self.get_response(request)


class UserZoneMiddleware:
    """Show and read times in the user's own zone for the length of each request.

    Forms attach the active zone to the wall-clock times people type and templates convert
    stored UTC times to it, so both must see the same zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)
        timezone.activate(settings_for(request.user).zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
