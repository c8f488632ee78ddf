"""The pages for when something goes wrong on the server's side."""

from __future__ import annotations

import sys

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

# How long to wait before trying again, for browsers and scripts that read Retry-After.
RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that is busy (a long import holds SQLite) or away (PostgreSQL
    restarting) is "try again in a moment" (503), not an error. It is asked here rather than
    in a middleware because the database may be asked before any view runs (the user, their
    settings), and Django turns such errors into this page wherever they happen."""
    if isinstance(sys.exc_info()[1], OperationalError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
