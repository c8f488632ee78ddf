"""The pipeline: companies, opportunities, interviews, how each ended (the close), what came
back later (answers), referrals, and the planned actions."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from closer.core.labels import (
    ACTION_LABELS,
    REFERRAL_OUTCOME_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    in_words,
)
from closer.core.records import (
    ActionKind,
    AnswerKind,
    CloseAnswer,
    OpportunitySource,
    OpportunityStatus,
    Permission,
    ReferralOutcome,
)
from closer.people.models import Contact

Owner = settings.AUTH_USER_MODEL

E = TypeVar("E", bound=StrEnum)


def _choices(enum: type[E], labels: Mapping[E, str] | None = None) -> list[tuple[str, str]]:
    return [(m.value, labels[m] if labels else in_words(m.value)) for m in enum]


STATUS_CHOICES = _choices(OpportunityStatus, STATUS_LABELS)


class Company(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="company_unique_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class Opportunity(models.Model):
    # Where it stands, and what moves it, are the core's (core.status).
    Status = OpportunityStatus

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="opportunities")
    role = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.APPLIED)
    sales_role = models.BooleanField(default=False)
    senior = models.BooleanField(default=False)
    # Set when this opportunity came from an internal referral after another interview.
    referred_by = models.ForeignKey(
        "Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What a search holds before and around the interviews.
    job_url = models.URLField(max_length=1000, blank=True, default="")
    location = models.CharField(max_length=200, blank=True, default="")
    salary = models.CharField(max_length=200, blank=True, default="")  # free text, any currency
    source = models.CharField(
        max_length=20,
        blank=True,
        default="",
        choices=[("", "Not noted"), *_choices(OpportunitySource, SOURCE_LABELS)],
    )
    applied_on = models.DateField(null=True, blank=True)
    apply_by = models.DateField(null=True, blank=True)
    remarks = models.TextField(blank=True, default="")
    # The id another tracker gave it, so importing the same file again updates, not duplicates.
    external_id = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.UniqueConstraint(
                "owner",
                "external_id",
                name="opportunity_unique_external_id",
                condition=~models.Q(external_id=""),
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} at {self.company}"

    @property
    def job_link(self) -> str:
        """The job URL when it is safe to link to (an import may bring any text)."""
        url = self.job_url.strip()
        return url if url.lower().startswith(("https://", "http://")) else ""


class Interview(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="interviews"
    )
    round = models.PositiveSmallIntegerField(default=1)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    interviewers = models.ManyToManyField(Contact, blank=True, related_name="interviews")
    # Called off before it happened: kept in the history, planned for no more.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="interview_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"round {self.round} for {self.opportunity}"


class Close(models.Model):
    """How an interview ended, logged on the way out."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="close")
    asked_for_job = models.BooleanField(default=False)
    answer = models.CharField(max_length=20, choices=_choices(CloseAnswer))
    expected_date = models.DateField(null=True, blank=True)
    expected_words = models.CharField(max_length=200, blank=True, default="")
    latest_date = models.DateField(null=True, blank=True)
    latest_words = models.CharField(max_length=200, blank=True, default="")
    permission = models.CharField(
        max_length=20, choices=_choices(Permission), default=Permission.NOT_ASKED.value
    )
    next_round_at = models.DateTimeField(null=True, blank=True)
    next_round_with = models.ManyToManyField(Contact, blank=True, related_name="+")
    referrals_asked = models.BooleanField(default=False)
    offer_deadline = models.DateField(null=True, blank=True)
    # The candidate's own remarks on the conversation (what to mention in a thank-you).
    remarks = models.TextField(blank=True, default="")
    feedback = models.TextField(blank=True, default="")
    logged_at = models.DateTimeField()
    # The next round this close booked (round N+1, with the people named), so editing the
    # close moves that interview rather than booking another.
    next_interview = models.OneToOneField(
        Interview, null=True, blank=True, on_delete=models.SET_NULL, related_name="booked_by"
    )

    def __str__(self) -> str:
        return f"close of {self.interview}"


