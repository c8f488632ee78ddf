"""Coaching: a coach with the client's consent (accounts.models.Coaching) reads the client's
pipeline and leaves comments on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


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
