from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def mode(request: HttpRequest) -> dict[str, bool]:
    """For templates: `hosted` (only hosted mode has accounts to show and sign out of), and
    `sample_space`, true while the person looks at their sample data (accounts.sample)."""
    return {
        "hosted": settings.CLOSER_MODE == "hosted",
        "sample_space": getattr(request, "sample_person", None) is not None,
    }
