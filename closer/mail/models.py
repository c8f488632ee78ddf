"""The columns every queued email carries, whatever it is (a note, a reminder)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    """Where a queued email stands. Every kind uses these words; not every kind uses each."""

    # Notes only: the person's words are kept, nobody asked for them to go yet.
    DRAFT = "draft"
    # Waiting to go: now, or once `next_attempt_at` has passed.
    QUEUED = "queued"
    # Claimed by one process and handed to the mail server. What a crash leaves here is
    # decided by the kind's CrashPolicy (see mail.delivery).
    SENDING = "sending"
    SENT = "sent"
    # Reminders only: decided not to send (nothing to say, turned off, its day passed).
    SKIPPED = "skipped"
    # Refused for good, or out of attempts: a person must change something.
    FAILED = "failed"


class Deliverable(models.Model):
    """An email that waits in a queue until it has been sent once."""

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Read by the worker's claim: a queued row is due once this is past (NULL: at once).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    # Fixed when the row is made, so every attempt carries the same Message-ID and a mail app
    # that got two copies can fold them into one.
    message_id = models.CharField(max_length=255, unique=True)

    class Meta:
        abstract = True
