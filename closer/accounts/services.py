from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.utils import timezone

from closer import clock
from closer.accounts.models import Invitation, UserSettings

LOCAL_USERNAME = "me"


def local_user() -> AbstractBaseUser:
    """The one implicit user of local mode, created on first use."""
    user, _ = get_user_model().objects.get_or_create(username=LOCAL_USERNAME)
    return user


# Where UserZoneMiddleware keeps the settings it loaded, for the rest of the request.
_REQUEST_CACHE = "_closer_settings"


def settings_for(user: AbstractBaseUser) -> UserSettings:
    """The user's settings, created on first use; within a web request, loaded once."""
    cached = getattr(user, _REQUEST_CACHE, None)
    if cached is not None:
        return cached
    found, _ = UserSettings.objects.get_or_create(user=user)
    return found


def settings_for_request(user: AbstractBaseUser) -> UserSettings:
    """Load the settings once and keep them on this request's user object (a fresh object per
    request, so nothing outlives the request)."""
    found = settings_for(user)
    setattr(user, _REQUEST_CACHE, found)
    return found


def user_now(user: AbstractBaseUser) -> datetime:
    """The current instant in the user's own time zone (CLOSER_NOW respected)."""
    return clock.now(settings_for(user).zone)


@transaction.atomic
def settings_save(*, user_settings: UserSettings) -> UserSettings:
    """Save the user's settings and re-plan every opportunity that still has open actions,
    so a new work week or holiday calendar moves what is still to do."""
    from closer.pipeline.services import plan_refresh_open

    user_settings.save()
    plan_refresh_open(owner=user_settings.user, now=user_now(user_settings.user))
    return user_settings


# --- hosted accounts ---------------------------------------------------------------------------

EMAIL_CHANGE_SALT = "closer.accounts.email-change"
EMAIL_CHANGE_MAX_AGE = 60 * 60 * 24 * 3


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationError(Exception):
    """An invitation link that is unknown, used, or for another address."""


def invitation_create(*, email: str) -> str:
    """An invitation to sign up; returns the token for the link (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(email=email.strip().lower(), token_hash=token_hash(token))
    return token


def signup_allowed(*, email: str, token: str) -> bool:
    """Whether this email may sign up: always when sign-up is open; by invitation otherwise
    (an invitation to sign up, or to coach someone, sent to this very address)."""
    from closer.coaching.models import Coaching

    if django_settings.CLOSER_SIGNUP == "open":
        return True
    if not token:
        return False
    digest = token_hash(token)
    email = email.strip().lower()
    return (
        Invitation.objects.filter(token_hash=digest, email__iexact=email, used_at=None).exists()
        or Coaching.objects.filter(
            token_hash=digest, email__iexact=email, status=Coaching.Status.INVITED
        ).exists()
    )


@transaction.atomic
def user_signup(*, email: str, password: str, token: str = "") -> AbstractBaseUser:
    if not signup_allowed(email=email, token=token):
        raise InvitationError("Sign-up here is by invitation; use the link from your email.")
    email = email.strip().lower()
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    if token:
        Invitation.objects.filter(token_hash=token_hash(token)).update(used_at=timezone.now())
    settings_for(user)
    return user


def email_change_token(*, user: AbstractBaseUser, new_email: str) -> str:
    """A signed link token for confirming a new address. It names the old address too, so it
    stops working once the email has changed (or changed back)."""
    return signing.dumps(
        {"user": user.pk, "old": user.email, "new": new_email.strip().lower()},
        salt=EMAIL_CHANGE_SALT,
    )


def email_change_confirm(*, user: AbstractBaseUser, token: str) -> str:
    """Apply a confirmed email change; returns the new address. Raises InvitationError."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        raise InvitationError("This link is broken or too old; ask for a new one.") from None
    if data.get("user") != user.pk or data.get("old") != user.email:
        raise InvitationError("This link is not for this account, or was used already.")
    new = data["new"]
    if get_user_model().objects.filter(username__iexact=new).exclude(pk=user.pk).exists():
        raise InvitationError("Another account uses this email now.")
    user.email = new
    user.username = new
    user.save(update_fields=["email", "username"])
    return new


@transaction.atomic
def account_delete(*, user: AbstractBaseUser) -> None:
    """Delete the user and, through the database's cascades, every row they own."""
    user.delete()
