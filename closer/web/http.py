"""Request and response helpers every app's views use."""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme


class AuthedRequest(HttpRequest):
    """A request behind @login_required (or local mode's implicit user): `user` is a real
    account. `read_only` is set by the access helpers when a coach reads a client's data."""

    user: User
    read_only: bool


def redirect_back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """To the page the user came from (`next`, a local URL only), else to `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def attachment(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A file to save (an export, a note as .eml, the plan as .ics), named `filename`."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def one_of(request: HttpRequest, name: str, allowed: Collection[str]) -> str:
    """The query parameter `name` if it is one of `allowed`, else "": what a link can say
    is known in advance, and anything else (a typo, a NUL byte) means none of them."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""
