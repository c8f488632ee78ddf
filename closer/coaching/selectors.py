"""Reads for coaching. A coach's view of a client always goes through `is_coach_of`, which
reads the consent fresh on every call: revoking needs no cache to expire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet

from closer.coaching.models import Coaching, Comment
from closer.pipeline.models import Action


def is_coach_of(coach: AbstractBaseUser, owner_id: int) -> bool:
    if not coach.is_authenticated or coach.pk == owner_id:
        return False
    return Coaching.objects.filter(
        owner_id=owner_id, coach=coach, status=Coaching.Status.ACTIVE
    ).exists()


def coachings_for(owner: AbstractBaseUser) -> QuerySet[Coaching]:
    """The client's invitations and coaches, revoked ones last."""
    return (
        Coaching.objects.filter(owner=owner)
        .exclude(status=Coaching.Status.REVOKED)
        .select_related("coach")
    )


def comments_for(owner: AbstractBaseUser) -> QuerySet[Comment]:
    return Comment.objects.filter(owner=owner).select_related("author", "opportunity__company")


@dataclass(frozen=True)
class ClientRow:
    client: AbstractBaseUser
    overdue: int
    open: int


def clients_of(coach: AbstractBaseUser, now: datetime) -> list[ClientRow]:
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


def client_for_coach(coach: AbstractBaseUser, client_id: int) -> AbstractBaseUser | None:
    if not is_coach_of(coach, client_id):
        return None
    return get_user_model().objects.get(pk=client_id)
