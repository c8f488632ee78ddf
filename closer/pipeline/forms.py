"""Forms: read what the user typed, say clearly what is wrong, and hand services plain values
(the shared fields and their time zone rule are closer.web.forms)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from closer.core.inputs import close_problems, timing, typed_day
from closer.core.labels import ANSWER_KIND_LABELS, CLOSE_ANSWER_LABELS, PERMISSION_LABELS
from closer.core.people_lines import read_people
from closer.core.records import CloseAnswer, Permission
from closer.core.timeline import Deadline
from closer.pipeline.models import STATUS_CHOICES, Close, Interview, Opportunity
from closer.pipeline.services import CloseInput, PersonInput, ReferralInput
from closer.pipeline.timing import Reading, describe, timing_date, timing_read
from closer.web.forms import DayField, MomentField, PlainForm

E = TypeVar("E", bound=StrEnum)


def _choices(labels: Mapping[E, str]) -> list[tuple[str, str]]:
    return [(key.value, text) for key, text in labels.items()]


PEOPLE_HELP = (
    "One person per line: their name, then their email if you have it "
    "(Dana Lee dana@acme.example), and a job title after a comma if you like."
)

GUESS_CHOICES = [("auto", "Guess from the role title"), ("yes", "Yes"), ("no", "No")]
_GUESS = {"auto": None, "yes": True, "no": False}

TIMING_KINDS = ("expected", "latest")
# Where each problem found by close_problems is shown (None: above the form).
CLOSE_FIELDS = {
    "starts_at": None,
    "expected": "expected_words",
    "latest": "latest_words",
    "next_round_at": "next_round_at",
    "offer_deadline": "offer_deadline",
}


def parse_people(text: str) -> tuple[PersonInput, ...]:
    """Lines of people, written as people write them (core.people_lines) -> people.

    Every bad line is reported with its number, so a long list is easy to fix."""
    people: list[PersonInput] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found = read_people(line)
        except ValueError as exc:
            problems.append(f"Line {number}: {exc}")
            continue
        people.extend(PersonInput(p.name, p.email, p.title) for p in found)
    if problems:
        raise ValidationError(problems, code="bad_person")
    return tuple(people)


def people_lines(people: list[Any]) -> str:
    """Contacts back into the "Name <email>" lines the form reads."""
    return "\n".join(f"{p.name} <{p.email}>" if p.email else p.name for p in people)


class PeopleField(forms.CharField):
    """A textarea of people, one per line; cleans to a tuple of PersonInput."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", PEOPLE_HELP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> tuple[PersonInput, ...]:
        return parse_people(super().clean(value) or "")


