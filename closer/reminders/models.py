"""The calendar feed, each person's reminder choices, and the log of reminder emails.

The feed token itself is never stored: only its SHA-256, so a copy of the database does not
hand out anyone's calendar. The reminder log doubles as the worker's queue: one row per
(user, kind, local day), created by whichever worker notices it is due and claimed before the
email goes out.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from closer.mail.models import Deliverable, Status

Owner = settings.AUTH_USER_MODEL


class CalendarFeed(models.Model):
    user = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="calendar_feed")
    # SHA-256 of the token, hex; looked up by the feed view, never shown.
    token_hash = models.CharField(max_length=64, unique=True)
    enabled = models.BooleanField(default=True)
    # For calendars shared with others: only the titles, no reasons, names or links.
    titles_only = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user} ({'on' if self.enabled else 'off'})"


class ReminderPrefs(models.Model):
    user = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="reminder_prefs")
    digest_on = models.BooleanField(default=True)
    # Local hour (0-23) of the morning digest, in the user's own time zone.
    digest_hour = models.PositiveSmallIntegerField(default=8)
    nudge_on = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest_hour__lte=23), name="reminder_digest_hour_in_day"
            )
        ]

    def __str__(self) -> str:
        return f"reminder choices of {self.user}"


class Reminder(Deliverable):
    """One reminder email: queued -> sending -> sent; or skipped (nothing to say, turned off,
    or its day passed) or failed (the server refused it for good). The states and columns are
    the mail layer's (closer.mail.models)."""

    Status = Status

    class Kind(models.TextChoices):
        DIGEST = "digest", "morning digest"
        NUDGE = "nudge", "thank-you nudge"

    # No index of its own: the unique (user, kind, day) leads with the user. Every index is
    # rewritten when a claim flips the status, so the table keeps no more than it needs.
    user = models.ForeignKey(
        Owner, on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The user's local date the reminder belongs to.
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "kind"]
        constraints = [
            models.UniqueConstraint("user", "kind", "day", name="reminder_once_per_user_kind_day")
        ]
        indexes = [
            # The worker's claim (reminders.sending.ReminderQueue.claim): the rows that can
            # still be claimed, in the order they are taken. Partial, so the sent and skipped
            # history (nearly all of the table) is not in it.
            models.Index(
                fields=["day", "id"],
                name="reminder_claimable",
                condition=models.Q(status__in=["queued", "sending"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.kind} for {self.user} on {self.day}"
