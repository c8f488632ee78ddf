"""A whole search travels: every field the record holds beside the interviews comes through
an export and an import row by row, and a version 2 export (written before actions knew their
opportunity) upgrades on the way in.

`tests/data/export-v2.json` was written by `closer export` when the format was version 2:
never edit it to match the code.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from accounts.test_dataio import snapshot
from accounts.world import person
from helpers import at

from closer.accounts import dataio
from closer.accounts.services import account_delete
from closer.core.records import CloseAnswer, ReferralOutcome
from closer.people.models import Contact
from closer.pipeline.models import Action, Interview, Opportunity, Referral
from closer.pipeline.services import (
    CloseInput,
    OpportunityDetails,
    PersonInput,
    ReferralInput,
    close_log_new,
    interview_cancel,
    opportunity_create,
)

V2 = Path(__file__).parent.parent / "data" / "export-v2.json"

DETAILS = OpportunityDetails(
    job_url="https://hooli.example/jobs/7",
    location="Palo Alto · hybrid",
    salary="$150–170k + equity",
    source="recruiter",
    applied_on=date(2026, 11, 12),
    apply_by=date(2026, 11, 30),
    remarks="Recruiter: Gavin's team.\nAsked about visas.",
    external_id="huntr-6650f1",
)


def _search(owner) -> None:
    """Every new kind of value: details, an application's own plan, a booked next round, a
    cancelled interview, a referral's outcome, a contact's notes."""
    opportunity_create(
        owner=owner,
        company_name="Hooli",
        role="Analyst",
        details=DETAILS,
        now=at("2026-11-25 09:00"),
    )
    close = close_log_new(
        owner=owner,
        company_name="Initech",
        role="Account Executive",
        starts_at=at("2026-11-20 10:00"),
        interviewers=[PersonInput("Bill Lumbergh", "bill@initech.example")],
        data=CloseInput(
            asked_for_job=True,
            answer=CloseAnswer.NEXT_ROUND,
            next_round_at=at("2026-12-04 10:00"),
            next_round_with=(PersonInput("Peter Gibbons", "peter@initech.example"),),
            referrals=(ReferralInput(PersonInput("Milton", "milton@example.org")),),
        ),
        now=at("2026-11-20 11:00"),
    )
    assert close.next_interview is not None
    interview_cancel(interview=close.next_interview, now=at("2026-11-25 09:00"))
    Referral.objects.filter(owner=owner).update(outcome=ReferralOutcome.TALKED.value)
    Contact.objects.filter(owner=owner, name="Bill Lumbergh").update(remarks="Likes numbers.")


def test_every_new_field_comes_through_an_export_and_an_import_row_by_row(db):
    source = person("source@example.org")
    _search(source)
    before = snapshot(source)
    hooli = next(r for r in before["pipeline.opportunity"] if r["external_id"])
    assert hooli["salary"] == DETAILS.salary and hooli["applied_on"] == "2026-11-12"
    assert any(r["interview_id"] is None for r in before["pipeline.action"])
    assert any(r["cancelled_at"] for r in before["pipeline.interview"])
    assert any(r["next_interview_id"] is not None for r in before["pipeline.close"])
    document = json.loads(dataio.export_json(source))
    account_delete(user=source)
    target = person("target@example.org")
    dataio.import_data(target, document)
    assert snapshot(target) == before
    moved = Opportunity.objects.get(owner=target, external_id="huntr-6650f1")
    assert (moved.location, moved.apply_by) == (DETAILS.location, DETAILS.apply_by)


def test_a_version_2_export_upgrades_each_action_to_its_opportunity(alice):
    written = json.loads(V2.read_text(encoding="utf-8"))
    assert written["version"] == 2
    assert all("opportunity_id" not in row for row in written["tables"]["pipeline.action"])
    counts = dataio.import_data(alice, written)
    assert counts["pipeline.action"] == len(written["tables"]["pipeline.action"]) > 10
    for action in Action.objects.filter(owner=alice).select_related("interview"):
        assert action.interview is not None
        assert action.opportunity_id == action.interview.opportunity_id
    # The fields version 2 did not have arrive empty, not missing.
    assert set(Opportunity.objects.filter(owner=alice).values_list("external_id", flat=True)) == {
        ""
    }
    assert not Interview.objects.filter(owner=alice, cancelled_at__isnull=False).exists()
