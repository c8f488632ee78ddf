"""Forms for correcting the record: an opportunity's details, a company's name, an interview,
a contact, a referral lead, and the choice of what to merge with what."""

from __future__ import annotations

from typing import Any

from django import forms

from closer.core.labels import REFERRAL_OUTCOME_LABELS, SOURCE_LABELS
from closer.core.records import OpportunityStatus, ReferralOutcome
from closer.core.status import CLOSED
from closer.people.models import Contact
from closer.pipeline.forms import (
    GUESS_CHOICES,
    InterviewForm,
    OpportunityForm,
    _choices,
    people_lines,
)
from closer.pipeline.models import Interview, Opportunity, Referral
from closer.pipeline.services import ContactEdit, OpportunityDetails, OpportunityEdit, ReferralEdit
from closer.web.forms import DayField, PlainForm

SOURCE_CHOICES = [("", "Not noted"), *_choices(SOURCE_LABELS)]
_DETAIL_FIELDS = ("job_url", "location", "salary", "source", "applied_on", "apply_by")


class OpportunityDetailsForm(OpportunityForm):
    """An opportunity with everything a search holds about it (new or corrected)."""

    job_url = forms.URLField(
        required=False, max_length=500, label="Job link", assume_scheme="https"
    )
    location = forms.CharField(
        required=False, max_length=200, help_text="A city, “remote”, or both."
    )
    salary = forms.CharField(
        required=False, max_length=200, help_text="As advertised or discussed, e.g. “£55–60k”."
    )
    source = forms.ChoiceField(
        required=False,
        label="Found through",
        choices=SOURCE_CHOICES,
    )
    applied_on = DayField(required=False, label="Applied on")
    apply_by = DayField(
        required=False,
        label="Deadline to apply",
        help_text="Closer reminds you to apply two working days before.",
    )
    remarks = forms.CharField(
        required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 3})
    )
    external_id = forms.CharField(
        required=False,
        max_length=200,
        label="Id in another tracker",
        help_text="Lets a later import from that tracker find this opportunity.",
    )

    def details(self) -> OpportunityDetails:
        data = self.cleaned_data
        return OpportunityDetails(
            **{name: data[name] for name in _DETAIL_FIELDS},
            remarks=data["remarks"],
            external_id=data["external_id"],
        )

    def edit(self) -> OpportunityEdit:
        data = self.cleaned_data
        return OpportunityEdit(
            company_name=data["company"],
            role=data["role"],
            sales_role=bool(data["sales_role"]),
            senior=bool(data["senior"]),
            details=self.details(),
        )

    @staticmethod
    def initial_for(opportunity: Opportunity) -> dict[str, Any]:
        flag = {True: "yes", False: "no"}
        return {
            "company": opportunity.company.name,
            "role": opportunity.role,
            "status": opportunity.status,
            "sales_role": flag[opportunity.sales_role],
            "senior": flag[opportunity.senior],
            **{name: getattr(opportunity, name) for name in _DETAIL_FIELDS},
            "remarks": opportunity.remarks,
            "external_id": opportunity.external_id,
        }


class OpportunityEditForm(OpportunityDetailsForm):
    """Correcting an opportunity: the board moves it between stages, and yes/no replace the
    guess from the title (it was made when the opportunity was added)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["status"]
        for name in ("sales_role", "senior"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = [c for c in GUESS_CHOICES if c[0] != "auto"]


class CompanyRenameForm(PlainForm):
    name = forms.CharField(
        max_length=200,
        label="Company name",
        help_text="Every opportunity there, and every note not yet sent, takes the new name.",
    )


class MergeForm(PlainForm):
    """Pick the other record of a pair that are one and the same."""

    other = forms.TypedChoiceField(coerce=int, label="Merge with")

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["other"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Choose one"), *choices]


class ContactForm(PlainForm):
    # Set when the address typed belongs to someone else: the page offers to merge the two.
    clash: Contact | None = None

    name = forms.CharField(max_length=200)
    email = forms.EmailField(required=False, max_length=254)
    title = forms.CharField(required=False, max_length=200, label="Role")
    organisation = forms.CharField(required=False, max_length=200, label="Company")
    remarks = forms.CharField(
        required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 3})
    )

    def edit(self) -> ContactEdit:
        return ContactEdit(**self.cleaned_data)

    @staticmethod
    def initial_for(contact: Contact) -> dict[str, Any]:
        return {name: getattr(contact, name) for name in ContactForm.base_fields}


class ReferralForm(PlainForm):
    referrer = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Who suggested them"
    )
    internal = forms.BooleanField(
        required=False,
        label="Another role at the same company",
        help_text="It gets its own opportunity on your list.",
    )
    role = forms.CharField(required=False, max_length=200, label="The role they mentioned")
    organisation = forms.CharField(required=False, max_length=200, label="Their company")
    outcome = forms.ChoiceField(label="What came of it", choices=_choices(REFERRAL_OUTCOME_LABELS))

    def __init__(self, *args: Any, people: list[Contact], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        field = self.fields["referrer"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Not noted"), *((p.pk, p.name) for p in people)]

    def edit(self) -> ReferralEdit:
        data = self.cleaned_data
        return ReferralEdit(
            referrer=self.people.get(data["referrer"]) if data["referrer"] else None,
            internal=data["internal"],
            role=data["role"],
            organisation=data["organisation"],
            outcome=ReferralOutcome(data["outcome"]),
        )

    @staticmethod
    def initial_for(referral: Referral) -> dict[str, Any]:
        return {
            "referrer": referral.referrer_id or "",
            "internal": referral.internal,
            "role": referral.role,
            "organisation": referral.person.organisation,
            "outcome": referral.outcome,
        }


class NewInterviewForm(InterviewForm):
    """An interview added to a decided opportunity (rejected, withdrawn …) asks whether it
    reopens it, rather than leaving it decided without a word."""

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if OpportunityStatus(opportunity.status) in CLOSED:
            self.fields["reopen"] = forms.TypedChoiceField(
                label=f"It is marked {opportunity.get_status_display().lower()}. Reopen it?",
                choices=[
                    ("yes", "Yes, move it back to interviewing"),
                    ("no", "No, keep it as it is"),
                ],
                coerce=lambda value: value == "yes",
                initial="yes",
                widget=forms.RadioSelect,
            )


def interview_initial(interview: Interview) -> dict[str, Any]:
    # Aware times: the form shows them in the zone the middleware activated (the user's).
    return {
        "starts_at": interview.starts_at,
        "ends_at": interview.ends_at,
        "interviewers": people_lines(list(interview.interviewers.all())),
    }
