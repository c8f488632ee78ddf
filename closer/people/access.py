"""The one way a view reaches a contact: the owner's own, read-only for an invited coach,
404 for anyone else (accounts.access)."""

from __future__ import annotations

from closer.accounts.access import get_for_user
from closer.people.models import Contact
from closer.web.http import AuthedRequest


def get_contact_for_user(request: AuthedRequest, pk: int) -> Contact:
    return get_for_user(request, Contact.objects.all(), pk)
