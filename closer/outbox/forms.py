from __future__ import annotations

from email.utils import getaddresses
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from closer.core import notes as core
from closer.core.records import ActionKind
from closer.outbox.selectors import format_address
from closer.outbox.services import NoteFields

TONE_CHOICES = [(t.value, t.value) for t in core.Tone]


def clean_addresses(text: str) -> str:
    """'Dana Lee <dana@acme.example>, sam@acme.example', checked and written one way."""
    text = " ".join(text.split())
    if not text:
        return ""
    found = []
    for piece in _pieces(text):
        pairs = getaddresses([piece])
        name, address = pairs[0] if len(pairs) == 1 else ("", "")
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                f"“{piece}” is not an email address; write it as Dana Lee <dana@acme.example>."
            ) from None
        found.append(format_address(name, address))
    return ", ".join(found)


def _pieces(text: str) -> list[str]:
    # Commas inside a quoted name ("Lee, Dana" <dana@…>) do not separate addresses.
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char in ",;" and not quoted:
            pieces.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    pieces.append("".join(current).strip())
    return [p for p in pieces if p]


class NoteForm(forms.Form):
    to = forms.CharField(
        label="To",
        required=False,
        max_length=1000,
        help_text="Separate several addresses with commas.",
    )
    cc = forms.CharField(label="Cc", required=False, max_length=1000)
    subject = forms.CharField(label="Subject", max_length=core.SUBJECT_MAX)
    body = forms.CharField(label="Note", max_length=5000, widget=forms.Textarea(attrs={"rows": 14}))
    tone = forms.ChoiceField(choices=TONE_CHOICES, required=False, widget=forms.HiddenInput)

    def clean_to(self) -> str:
        return clean_addresses(self.cleaned_data["to"])

    def clean_cc(self) -> str:
        return clean_addresses(self.cleaned_data["cc"])

    def clean_subject(self) -> str:
        # One line: a line break in a header would be refused by the mail library anyway.
        return " ".join(self.cleaned_data["subject"].split())

    def note_fields(self) -> NoteFields:
        data = self.cleaned_data
        return NoteFields(
            to=data["to"],
            cc=data["cc"],
            subject=data["subject"],
            body=data["body"],
            tone=data["tone"] or core.Tone.WARM,
        )


class TemplateForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=300, strip=False)
    body = forms.CharField(
        label="Note", max_length=5000, strip=False, widget=forms.Textarea(attrs={"rows": 16})
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = ActionKind(kind)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        try:
            core.check_template(self.kind, data["subject"], data["body"])
        except core.TemplateError as exc:
            self.add_error("subject" if str(exc).startswith("The subject") else "body", str(exc))
        return data


class SignOffForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        label="Your name",
        help_text="The name your notes end with; change it later in Settings.",
    )
