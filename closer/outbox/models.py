"""Notes as messages: what was (or is to be) sent for an action, and each person's own
wording of the notes."""

from __future__ import annotations

from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.db import models

from closer.core.notes import KIND_NAMES, MESSAGE_KINDS, Tone
from closer.mail.models import Deliverable, Status
from closer.pipeline.models import Action

Owner = settings.AUTH_USER_MODEL

KIND_CHOICES = [(kind.value, KIND_NAMES[kind]) for kind in MESSAGE_KINDS]
TONE_CHOICES = [(tone.value, tone.value) for tone in Tone]


class Note(Deliverable):
    """One note for one action, from the saved draft to the sent message.

    draft -> queued -> sending -> sent, or failed (closer.mail.models.Status). `sending` is
    set by the claim (see outbox.sending); a row a crash leaves in `sending` is never picked
    up again, because nobody can know whether the server got it.
    """

    Status = Status

    class Channel(models.TextChoices):
        SMTP = "smtp", "sent by Closer"
        MANUAL = "manual", "sent by you"

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    # One note per action: a retry or a resend reuses the row, and with it the Message-ID.
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="note")
    tone = models.CharField(max_length=10, choices=TONE_CHOICES, default=Tone.WARM.value)
    to = models.CharField(max_length=1000, blank=True, default="")
    cc = models.CharField(max_length=1000, blank=True, default="")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.SMTP)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="note_status_next_attempt"),
        ]

    def __str__(self) -> str:
        return f"{self.status} note {self.subject!r} to {self.to or 'nobody yet'}"

    @property
    def editable(self) -> bool:
        return self.status in {Status.DRAFT, Status.QUEUED, Status.FAILED}

    @classmethod
    def prepare_import(cls, rows: list[dict[str, Any]]) -> None:
        """How notes come back from an export (accounts.dataio): one not sent yet (queued,
        in the middle of sending, failed) comes back as a draft, so two installs never both
        send it on their own; a sent one keeps its history. Each keeps its Message-ID unless
        another account here has it (the same export imported twice)."""
        given = [row.get("message_id") for row in rows]
        taken = set(cls.objects.filter(message_id__in=given).values_list("message_id", flat=True))
        for row in rows:
            if row.get("status") not in {Status.SENT, Status.DRAFT}:
                row.update(
                    status=Status.DRAFT, attempts=0, next_attempt_at=None, claimed_at=None, error=""
                )
            old = str(row.get("message_id") or "")
            if old in taken:
                row["message_id"] = make_msgid(domain=old.rpartition("@")[2].rstrip(">") or None)


class NoteTemplate(models.Model):
    """A person's own wording for one kind of note in one tone; without one, Closer's is used.
    Checked when saved (core.notes.check_template), so a stored template always renders."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    tone = models.CharField(max_length=10, choices=TONE_CHOICES)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "owner", "kind", "tone", name="note_template_unique_per_kind_and_tone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tone} {self.kind} template of {self.owner}"
