"""The one way a people view reaches a contact: the owner's own, read-only for an invited
coach, 404 for anyone else (the same rule as every pipeline object)."""

from __future__ import annotations

from django.http import HttpRequest

from closer.people.models import Contact
from closer.pipeline.access import get_for_user


def get_contact_for_user(request: HttpRequest, pk: int) -> Contact:
    return get_for_user(request, Contact.objects.all(), pk)
