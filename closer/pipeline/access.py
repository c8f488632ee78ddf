"""The one way a view reaches a stored object: the owner's own, or 404 for anyone else.

Every object view calls one of these on its first line; nobody writes a raw
`Model.objects.get(pk=...)` in a view."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from closer.pipeline.models import Action, Interview, Opportunity


def get_opportunity_for_user(request: HttpRequest, pk: int) -> Opportunity:
    return get_object_or_404(
        Opportunity.objects.select_related("company"), pk=pk, owner=request.user
    )


def get_interview_for_user(request: HttpRequest, pk: int) -> Interview:
    return get_object_or_404(
        Interview.objects.select_related("opportunity__company"), pk=pk, owner=request.user
    )


def get_action_for_user(request: HttpRequest, pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("interview__opportunity__company", "contact"),
        pk=pk,
        owner=request.user,
    )
