"""Every URL that takes an object id, every HTTP method it accepts, every kind of visitor.

For each one: the owner gets a working page; a stranger 404; a coach the owner invited may
read (GET, HEAD) but gets 403 on anything else; a coach whose access was revoked 404; and an
anonymous visitor (hosted mode) the login page. A URL with an object id that has no entry in
CASES fails `test_every_object_url_has_a_case`: add one line to CASES for it.

A write proves something only if it would have gone through: each POST is first made by the
owner, on an object of its own, and must do what it is for (`done`); the same POST by anyone
else, on a fresh object, must be refused and must leave that object as it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from accounts.world import hosted, people  # noqa: F401
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
SAFE = {"GET", "HEAD"}
ROLES = ("anonymous", "stranger", "revoked", "coach", "owner")  # the owner last: it may write


# --- the objects each URL needs, made fresh for every method --------------------------------


_made = itertools.count()


def _close(owner) -> Any:
    """A close of its own: a company and an interviewer no other call shares, so what one
    request does to them cannot be mistaken for what another did."""
    from helpers import at

    from closer.core.records import CloseAnswer
    from closer.pipeline.services import CloseInput, PersonInput, close_log_new

    n = next(_made)
    return close_log_new(
        owner=owner,
        company_name=f"Acme {n}",
        role="Account Executive",
        starts_at=at("2026-11-25 14:00"),
        interviewers=[PersonInput(f"Dana {n}", f"dana{n}@acme.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.PENDING),
        now=at("2026-11-25 15:00"),
    )


def opportunity(owner) -> dict[str, Any]:
    return {"pk": _close(owner).interview.opportunity_id}


def interview(owner) -> dict[str, Any]:
    return {"pk": _close(owner).interview_id}


def thank_you(owner) -> dict[str, Any]:
    return {"pk": _close(owner).interview.actions.get(kind="thank_you").pk}


def contact(owner) -> dict[str, Any]:
    return {"pk": _close(owner).interview.interviewers.get().pk}


def note_in(status: str) -> Callable[[Any], dict[str, Any]]:
    def make(owner) -> dict[str, Any]:
        from closer.outbox.models import Note

        action = _close(owner).interview.actions.get(kind="thank_you")
        Note.objects.create(
            owner=owner,
            action=action,
            to="dana@acme.example",
            subject="Thank you",
            body="Hi Dana",
            status=status,
            message_id=f"<{status}-{action.pk}@example.org>",
        )
        return {"pk": action.pk}

    return make


# The other half of a pair made to be merged, by the pk of the one kept.
_partner: dict[int, int] = {}


def opportunity_pair(owner) -> dict[str, Any]:
    keep, other = opportunity(owner)["pk"], opportunity(owner)["pk"]
    _partner[keep] = other
    return {"pk": keep}


def contact_pair(owner) -> dict[str, Any]:
    keep, other = contact(owner)["pk"], contact(owner)["pk"]
    _partner[keep] = other
    return {"pk": keep}


def merge_data(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {"other": _partner[kwargs["pk"]]}


def interview_to_come(owner) -> dict[str, Any]:
    from helpers import at

    from closer.pipeline.services import PersonInput, interview_create, opportunity_create

    n = next(_made)
    found = opportunity_create(owner=owner, company_name=f"Initech {n}", role="Analyst")
    made = interview_create(
        opportunity=found,
        starts_at=at("2026-12-04 10:00"),
        interviewers=[PersonInput(f"Bill {n}", f"bill{n}@initech.example")],
        now=at("2026-11-25 15:00"),
    )
    return {"pk": made.pk}


def referral(owner) -> dict[str, Any]:
    from helpers import at

    from closer.core.records import CloseAnswer
    from closer.pipeline.services import CloseInput, PersonInput, ReferralInput, close_log_new

    n = next(_made)
    lead = ReferralInput(PersonInput(f"Peter {n}", f"peter{n}@example.org"))
    close = close_log_new(
        owner=owner,
        company_name=f"Hooli {n}",
        role="Analyst",
        starts_at=at("2026-11-25 14:00"),
        interviewers=[PersonInput(f"Gavin {n}", f"gavin{n}@hooli.example")],
        data=CloseInput(asked_for_job=True, answer=CloseAnswer.NOT_A_FIT, referrals=(lead,)),
        now=at("2026-11-25 15:00"),
    )
    return {"pk": close.referrals.get().pk}


def done_change(owner) -> dict[str, Any]:
    from helpers import at

    from closer.pipeline.models import Action
    from closer.pipeline.services import action_complete

    action = Action.objects.get(pk=thank_you(owner)["pk"])
    return {"pk": action_complete(action=action, now=at("2026-11-25 15:10")).pk}


def coaching(owner) -> dict[str, Any]:
    from closer.accounts.services import coaching_invite

    found = coaching_invite(
        owner=owner, email="someone@example.org", base_url="http://testserver"
    ).coaching
    return {"pk": found.pk}


def client_of_coach(owner) -> dict[str, Any]:
    return {"pk": owner.pk}


@dataclass(frozen=True)
class Case:
    make: Callable[[Any], dict[str, Any]]
    # What a POST sends; a function of the URL's kwargs when it names another object.
    data: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]] = field(default_factory=dict)
    # Departures from the rule, by role: "ok", 403 or 404 (for every method).
    expect: dict[str, Any] = field(default_factory=dict)
    # For a URL that writes: whether the POST did its work on the object `make` gave.
    done: Callable[[int], bool] | None = None


def _action(pk: int) -> Any:
    from closer.pipeline.models import Action

    return Action.objects.get(pk=pk)


def _note_status(pk: int) -> str:
    from closer.outbox.models import Note

    found = Note.objects.filter(action_id=pk).first()
    return found.status if found else ""


def _opportunity(pk: int) -> Any:
    from closer.pipeline.models import Opportunity

    return Opportunity.objects.get(pk=pk)


def _contact(pk: int) -> Any:
    from closer.people.models import Contact

    return Contact.objects.get(pk=pk)


NOTE = {"to": "dana@acme.example", "subject": "Thank you, Dana", "body": "Hi Dana, thanks."}


CASES: dict[str, Case] = {
    "pipeline:opportunity_detail": Case(opportunity),
    "pipeline:interview_new": Case(
        opportunity,
        data={"starts_at": "2026-11-27T10:00"},
        done=lambda pk: _opportunity(pk).interviews.count() == 2,
    ),
    "pipeline:answer_record": Case(
        opportunity,
        data={"kind": "rejected"},
        done=lambda pk: _opportunity(pk).answers.filter(kind="rejected").exists(),
    ),
    "pipeline:card": Case(opportunity),
    "pipeline:opportunity_move": Case(
        opportunity, data={"status": "offer"}, done=lambda pk: _opportunity(pk).status == "offer"
    ),
    "pipeline:close_log": Case(
        interview,
        data={"answer": "rejected"},
        done=lambda pk: _opportunity_of_interview(pk).status == "rejected",
    ),
    "pipeline:timing_reading": Case(interview),
    "pipeline:action_done": Case(thank_you, done=lambda pk: _action(pk).status == "done"),
    "pipeline:action_skip": Case(thank_you, done=lambda pk: _action(pk).status == "skipped"),
    "pipeline:action_snooze": Case(
        thank_you,
        data={"until": "2026-12-01"},
        done=lambda pk: str(_action(pk).snoozed_until) == "2026-12-01",
    ),
    "outbox:note_links": Case(thank_you),
    "outbox:note": Case(thank_you),
    "outbox:note_save": Case(thank_you, data=NOTE, done=lambda pk: _note_status(pk) == "draft"),
    "outbox:note_send": Case(thank_you, data=NOTE, done=lambda pk: _note_status(pk) == "sent"),
    "outbox:note_sent": Case(thank_you, data=NOTE, done=lambda pk: _note_status(pk) == "sent"),
    "outbox:note_resend": Case(note_in("sending"), done=lambda pk: _note_status(pk) == "sent"),
    "outbox:note_retry": Case(note_in("failed"), done=lambda pk: _note_status(pk) == "sent"),
    "outbox:note_discard": Case(note_in("draft"), done=lambda pk: _note_status(pk) == ""),
    "outbox:note_eml": Case(thank_you, data=NOTE, done=lambda pk: _note_status(pk) == "draft"),
    "outbox:note_sign_off": Case(
        thank_you, data={"name": "Sam Rivera"}, done=lambda pk: _from_name(pk) == "Sam Rivera"
    ),
    "pipeline:contact_log": Case(
        contact,
        data={"on": "2026-11-26"},
        done=lambda pk: str(_contact(pk).last_contact) == "2026-11-26",
    ),
    # Corrections are the owner's alone: a coach may not even open the form.
    "pipeline:opportunity_edit": Case(
        opportunity,
        data={
            "company": "Acme",
            "role": "AE",
            "sales_role": "yes",
            "senior": "no",
            "location": "Lisbon",
        },
        expect={"coach": 403},
        done=lambda pk: _opportunity(pk).location == "Lisbon",
    ),
    "pipeline:company_rename": Case(
        opportunity,
        data={"name": "Acme Renamed"},
        expect={"coach": 403},
        done=lambda pk: _opportunity(pk).company.name == "Acme Renamed",
    ),
    "pipeline:opportunity_merge": Case(
        opportunity_pair,
        data=merge_data,
        expect={"coach": 403},
        done=lambda pk: not _exists("pipeline.Opportunity", _partner[pk]),
    ),
    "pipeline:opportunity_delete": Case(
        opportunity,
        expect={"coach": 403},
        done=lambda pk: not _exists("pipeline.Opportunity", pk),
    ),
    "pipeline:interview_edit": Case(
        interview,
        data={"starts_at": "2026-11-25T13:00", "interviewers": "Dana Q <danaq@acme.example>"},
        expect={"coach": 403},
        done=lambda pk: _row("pipeline.Interview", pk).interviewers.get().name == "Dana Q",
    ),
    "pipeline:interview_cancel": Case(
        interview_to_come, done=lambda pk: _row("pipeline.Interview", pk).cancelled_at is not None
    ),
    "pipeline:interview_delete": Case(
        interview, expect={"coach": 403}, done=lambda pk: not _exists("pipeline.Interview", pk)
    ),
    "pipeline:referral_edit": Case(
        referral,
        data={"outcome": "talked"},
        expect={"coach": 403},
        done=lambda pk: _row("pipeline.Referral", pk).outcome == "talked",
    ),
    "pipeline:referral_delete": Case(
        referral, expect={"coach": 403}, done=lambda pk: not _exists("pipeline.Referral", pk)
    ),
    "pipeline:change_undo": Case(
        done_change, done=lambda pk: _row("pipeline.Change", pk).undone_at is not None
    ),
    "pipeline:contact_edit": Case(
        contact,
        data={"name": "Dana Quinn"},
        expect={"coach": 403},
        done=lambda pk: _contact(pk).name == "Dana Quinn",
    ),
    "pipeline:contact_merge": Case(
        contact_pair,
        data=merge_data,
        expect={"coach": 403},
        done=lambda pk: not _exists("people.Contact", _partner[pk]),
    ),
    "pipeline:contact_delete": Case(
        contact, expect={"coach": 403}, done=lambda pk: not _exists("people.Contact", pk)
    ),
    # Consents belong to the client alone; the coach cannot even see them.
    "coaching:revoke": Case(
        coaching, expect={"coach": 404}, done=lambda pk: _consent(pk) == "revoked"
    ),
    # The coach's page of a client: the coach is the one it works for.
    "coaching:client": Case(client_of_coach, expect={"owner": 404, "coach": "ok"}),
    # Commenting is the one thing a coach may post on a client's data.
    "coaching:comment_add": Case(opportunity, data={"body": "Good close."}, expect={"coach": "ok"}),
}


def _opportunity_of_interview(pk: int) -> Any:
    from closer.pipeline.models import Interview

    return Interview.objects.select_related("opportunity").get(pk=pk).opportunity


def _from_name(pk: int) -> str:
    from closer.accounts.services import settings_for

    owner = _action(pk).owner
    name = settings_for(owner).from_name
    # Each case starts from no name, so only the POST under test can have set it.
    settings = settings_for(owner)
    settings.from_name = ""
    settings.save()
    return name


def _row(label: str, pk: int) -> Any:
    from django.apps import apps

    return apps.get_model(label).objects.get(pk=pk)


def _exists(label: str, pk: int) -> bool:
    from django.apps import apps

    return apps.get_model(label).objects.filter(pk=pk).exists()


def _consent(pk: int) -> str:
    from closer.accounts.models import Coaching

    return Coaching.objects.get(pk=pk).status


# --- finding the URLs ------------------------------------------------------------------------


def _walk(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


def _takes_object_id(pattern: URLPattern) -> bool:
    from django.urls.converters import IntConverter

    converters = getattr(pattern.pattern, "converters", {})
    names = set(converters) | set(pattern.pattern.regex.groupindex)
    return any(isinstance(c, IntConverter) for c in converters.values()) or any(
        n in {"pk", "id"} or n.endswith(("_id", "_pk")) for n in names
    )


def object_urls() -> set[str]:
    return {
        name for name, pattern in _walk(get_resolver().url_patterns) if _takes_object_id(pattern)
    }


def test_every_object_url_has_a_case():
    missing = sorted(object_urls() - set(CASES))
    assert not missing, f"URLs with an object id but no isolation case in CASES: {missing}"


def test_every_case_is_a_url():
    assert not sorted(set(CASES) - object_urls())


def test_the_walker_finds_object_urls():
    found = object_urls()
    assert {"pipeline:opportunity_detail", "outbox:note", "coaching:client"} <= found
    assert "pipeline:today" not in found


# --- the walk --------------------------------------------------------------------------------


def _request(client: Client, method: str, url: str, data: dict[str, Any]):
    if method == "POST":
        return client.post(url, data)
    return client.generic(method, url)


def _data(case: Case, kwargs: dict[str, Any]) -> dict[str, Any]:
    return case.data(kwargs) if callable(case.data) else case.data


def _expected(case: Case, role: str, method: str) -> Any:
    if role in case.expect:
        return case.expect[role]
    if role == "anonymous":
        return "login"
    if role == "owner":
        return "ok"
    if role == "coach":
        return "ok" if method in SAFE else 403
    return 404


def _check(response, expected: Any, label: str) -> None:
    status = response.status_code
    if expected == "login":
        assert status == 302 and response["Location"].startswith("/login/"), label
    elif expected == "ok":
        # A page, a redirect after a write, or a form sent back with its errors.
        assert status in {200, 204, 301, 302, 303, 400}, f"{label}: {status}"
    else:
        assert status == expected, f"{label}: {status}, expected {expected}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_isolation(name, people, monkeypatch):  # noqa: F811
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:30")
    case = CASES[name]
    accepted = []
    for method in METHODS:
        if method == "POST" and case.done is not None:
            _owner_can_write(name, case, people["owner"])
        kwargs = case.make(people["owner"])
        url = reverse(name, kwargs=kwargs)
        responses = {}
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                client.force_login(people[role])
            responses[role] = _request(client, method, url, _data(case, kwargs))
            if method == "POST" and case.done is not None and role != "owner":
                assert not case.done(kwargs["pk"]), f"POST {url} as {role} wrote"
        if all(responses[r].status_code == 405 for r in ROLES if r != "anonymous"):
            continue  # the view does not accept this method, for anyone
        accepted.append(method)
        for role in ROLES:
            _check(responses[role], _expected(case, role, method), f"{method} {url} as {role}")
    assert accepted, f"{name} accepted no method at all"


def _owner_can_write(name: str, case: Case, owner) -> None:
    """The POST does its work for the owner, on an object of its own: so a refusal for
    anyone else is the isolation at work, not bad data."""
    assert case.done is not None
    kwargs = case.make(owner)
    client = Client()
    client.force_login(owner)
    response = _request(client, "POST", reverse(name, kwargs=kwargs), _data(case, kwargs))
    assert response.status_code in {200, 204, 302, 303}, (name, response.status_code)
    assert case.done(kwargs["pk"]), f"{name}: the owner's POST did not do its work"
