"""Reads about accounts: who coaches whom. A coach's view of a client always goes through
`is_coach_of`, which reads the consent fresh on every call: revoking needs no cache to expire."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from closer.accounts.models import Coaching


def is_coach_of(coach: User | AnonymousUser, owner_id: int) -> bool:
    if not coach.is_authenticated or coach.pk == owner_id:
        return False
    return Coaching.objects.filter(
        owner_id=owner_id, coach_id=coach.pk, status=Coaching.Status.ACTIVE
    ).exists()


def coachings_for(owner: User) -> QuerySet[Coaching]:
    """The client's invitations and coaches, revoked ones left out."""
    return (
        Coaching.objects.filter(owner=owner)
        .exclude(status=Coaching.Status.REVOKED)
        .select_related("coach")
    )


def client_for_coach(coach: User, client_id: int) -> User | None:
    """The client, if `coach` may read their data now."""
    if not is_coach_of(coach, client_id):
        return None
    return User.objects.get(pk=client_id)
