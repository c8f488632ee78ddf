from __future__ import annotations

from django.http import HttpRequest


def absolute_url(request: HttpRequest, path: str) -> str:
    """A link for an email sent while answering a request: the address this request came to.
    Django checks the Host header against ALLOWED_HOSTS first, so a forged Host cannot point
    a password-reset link at someone else's site."""
    return request.build_absolute_uri(path)
