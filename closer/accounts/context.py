from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def mode(request: HttpRequest) -> dict[str, bool]:
    """`hosted` for templates: only hosted mode has accounts to show and sign out of."""
    return {"hosted": settings.CLOSER_MODE == "hosted"}
