from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from closer.core.notes import Tone
from closer.core.records import PlanSettings


def default_time_zone() -> str:
    return settings.CLOSER_MACHINE_ZONE


class UserSettings(models.Model):
    """Everything the plan rules read, per user. Every number in DESIGN §2 is here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="closer_settings"
    )
    time_zone = models.CharField(max_length=64, default=default_time_zone)
    # ISO weekday numbers with Monday as 0, comma separated: "0,1,2,3,4" is Mon–Fri.
    work_week = models.CharField(max_length=20, default="0,1,2,3,4")
    holiday_country = models.CharField(max_length=8, blank=True, default="")
    holiday_subdivision = models.CharField(max_length=16, blank=True, default="")
    thank_you_by = models.TimeField(default=time(21, 0))
    follow_up_at = models.TimeField(default=time(10, 0))
    no_date_follow_up_days = models.PositiveSmallIntegerField(default=5)
    second_follow_up_days = models.PositiveSmallIntegerField(default=5)
    referral_outreach_days = models.PositiveSmallIntegerField(default=2)
    feedback_days = models.PositiveSmallIntegerField(default=1)
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
            thank_you_by=self.thank_you_by,
            follow_up_at=self.follow_up_at,
            no_date_follow_up_days=self.no_date_follow_up_days,
            second_follow_up_days=self.second_follow_up_days,
            referral_outreach_days=self.referral_outreach_days,
            feedback_days=self.feedback_days,
            reconnect_days=self.reconnect_days,
            revisit_days=self.revisit_days,
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
