"""Every form Closer shows, posted with what a careless or hostile person might send: values
far too long, NUL bytes, impossible dates, choices that do not exist; every page asked for
with the same in its query. None may answer 500 (on SQLite or PostgreSQL), and nothing may
be stored that its model does not allow."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from accounts.world import PASSWORD, person
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from helpers import acme_close_for

JUNK = {
    "long": "x" * 10_000,
    "nul": "a\x00b",
    "date": "2026-13-45",
    "choice": "zzz-no-such-choice",
}
ICS = Path(__file__).resolve().parents[1] / "data" / "ics" / "google_invite.ics"
# Posting these ends the session or the whole test's premise; they are walked elsewhere.
LEAVE_ALONE = ("/logout/",)


class _Forms(HTMLParser):
    """The POST forms of a page: where each goes and the fields it sends as they stand."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str], bool]] = []
        self._current: tuple[str, dict[str, str], bool] | None = None
        # Buttons that post the same form elsewhere (formaction): each is a form too.
        self._elsewhere: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and found.get("method", "get").lower() == "post":
            self._current = (found.get("action", ""), {}, "multipart" in found.get("enctype", ""))
        elif self._current is not None and tag in {"input", "textarea", "select", "button"}:
            name = found.get("name")
            if found.get("formaction"):
                self._elsewhere.append(found["formaction"])
            elif name and found.get("type") not in {"submit", "button"} and tag != "button":
                self._current[1].setdefault(name, found.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._current is not None:
            _, fields, files = self._current
            self.forms.append(self._current)
            self.forms += [(other, fields, files) for other in self._elsewhere]
            self._current, self._elsewhere = None, []


def _forms(html: str, page: str) -> list[tuple[str, dict[str, str], bool]]:
    parser = _Forms()
    parser.feed(html)
    return [(action or page, fields, files) for action, fields, files in parser.forms]


def _shape(url: str) -> str:
    return re.sub(r"\d+", "N", url.split("?")[0])


def _pages(owner) -> list[str]:
    from closer.outbox.models import Note  # noqa: F401 (the note page is walked via its action)
    from closer.pipeline.models import Action

    close = acme_close_for(owner)
    opportunity, interview = close.interview.opportunity_id, close.interview_id
    action = Action.objects.filter(owner=owner, kind="thank_you").first()
    assert action is not None
    return [
        "/",
        "/opportunities/",
        "/opportunities/new/",
        f"/opportunities/{opportunity}/",
        f"/opportunities/{opportunity}/interviews/new/",
        f"/opportunities/{opportunity}/card/",
        f"/interviews/{interview}/close/",
        f"/interviews/{interview}/timing/",
        f"/actions/{action.pk}/note/",
        f"/actions/{action.pk}/note-links/",
        "/outbox/",
        "/notes/wording/",
        "/notes/wording/thank_you/warm/",
        "/contacts/",
        "/calendar/",
        "/settings/",
        "/account/",
        "/account/email/",
        "/account/delete/",
        "/coaching/",
    ]


def _walk(client: Client, pages: list[str]) -> tuple[list[str], set[str]]:
    """Every page with junk in its query, then every form on it with junk in each field in
    turn; returns what answered 500, and the forms walked."""
    broken: list[str] = []
    walked: set[str] = set()
    queue = list(pages)
    for page in queue:
        for junk in JUNK.values():
            query = urlencode({"show": junk, "tone": junk, "next": junk, "expected_words": junk})
            if client.get(f"{page}?{query}").status_code >= 500:
                broken.append(f"GET {page}?… {junk[:12]!r}")
        html = client.get(page).content.decode()
        for action, fields, files in _forms(html, page):
            if _shape(action) in walked or action.startswith(LEAVE_ALONE):
                continue
            walked.add(_shape(action))
            for name in fields:
                for label, junk in JUNK.items():
                    data = {**fields, name: junk}
                    if files:
                        data["file"] = ICS.open("rb")  # type: ignore[assignment]
                    status = client.post(action, data).status_code
                    if status >= 500:
                        broken.append(f"POST {action} {name}={label}")
    return broken, walked


def _stored_rows_the_models_refuse() -> list[str]:
    refused = []
    for model in apps.get_models():
        if not model.__module__.startswith("closer."):
            continue
        for row in model._default_manager.all():
            try:
                row.clean_fields()
            except ValidationError as exc:
                refused.append(f"{model._meta.label} {row.pk}: {exc.message_dict}")
    return refused


def test_no_form_or_page_answers_500_to_bad_input_in_local_mode(alice, client):
    client.raise_request_exception = False
    broken, walked = _walk(client, _pages(alice))
    assert len(walked) >= 18  # the walk reached the forms, not just the pages
    # The calendar import's second step only shows up after a file is read.
    preview = client.post("/calendar/import/", {"file": ICS.open("rb")})
    assert preview.status_code == 200
    for action, fields, _ in _forms(preview.content.decode(), "/calendar/import/confirm/"):
        for name in fields:
            for label, junk in JUNK.items():
                if client.post(action, {**fields, name: junk}).status_code >= 500:
                    broken.append(f"POST {action} {name}={label}")
    assert broken == []
    assert _stored_rows_the_models_refuse() == []


@pytest.mark.django_db
def test_no_form_answers_500_in_hosted_mode(hosted):
    anonymous = Client(raise_request_exception=False)
    broken, walked = _walk(anonymous, ["/login/", "/signup/", "/password-reset/"])
    assert len(walked) == 3
    member = person("member@example.org")
    client = Client(raise_request_exception=False)
    assert (
        client.post("/login/", {"username": member.email, "password": PASSWORD}).status_code == 302
    )
    broken += _walk(client, _pages(member))[0]
    assert broken == []
    assert _stored_rows_the_models_refuse() == []
