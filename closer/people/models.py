from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Contact(models.Model):
    """Someone met or referred: an interviewer, a recruiter, a referral, an ally."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, default="")
    organisation = models.CharField(max_length=200, blank=True, default="")
    title = models.CharField(max_length=200, blank=True, default="")
    remarks = models.TextField(blank=True, default="")
    is_ally = models.BooleanField(default=False)
    # The last day the user was in touch (a note sent, a chat logged): reconnects count from it.
    last_contact = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # One contact per email per owner, so logging the same interviewer twice reuses them.
            models.UniqueConstraint(
                "owner",
                Lower("email"),
                name="contact_unique_email_per_owner",
                condition=~models.Q(email=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name
