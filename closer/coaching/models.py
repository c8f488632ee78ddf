"""Coaching: a coach with the client's consent (accounts.models.Coaching) reads the client's
pipeline and leaves comments on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


class Comment(models.Model):
    """A comment on one of the client's opportunities, by their coach or by the client.

    It is part of the client's record: a coach who deletes their account takes their account
    away, not the advice they gave. The comment stays, signed with the name kept here."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(
        "pipeline.Opportunity", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who wrote it, as they signed in when they did: shown once the account is gone.
    author_name = models.CharField(max_length=254, blank=True, default="")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"comment by {self.signed} on {self.opportunity}"

    @property
    def signed(self) -> str:
        if self.author is not None:
            return self.author.email or self.author.get_username()
        return f"{self.author_name or 'A coach'} (account deleted)"
