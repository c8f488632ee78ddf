"""Form pieces every app uses: labels without a trailing colon, and date fields that catch
a mistyped year.

Datetimes typed into a form are wall-clock times in the user's zone: UserZoneMiddleware
activates that zone before a form is validated, so Django's fields attach it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

# Years outside this window are typos (0202 for 2026) and would overflow date arithmetic.
FIRST_YEAR, LAST_YEAR = 1990, 2100


class PlainForm(forms.Form):
    """A form whose labels carry no trailing colon (checkbox labels follow their box)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _check_year(value: date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            f"Check the year: {value.year} looks like a typo.", code="year_out_of_range"
        )


class DayField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {"invalid": "Enter a date such as 2026-12-04."}

    def validate(self, value: date | None) -> None:
        super().validate(value)
        if value is not None:
            _check_year(value)


class MomentField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {"invalid": "Enter a date and time such as 2026-11-25 14:00."}

    def validate(self, value: datetime | None) -> None:
        super().validate(value)
        if value is not None:
            _check_year(value)
