"""Writes for coaching: invite, accept, revoke, comment."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from closer.accounts.services import InvitationError, token_hash
from closer.coaching.models import Coaching, Comment
from closer.pipeline.models import Opportunity


def coaching_invite(*, owner: AbstractBaseUser, email: str) -> tuple[Coaching, str]:
    """A new invitation for a coach; returns it and the token for the emailed link."""
    token = secrets.token_urlsafe(32)
    coaching = Coaching.objects.create(
        owner=owner, email=email.strip().lower(), token_hash=token_hash(token)
    )
    return coaching, token


def invitation_for(token: str) -> Coaching | None:
    return (
        Coaching.objects.filter(token_hash=token_hash(token), status=Coaching.Status.INVITED)
        .select_related("owner")
        .first()
    )


@transaction.atomic
def coaching_accept(*, coach: AbstractBaseUser, token: str) -> Coaching:
    coaching = invitation_for(token)
    if coaching is None:
        raise InvitationError("This invitation is unknown, was withdrawn, or was used already.")
    if coaching.email.lower() != (coach.email or "").lower():
        raise InvitationError(
            f"This invitation was sent to {coaching.email}; log in with that address to accept it."
        )
    if coaching.owner_id == coach.pk:
        raise InvitationError("You cannot coach yourself.")
    # A second invitation to a coach who already has access replaces nothing; keep one row.
    Coaching.objects.filter(
        owner_id=coaching.owner_id, coach=coach, status=Coaching.Status.ACTIVE
    ).update(status=Coaching.Status.REVOKED, revoked_at=timezone.now())
    coaching.coach = coach
    coaching.status = Coaching.Status.ACTIVE
    coaching.accepted_at = timezone.now()
    coaching.save(update_fields=["coach", "status", "accepted_at"])
    return coaching


def coaching_revoke(*, coaching: Coaching) -> None:
    coaching.status = Coaching.Status.REVOKED
    coaching.revoked_at = timezone.now()
    coaching.save(update_fields=["status", "revoked_at"])


def comment_add(*, opportunity: Opportunity, author: AbstractBaseUser, body: str) -> Comment:
    return Comment.objects.create(
        owner_id=opportunity.owner_id, opportunity=opportunity, author=author, body=body.strip()
    )
