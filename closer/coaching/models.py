"""Coaches: a job seeker invites a coach by email; while the invitation stands accepted the
coach reads the client's pipeline and leaves comments, and the client can revoke it at once."""

from __future__ import annotations

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


class Coaching(models.Model):
    """One client's consent for one coach. Only `active` rows grant access, and access is
    checked on every request, so a revocation takes effect on the coach's next click."""

    class Status(models.TextChoices):
        INVITED = "invited"
        ACTIVE = "active"
        REVOKED = "revoked"

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="coachings")
    coach = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="coached"
    )
    email = models.EmailField()
    # Only a hash of the invitation token is kept, so a database dump grants no access.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "owner",
                "coach",
                name="coaching_one_active_per_pair",
                condition=models.Q(status="active"),
            ),
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("coach")), name="coaching_not_self"
            ),
        ]
        indexes = [models.Index(fields=["coach", "status"], name="coaching_coach_status")]

    def __str__(self) -> str:
        return f"{self.status} coaching of {self.owner} by {self.email}"


class Comment(models.Model):
    """A comment on one of the client's opportunities, by their coach or by the client."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(
        "pipeline.Opportunity", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"comment by {self.author} on {self.opportunity}"
