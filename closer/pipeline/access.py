"""How views reach pipeline objects: through accounts.access, so the owner reads and
writes, a consenting coach reads, and anyone else gets 404."""

from __future__ import annotations

from closer.accounts.access import get_for_user
from closer.pipeline.models import Action, Change, Interview, Opportunity, Referral
from closer.web.http import AuthedRequest


def get_opportunity_for_user(request: AuthedRequest, pk: int) -> Opportunity:
    return get_for_user(request, Opportunity.objects.select_related("company"), pk)


def get_interview_for_user(request: AuthedRequest, pk: int) -> Interview:
    return get_for_user(request, Interview.objects.select_related("opportunity__company"), pk)


def get_action_for_user(request: AuthedRequest, pk: int) -> Action:
    return get_for_user(
        request,
        Action.objects.select_related("opportunity__company", "contact"),
        pk,
    )


def get_referral_for_user(request: AuthedRequest, pk: int) -> Referral:
    return get_for_user(
        request,
        Referral.objects.select_related("person", "referrer", "close__interview__opportunity"),
        pk,
    )


def get_change_for_user(request: AuthedRequest, pk: int) -> Change:
    return get_for_user(request, Change.objects.all(), pk)
