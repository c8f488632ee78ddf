"""Every state change refuses a request without the CSRF token, in both modes."""

from __future__ import annotations

import pytest
from accounts.world import PASSWORD
from django.test import Client
from django.urls import get_resolver, reverse
from test_isolation import CASES, _walk

# Views that must take a POST from outside a Closer page, each with its reason.
EXEMPT = {
    # RFC 8058 one-click unsubscribe: the mail client posts it, the signed token authorises it.
    "reminders:unsubscribe",
}
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def _kwargs(name: str, pattern, owner) -> dict:
    if name in CASES:
        return CASES[name].make(owner)
    return {key: "x" for key in pattern.pattern.converters}


def _all_urls():
    return sorted(_walk(get_resolver().url_patterns))


@pytest.mark.parametrize("mode", ["local", "hosted"])
def test_every_state_change_needs_the_csrf_token(mode, people, settings):
    settings.CLOSER_MODE = mode
    alice = people["owner"]
    if mode == "local":
        from closer.accounts.services import local_user

        alice = local_user()
    checked = []
    for name, pattern in _all_urls():
        if name in EXEMPT:
            continue
        url = reverse(name, kwargs=_kwargs(name, pattern, alice))
        client = Client(enforce_csrf_checks=True)
        if mode == "hosted":
            client.force_login(alice)
        for method in UNSAFE:
            response = client.generic(method, url)
            assert response.status_code in {403, 405}, f"{method} {url}: {response.status_code}"
            if response.status_code == 403:
                checked.append(f"{method} {name}")
    assert len(checked) > 20


def test_a_request_with_the_token_goes_through(people):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/login/",
        {"username": "alice@example.org", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_logging_in_needs_the_token_too(people):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 403