class Answer(models.Model):
    """What came back after the interview."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="answers")
    kind = models.CharField(max_length=20, choices=_choices(AnswerKind))
    received_at = models.DateTimeField()
    offer_deadline = models.DateField(null=True, blank=True)
    next_round_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(blank=True, default="")
    next_interview = models.OneToOneField(
        Interview,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="booked_by_answer",
    )

    class Meta:
        ordering = ["received_at"]

    def __str__(self) -> str:
        return f"{self.kind} for {self.opportunity}"


class Referral(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    close = models.ForeignKey(Close, on_delete=models.CASCADE, related_name="referrals")
    person = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="referrals")
    referrer = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    internal = models.BooleanField(default=False)
    role = models.CharField(max_length=200, blank=True, default="")
    outcome = models.CharField(
        max_length=20,
        choices=_choices(ReferralOutcome, REFERRAL_OUTCOME_LABELS),
        default=ReferralOutcome.NOT_YET.value,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint("close", "person", name="referral_unique_person_per_close")
        ]

    def __str__(self) -> str:
        return f"{self.person} (referred by {self.referrer})"


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        DONE = "done"
        SKIPPED = "skipped"
        # Set only by re-planning: an answer made this action pointless.
        CANCELLED = "cancelled"

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="actions")
    # None for an application's own actions, planned before any interview.
    interview = models.ForeignKey(
        Interview, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(max_length=30, choices=_choices(ActionKind, ACTION_LABELS))
    # The second follow-up of the same interview to the same person is step 2.
    step = models.PositiveSmallIntegerField(default=1)
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    due_at = models.DateTimeField()
    reason = models.CharField(max_length=300)
    late = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The day the user snoozed this action to. Re-planning never brings it back earlier.
    snoozed_until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "kind"]
        constraints = [
            # Re-planning must never duplicate: one action per (interview, kind, contact, step),
            # and one per (opportunity, kind, contact, step) for an application's own. NULLs
            # are distinct in a plain unique index, hence four partial ones.
            models.UniqueConstraint(
                "interview",
                "kind",
                "contact",
                "step",
                name="action_unique_per_contact",
                condition=models.Q(contact__isnull=False, interview__isnull=False),
            ),
            models.UniqueConstraint(
                "interview",
                "kind",
                "step",
                name="action_unique_without_contact",
                condition=models.Q(contact__isnull=True, interview__isnull=False),
            ),
            models.UniqueConstraint(
                "opportunity",
                "kind",
                "contact",
                "step",
                name="action_unique_application_contact",
                condition=models.Q(contact__isnull=False, interview__isnull=True),
            ),
            models.UniqueConstraint(
                "opportunity",
                "kind",
                "step",
                name="action_unique_application",
                condition=models.Q(contact__isnull=True, interview__isnull=True),
            ),
        ]
        indexes = [
            # Today: an owner's open actions ordered by due time.
            models.Index(fields=["owner", "status", "due_at"], name="action_owner_status_due"),
            # The worker's scheduling pass: every user's open thank-yous due around today
            # (reminders.selectors.thank_yous_open_between). Partial, so it stays small.
            models.Index(
                fields=["due_at"],
                name="action_open_thank_you_due",
                condition=models.Q(status="open", kind="thank_you"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} due {self.due_at:%Y-%m-%d %H:%M}"


class Change(models.Model):
    """One thing the user changed: an entry on the opportunity's history and, for a while,
    something Undo can reverse (`undo` holds what it needs; None when it cannot be undone).

    Not exported: what Undo needs (ids, a deleted opportunity's rows) only makes sense on this
    install, and a deleted opportunity must not travel on in an export.
    """

    EXPORTED = False

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    detail = models.TextField(blank=True, default="")
    undo = models.JSONField(null=True, blank=True)
    at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["owner", "-at"], name="change_owner_recent")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.summary}"
