from __future__ import annotations

from dataclasses import fields
from datetime import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from closer.core.notes import Tone
from closer.core.records import PlanSettings

# The fields of PlanSettings that are plain numbers and times, stored as they are.
PLAN_NUMBERS = tuple(
    f.name
    for f in fields(PlanSettings)
    if f.name not in {"tz", "work_week", "holiday_country", "holiday_subdivision"}
)


def default_time_zone() -> str:
    return settings.CLOSER_MACHINE_ZONE


class UserSettings(models.Model):
    """Everything the plan rules read, per user, and how their notes are signed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="closer_settings"
    )
    time_zone = models.CharField(max_length=64, default=default_time_zone)
    # ISO weekday numbers with Monday as 0, comma separated: "0,1,2,3,4" is Mon–Fri.
    work_week = models.CharField(max_length=20, default="0,1,2,3,4")
    holiday_country = models.CharField(max_length=8, blank=True, default="")
    holiday_subdivision = models.CharField(max_length=16, blank=True, default="")
    # The plan rules' numbers: one column per field of core.records.PlanSettings, with the
    # same defaults.
    thank_you_by = models.TimeField(default=time(21, 0))
    follow_up_at = models.TimeField(default=time(10, 0))
    prepare_at = models.TimeField(default=time(18, 0))
    reply_at = models.TimeField(default=time(10, 0))
    application_follow_up_days = models.PositiveSmallIntegerField(default=7)
    no_date_follow_up_days = models.PositiveSmallIntegerField(default=5)
    second_follow_up_days = models.PositiveSmallIntegerField(default=5)
    gone_quiet_days = models.PositiveSmallIntegerField(default=5)
    confirm_round_days = models.PositiveSmallIntegerField(default=1)
    ask_referrals_days = models.PositiveSmallIntegerField(default=1)
    referral_outreach_days = models.PositiveSmallIntegerField(default=2)
    feedback_days = models.PositiveSmallIntegerField(default=1)
    offer_deadline_ask_days = models.PositiveSmallIntegerField(default=1)
    reconnect_days = models.PositiveSmallIntegerField(default=90)
    revisit_days = models.PositiveSmallIntegerField(default=180)
    # Notes: who they come from and how they sound. An empty from address falls back to
    # DEFAULT_FROM_EMAIL; an empty signature to the name.
    from_name = models.CharField(max_length=200, blank=True, default="")
    from_email = models.EmailField(blank=True, default="")
    reply_to = models.EmailField(blank=True, default="")
    signature = models.TextField(blank=True, default="")
    note_tone = models.CharField(
        max_length=10, choices=[(t.value, t.value) for t in Tone], default=Tone.WARM.value
    )
    # How many times the account's email has changed: a confirmation link names the count
    # it was made at, so each link works once.
    email_changes = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"settings of {self.user}"

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (KeyError, ValueError):
            return ZoneInfo("UTC")

    def plan_settings(self) -> PlanSettings:
        days = frozenset(int(d) for d in self.work_week.split(",") if d.strip().isdigit())
        return PlanSettings(
            tz=self.zone,
            work_week=days or frozenset({0, 1, 2, 3, 4}),
            holiday_country=self.holiday_country,
            holiday_subdivision=self.holiday_subdivision,
            **{name: getattr(self, name) for name in PLAN_NUMBERS},
        )


class Invitation(models.Model):
    """Permission to sign up when sign-up is invite-only (CLOSER_SIGNUP=invite)."""

    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation for {self.email}"


class LoginFailure(models.Model):
    """A failed login, counted by the throttle. Kept in the database (not a per-process cache)
    so every gunicorn worker sees the same count."""

    username = models.CharField(max_length=254, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"failed login for {self.username!r} from {self.address} at {self.at}"


class Coaching(models.Model):
    """One job seeker's consent for one coach to read their data. Only `active` rows grant
    access, and access is checked on every request (accounts.access), so a revocation takes
    effect on the coach's next click."""

    class Status(models.TextChoices):
        INVITED = "invited"
        ACTIVE = "active"
        REVOKED = "revoked"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coachings"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coached",
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


class DataImport(models.Model):
    """An import under way into this account (accounts.dataio.importing). It is written in
    steps; while this row exists the account holds a partial import, and the next import
    takes it away before starting."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"import into {self.account} since {self.started_at}"


class SampleSpace(models.Model):
    """The sample pipeline's own account, kept apart from the person's (`closer demo`, or
    "Look around with sample data" on Today), so that no sample row ever mixes with a real one.

    The sample account has no password and is inactive: nobody can sign in to it, it gets no
    reminders, and its calendar feed never opens. The person reaches it through a flag in
    their own session (accounts.sample), or `closer --sample`. It stays on this install: an
    export of the person's account leaves it out."""

    EXPORTED = False

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sample_space"
    )
    sample = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sample_space_of"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("sample")), name="sample_space_not_self"
            )
        ]

    def __str__(self) -> str:
        return f"sample space of {self.owner}"