def _words(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(max_length=200, required=False, label=label, help_text=help_text)


class OpportunityForm(PlainForm):
    company = forms.CharField(max_length=200)
    role = forms.CharField(max_length=200, help_text="The job title as the company wrote it.")
    status = forms.ChoiceField(choices=STATUS_CHOICES, initial=Opportunity.Status.APPLIED)
    sales_role = forms.TypedChoiceField(
        label="Is closing a sale part of this job?",
        help_text="Sales, business development, account management and recruiting roles "
        "put the direct ask first on the close card.",
        choices=GUESS_CHOICES,
        coerce=_GUESS.get,
        empty_value=None,
        initial="auto",
        widget=forms.RadioSelect,
    )
    senior = forms.TypedChoiceField(
        label="Is it a senior role?",
        help_text="Senior roles often take several rounds, so the card asks about them early.",
        choices=GUESS_CHOICES,
        coerce=_GUESS.get,
        empty_value=None,
        initial="auto",
        widget=forms.RadioSelect,
    )


class InterviewForm(PlainForm):
    starts_at = MomentField(label="Starts at")
    ends_at = MomentField(
        label="Ends at",
        required=False,
        help_text="Optional. A late finish moves the thank-you deadline to midnight.",
    )
    interviewers = PeopleField(label="Interviewers")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", "The interview can't end before it starts.")
        return data


class CloseForm(PlainForm):
    """How an interview ended. Field order follows the conversation, top to bottom."""

    asked_for_job = forms.BooleanField(required=False, label="I asked for the job")
    answer = forms.ChoiceField(
        label="What did they say?",
        choices=_choices(CLOSE_ANSWER_LABELS),
        initial=CloseAnswer.PENDING.value,
        widget=forms.RadioSelect,
    )
    expected_words = _words(
        "When they expect to decide",
        'Their words or a date, e.g. "end of next week" or "Dec 4".',
    )
    expected_date = DayField(
        required=False, label="Expected date", help_text="Only if the reading above is wrong."
    )
    latest_words = _words(
        "The latest you should hear", 'Their words or a date, e.g. "the 10th at the latest".'
    )
    latest_date = DayField(
        required=False, label="Latest date", help_text="Only if the reading above is wrong."
    )
    permission = forms.ChoiceField(
        label="May you get in touch if you have heard nothing by then?",
        choices=_choices(PERMISSION_LABELS),
        initial=Permission.NOT_ASKED.value,
        widget=forms.RadioSelect,
        # Left out entirely (a script, an old page), it means the question was not asked.
        required=False,
    )
    next_round_at = MomentField(required=False, label="Next round at")
    next_round_with = PeopleField(label="Whom you will meet")
    referrals_asked = forms.BooleanField(required=False, label="I asked for referrals")
    referrals = PeopleField(label="People they suggested")
    referrals_internal = forms.BooleanField(
        required=False,
        label="These are other roles at the same company",
        help_text="Each one becomes a new opportunity on your list.",
    )
    offer_deadline = DayField(required=False, label="Offer deadline")
    remarks = forms.CharField(
        required=False,
        label="Remarks",
        help_text="Something to mention in your thank-you; one line per person, e.g. "
        "“Dana: their plan to open a Lisbon office”.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    feedback = forms.CharField(
        required=False,
        label="Feedback they gave",
        help_text="It appears on your next close card.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, interview: Interview, now: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.interview = interview
        self.now = now
        reading_url = reverse("pipeline:timing_reading", args=[interview.pk])
        for kind in TIMING_KINDS:
            # The reading updates as the user types; without JavaScript it shows on save.
            self.fields[f"{kind}_words"].widget.attrs.update(
                {
                    "hx-get": reading_url,
                    "hx-trigger": "input changed delay:250ms",
                    "hx-target": f"#reading-{kind}",
                    "autocomplete": "off",
                    "aria-describedby": f"reading-{kind}",
                }
            )

    def reading(self, kind: str) -> Reading:
        """How the words typed for `kind` (expected or latest) were understood."""
        source = self.data if self.is_bound else self.initial
        words = str(source.get(f"{kind}_words") or "")
        return describe(words, self._read(words))

    @property
    def readings(self) -> dict[str, Reading]:
        return {kind: self.reading(kind) for kind in TIMING_KINDS}

    def _read(self, words: str) -> Deadline | None:
        return timing_read(
            owner=self.interview.owner, words=words, said_at=self.interview.starts_at
        )

    def _day(self, words: str) -> date | None:
        deadline = self._read(words)
        return deadline.by if deadline else None

    @staticmethod
    def initial_for(interview: Interview) -> dict[str, Any]:
        """The stored close as initial values, so editing starts from what was logged."""
        try:
            close = interview.close
        except Close.DoesNotExist:
            return {}
        referrals = list(close.referrals.select_related("person"))

        def read(words: str) -> date | None:
            return timing_date(owner=close.owner, words=words, said_at=interview.starts_at)

        return {
            "asked_for_job": close.asked_for_job,
            "answer": close.answer,
            "expected_date": typed_day(close.expected_date, close.expected_words, read),
            "expected_words": close.expected_words,
            "latest_date": typed_day(close.latest_date, close.latest_words, read),
            "latest_words": close.latest_words,
            "permission": close.permission,
            "next_round_at": close.next_round_at,
            "next_round_with": people_lines(list(close.next_round_with.all())),
            "referrals_asked": close.referrals_asked,
            "referrals": people_lines([r.person for r in referrals]),
            "referrals_internal": bool(referrals) and all(r.internal for r in referrals),
            "offer_deadline": close.offer_deadline,
            "remarks": close.remarks,
            "feedback": close.feedback,
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        # Where a problem with a date goes: next to the date box if one was typed there.
        typed = {kind: data.get(f"{kind}_date") is not None for kind in TIMING_KINDS}
        for kind in TIMING_KINDS:
            if f"{kind}_date" not in self.errors:
                found = timing(data.get(f"{kind}_words", ""), data.get(f"{kind}_date"), self._day)
                data[f"{kind}_date"], data[f"{kind}_words"] = found.day, found.words
        problems = close_problems(
            starts_at=timezone.localtime(self.interview.starts_at),
            now=self.now,
            expected=data.get("expected_date"),
            latest=data.get("latest_date"),
            next_round_at=data.get("next_round_at"),
            offer_deadline=data.get("offer_deadline"),
        )
        for problem in problems:
            field = CLOSE_FIELDS[problem.field]
            if typed.get(problem.field):
                field = f"{problem.field}_date"  # the date typed in, not the words
            self.add_error(field, problem.message)
        return data

    def to_input(self) -> CloseInput:
        data = self.cleaned_data
        internal = data["referrals_internal"]
        return CloseInput(
            asked_for_job=data["asked_for_job"],
            answer=CloseAnswer(data["answer"]),
            expected_date=data["expected_date"],
            expected_words=data["expected_words"],
            latest_date=data["latest_date"],
            latest_words=data["latest_words"],
            permission=Permission(data["permission"] or Permission.NOT_ASKED),
            next_round_at=data["next_round_at"],
            next_round_with=data["next_round_with"],
            referrals_asked=data["referrals_asked"],
            referrals=tuple(
                ReferralInput(person=person, internal=internal) for person in data["referrals"]
            ),
            offer_deadline=data["offer_deadline"],
            remarks=data["remarks"],
            feedback=data["feedback"],
        )


class AnswerForm(PlainForm):
    kind = forms.ChoiceField(
        label="What came back?", choices=_choices(ANSWER_KIND_LABELS), widget=forms.RadioSelect
    )
    offer_deadline = DayField(required=False, label="Offer deadline", help_text="For an offer.")
    next_round_at = MomentField(
        required=False, label="Next round at", help_text="For another round."
    )
    feedback = forms.CharField(
        required=False,
        label="Feedback they gave",
        help_text="It appears on your next close card.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SnoozeForm(PlainForm):
    until = DayField(label="Snooze to")

    def __init__(self, *args: Any, now: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now

    def clean_until(self) -> date:
        until: date = self.cleaned_data["until"]
        if until <= self.now.date():
            raise ValidationError("Choose a day after today.", code="not_later")
        return until


class MoveForm(PlainForm):
    status = forms.ChoiceField(label="Move to", choices=STATUS_CHOICES)


class ContactLogForm(PlainForm):
    """ "I was in touch with them": the day moves their reconnect forward."""

    on = DayField(label="Day you were in touch")
