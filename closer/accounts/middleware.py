from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from closer.accounts.services import local_user


class LocalUserMiddleware:
    """In local mode every request belongs to the one implicit user: no login screen."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.local = settings.CLOSER_MODE == "local"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.local:
            request.user = local_user()
        return self.get_response(request)
