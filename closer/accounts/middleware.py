from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils import timezone

from closer.accounts import sample
from closer.accounts.services import local_user, settings_for_request


class LocalUserMiddleware:
    """Who each request acts for. In local mode every request belongs to the one implicit
    user: no login screen. That is only safe on this computer, so a request from any other
    address is refused even if someone started the server on a public interface by hand.

    In both modes, while the person's session says they are looking at sample data, the
    request acts for their sample account instead (accounts.sample)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Read per request (not once at start-up) so tests can switch modes.
        if settings.CLOSER_MODE == "local":
            if not _is_loopback(request.META.get("REMOTE_ADDR", "")):
                return HttpResponseForbidden(
                    "This Closer runs in local mode and only answers this computer."
                )
            request.user = local_user()
        sample.swap(request)
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], *args: object
    ) -> HttpResponse | None:
        # Only here is the route known, and with it whether the sample may be used for it.
        return sample.guard(request)


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class UserZoneMiddleware:
    """Show and read times in the user's own zone for the length of each request.

    Forms attach the active zone to the wall-clock times people type and templates convert
    stored UTC times to it, so both must see the same zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Templates ask `request.read_only` on every action row; the access helper sets it for
        # a coach. A missing attribute costs the template engine an exception per lookup.
        # (HttpRequest declares no `read_only`; AuthedRequest declares it for the views.)
        request.read_only = False  # type: ignore[attr-defined]
        if not request.user.is_authenticated:
            return self.get_response(request)
        timezone.activate(settings_for_request(request.user).zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
