from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from closer.reminders.importing import MAX_BYTES

HOURS = [(h, f"{h:02d}:00") for h in range(24)]


class PrefsForm(forms.Form):
    digest_on = forms.BooleanField(required=False, label="Send me a morning digest")
    digest_hour = forms.TypedChoiceField(
        choices=HOURS, coerce=int, label="at", help_text="Your own time zone."
    )
    nudge_on = forms.BooleanField(
        required=False, label="Nudge me at 16:00 if a thank-you note is still unsent"
    )


class FeedOptionsForm(forms.Form):
    enabled = forms.BooleanField(required=False, label="Feed switched on")
    titles_only = forms.BooleanField(
        required=False,
        label="Titles only",
        help_text="For a calendar others can see: no reasons, names or links.",
    )


class IcsUploadForm(forms.Form):
    file = forms.FileField(label="Calendar file (.ics)")

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        # FileField has already refused a file whose size is 0 or unknown (allow_empty_file).
        assert upload.size is not None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("That file is over 2 MB; export just the invite.")
        return upload


class InviteChoiceForm(forms.Form):
    """The company and role the person chose for one event of an imported calendar file."""

    company = forms.CharField(max_length=200)
    role = forms.CharField(max_length=200)
