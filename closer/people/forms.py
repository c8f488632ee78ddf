from __future__ import annotations

from closer.pipeline.forms import DayField, PlainForm


class ContactLogForm(PlainForm):
    """ "I was in touch with them": the day moves their reconnect forward."""

    on = DayField(label="Day you were in touch")
