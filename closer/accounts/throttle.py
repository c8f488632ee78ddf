"""Login throttling, per account and per client address.

A locked account stays locked for the whole window even for the right password: otherwise a
guesser would learn which guess was right from the different answer."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from closer.accounts.models import LoginFailure

TOO_MANY = (
    "Too many attempts to log in. For your safety, logging in is paused for {minutes} "
    "minutes. If you have forgotten your password, reset it by email instead."
)


def client_address(request: HttpRequest) -> str:
    """The address of the person, not of our own reverse proxy: with N trusted proxies, the
    Nth entry from the right of X-Forwarded-For (earlier entries are whatever the client sent)."""
    hops = settings.CLOSER_PROXY_COUNT
    if hops > 0:
        header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [p.strip() for p in header.split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= hops:
            return forwarded[-hops][:64]
    address: str = request.META.get("REMOTE_ADDR", "")
    return address[:64]


def _since() -> datetime:
    return timezone.now() - timedelta(minutes=settings.CLOSER_LOGIN_WINDOW_MINUTES)


def normalise(username: str) -> str:
    return username.strip().lower()[:254]


def is_locked(username: str, address: str) -> bool:
    recent = LoginFailure.objects.filter(at__gte=_since())
    return (
        recent.filter(username=normalise(username)).count() >= settings.CLOSER_LOGIN_MAX_PER_ACCOUNT
        or recent.filter(address=address).count() >= settings.CLOSER_LOGIN_MAX_PER_ADDRESS
    )


def record_failure(username: str, address: str) -> None:
    LoginFailure.objects.create(username=normalise(username), address=address, at=timezone.now())
    # Old rows count for nothing; dropping them here keeps the table small without a job.
    LoginFailure.objects.filter(at__lt=_since()).delete()


def clear(username: str) -> None:
    LoginFailure.objects.filter(username=normalise(username)).delete()


def locked_message() -> str:
    return TOO_MANY.format(minutes=settings.CLOSER_LOGIN_WINDOW_MINUTES)
