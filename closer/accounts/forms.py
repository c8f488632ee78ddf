from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any
from zoneinfo import available_timezones

import holidays
from django import forms

from closer.accounts.models import UserSettings
from closer.core.notes import Tone

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


# ModelForm is generic only in django-stubs: Django's own class cannot be subscripted at run
# time (django_stubs_ext, which would patch it, is a development tool, not a dependency).
if TYPE_CHECKING:
    _UserSettingsForm = forms.ModelForm[UserSettings]
else:
    _UserSettingsForm = forms.ModelForm


class SettingsForm(_UserSettingsForm):
    work_days = forms.MultipleChoiceField(
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        label="Work week",
        help_text="Follow-ups only fall on these days.",
    )

    # Not required, so a settings form posted without it (an older page) keeps it warm.
    note_tone = forms.ChoiceField(
        choices=[(t.value, t.value) for t in Tone], required=False, label="Tone of new notes"
    )

    class Meta:
        model = UserSettings
        fields = [
            "time_zone",
            "holiday_country",
            "holiday_subdivision",
            "thank_you_by",
            "follow_up_at",
            "reply_at",
            "prepare_at",
            "application_follow_up_days",
            "no_date_follow_up_days",
            "second_follow_up_days",
            "gone_quiet_days",
            "confirm_round_days",
            "ask_referrals_days",
            "referral_outreach_days",
            "feedback_days",
            "offer_deadline_ask_days",
            "reconnect_days",
            "revisit_days",
            "from_name",
            "from_email",
            "reply_to",
            "signature",
            "note_tone",
        ]
        labels = {
            "time_zone": "Time zone",
            "holiday_country": "Public holidays of (country code)",
            "holiday_subdivision": "Region (optional)",
            "thank_you_by": "Thank-you notes due by",
            "follow_up_at": "Follow-ups due at",
            "reply_at": "Other replies due at",
            "prepare_at": "Prepare for a next round the evening before, at",
            "application_follow_up_days": "Applied, no answer: follow up after (business days)",
            "no_date_follow_up_days": "No date given: first follow-up after (business days)",
            "second_follow_up_days": "Second follow-up after (business days)",
            "gone_quiet_days": "Gone quiet after the second follow-up (business days)",
            "confirm_round_days": "Confirm a next round within (business days)",
            "ask_referrals_days": "Ask for referrals within (business days)",
            "referral_outreach_days": "Contact referrals within (business days)",
            "feedback_days": "Ask for feedback within (business days)",
            "offer_deadline_ask_days": "Ask for an offer's deadline within (business days)",
            "reconnect_days": "Reconnect with allies every (days)",
            "revisit_days": "Revisit a company after (days)",
            "from_name": "Your name",
            "from_email": "Send notes from (email)",
            "reply_to": "Replies go to (optional)",
            "signature": "Signature",
            "note_tone": "Tone of new notes",
        }
        help_texts = {
            "reply_at": "For feedback requests, referral notes, round confirmations and the like.",
            "time_zone": "An IANA name such as Europe/Berlin or America/New_York.",
            "holiday_country": "A two-letter code such as US, GB or DE; empty for none.",
            "from_name": "How your notes are signed and whom they come from.",
            "signature": "Goes under every note; your name when empty.",
        }
        widgets = {
            "thank_you_by": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "follow_up_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "reply_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "prepare_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "signature": forms.Textarea(attrs={"rows": 3}),
        }

    # Added to the page later than the others: a form posted without them (an older page)
    # keeps the stored values.
    LATER = (
        "reply_at",
        "prepare_at",
        "gone_quiet_days",
        "confirm_round_days",
        "ask_referrals_days",
        "offer_deadline_ask_days",
        "application_follow_up_days",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("work_days", self.instance.work_week.split(","))
        for name in self.LATER:
            self.fields[name].required = False

    def clean_time_zone(self) -> str:
        zone: str = self.cleaned_data["time_zone"].strip()
        if zone not in _zones():
            raise forms.ValidationError(f"{zone!r} is not a time zone we know, try Europe/Berlin.")
        return zone

    def clean_note_tone(self) -> str:
        tone: str = self.cleaned_data["note_tone"] or Tone.WARM.value
        return tone

    def clean_holiday_country(self) -> str:
        code: str = self.cleaned_data["holiday_country"].strip().upper()
        if code and code not in holidays.list_supported_countries():
            raise forms.ValidationError(f"No public-holiday calendar is known for {code!r}.")
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        code = data.get("holiday_country", "")
        region = data.get("holiday_subdivision", "").strip().upper()
        if region and not code:
            self.add_error("holiday_subdivision", "Choose a country first.")
        elif region and region not in holidays.country_holidays(code).subdivisions:
            self.add_error("holiday_subdivision", f"{code} has no region called {region!r}.")
        data["holiday_subdivision"] = region
        for name in self.LATER:
            if data.get(name) is None:
                data[name] = getattr(self.instance, name)
        return data

    def save(self, commit: bool = True) -> UserSettings:
        self.instance.work_week = ",".join(sorted(self.cleaned_data["work_days"]))
        return super().save(commit=commit)
