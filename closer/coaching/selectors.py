"""Reads for coaching: comments, and a coach's list of clients (through the consent the
accounts app keeps, read fresh on every call)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from closer.accounts.models import Coaching
from closer.coaching.models import Comment
from closer.pipeline.models import Action


def comments_for(owner: User) -> QuerySet[Comment]:
    return Comment.objects.filter(owner=owner).select_related("author", "opportunity__company")


@dataclass(frozen=True)
class ClientRow:
    client: User
    overdue: int
    open: int


def clients_of(coach: User, now: datetime) -> list[ClientRow]:
    """The coach's consenting clients, those with overdue actions first."""
    open_q = Q(action__status=Action.Status.OPEN)
    clients = (
        get_user_model()
        .objects.filter(coachings__coach=coach, coachings__status=Coaching.Status.ACTIVE)
        .annotate(
            overdue=Count("action", filter=open_q & Q(action__due_at__lt=now)),
            open_count=Count("action", filter=open_q),
        )
        .order_by("-overdue", "email")
    )
    return [ClientRow(client=c, overdue=c.overdue, open=c.open_count) for c in clients]
