from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from closer import clock
from closer.accounts.models import Coaching, Invitation, LoginFailure, SampleSpace, UserSettings
from closer.mail.messages import Sending, make_email, send_on_commit

LOCAL_USERNAME = "me"


def local_user() -> User:
    """The one implicit user of local mode, created on first use."""
    users = get_user_model().objects.select_related("closer_settings")
    found: User | None = users.filter(username=LOCAL_USERNAME).first()
    if found is not None:
        return found
    user, _ = get_user_model().objects.get_or_create(username=LOCAL_USERNAME)
    return user


# Where UserZoneMiddleware keeps the settings it loaded, for the rest of the request.
_REQUEST_CACHE = "_closer_settings"


def settings_for(user: User) -> UserSettings:
    """The user's settings, created on first use; within a web request, loaded once."""
    cached: UserSettings | None = getattr(user, _REQUEST_CACHE, None)
    if cached is not None:
        return cached
    found, _ = UserSettings.objects.get_or_create(user=user)
    return found


def settings_for_request(user: User) -> UserSettings:
    """Load the settings once and keep them on this request's user object (a fresh object per
    request, so nothing outlives the request). The request's user usually comes with them
    already (select_related in local_user() and in the sign-in backend)."""
    joined: UserSettings | None = user._state.fields_cache.get("closer_settings")
    found = joined if joined is not None else settings_for(user)
    setattr(user, _REQUEST_CACHE, found)
    return found


def user_now(user: User) -> datetime:
    """The current instant in the user's own time zone (CLOSER_NOW respected)."""
    return clock.now(settings_for(user).zone)


def settings_save(*, user_settings: UserSettings) -> UserSettings:
    """Save the user's settings. (Saving them from the Settings page also re-plans: see
    pipeline.services.settings_apply.)"""
    user_settings.save()
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


SIGNUP_SALT = "closer.accounts.signup"
SIGNUP_MAX_AGE = 60 * 60 * 24 * 3


@dataclass(frozen=True)
class SignedUp:
    # The account, ready to use at once: an invitation sent to this very address proved it.
    user: User | None
    # Otherwise the email that went to the address: a link to confirm it, or, when the
    # address has an account already, a word that it does.
    sending: Sending | None = None


def user_signup(*, email: str, password: str, base_url: str, token: str = "") -> SignedUp:
    """Sign up with an address. The answer is the same whether or not the address has an
    account, so sign-up tells nobody which addresses do: the address itself is told, by
    email. Without an invitation the account is used only once the emailed link is opened,
    so nobody can take an address they do not read."""
    if not signup_allowed(email=email, token=token):
        raise InvitationError("Sign-up here is by invitation; use the link from your email.")
    email = email.strip().lower()
    found = get_user_model().objects.filter(username__iexact=email).first()
    if found is not None and found.is_active:
        context = {"email": email, "login": _link(base_url, reverse("accounts:login"))}
        message = make_email("accounts/emails/signup-exists", context, to=[email])
        return SignedUp(None, send_on_commit(message))
    with transaction.atomic():
        user = found or get_user_model().objects.create_user(username=email, email=email)
        user.set_password(password)
        user.is_active = bool(token)
        user.save()
        settings_for(user)
        if token:
            Invitation.objects.filter(token_hash=token_hash(token)).update(used_at=timezone.now())
            return SignedUp(user)
        confirm = signing.dumps({"user": user.pk, "email": email}, salt=SIGNUP_SALT)
        link = _link(base_url, reverse("accounts:signup_confirm", args=[confirm]))
        message = make_email("accounts/emails/signup-confirm", {"link": link}, to=[email])
        return SignedUp(None, send_on_commit(message))


def signup_confirm(*, token: str) -> User:
    """The address is confirmed: the account can be used. Raises InvitationError."""
    try:
        data = signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_MAX_AGE)
    except signing.BadSignature:
        raise InvitationError("This link is broken or too old; sign up again.") from None
    user = get_user_model().objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        raise InvitationError("This link is for an account that is gone; sign up again.")
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def email_change_request(*, user: User, new_email: str, base_url: str) -> Sending:
    """Send a link to `new_email` that changes the account's email once opened; nothing is
    stored until then (the link is signed)."""
    new_email = new_email.strip().lower()
    token = email_change_token(user=user, new_email=new_email)
    link = _link(base_url, reverse("accounts:email_change_confirm", args=[token]))
    message = make_email(
        "accounts/emails/email-change", {"new_email": new_email, "link": link}, to=[new_email]
    )
    return send_on_commit(message)


def email_change_token(*, user: User, new_email: str) -> str:
    """A signed link token for confirming a new address. It names how many times the email
    has changed so far, so it works once: after any change (even back again) it is spent."""
    changes = settings_for(user).email_changes
    return signing.dumps(
        {"user": user.pk, "n": changes, "new": new_email.strip().lower()},
        salt=EMAIL_CHANGE_SALT,
    )


@transaction.atomic
def email_change_confirm(*, user: User, token: str) -> str:
    """Apply a confirmed email change; returns the new address. Raises InvitationError."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        raise InvitationError("This link is broken or too old; ask for a new one.") from None
    prefs = UserSettings.objects.select_for_update().get(pk=settings_for(user).pk)
    if data.get("user") != user.pk or data.get("n") != prefs.email_changes:
        raise InvitationError("This link is not for this account, or was used already.")
    new: str = data["new"]
    if get_user_model().objects.filter(username__iexact=new).exclude(pk=user.pk).exists():
        raise InvitationError("Another account uses this email now.")
    user.email = new
    user.username = new
    user.save(update_fields=["email", "username"])
    prefs.email_changes += 1
    prefs.save(update_fields=["email_changes"])
    return new


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the user and, through the database's cascades, every row they own, their sample
    space with it; and what holds their name or address without being theirs: their sessions
    on other devices,
    failed logins counted against them, invitations to sign up, and other people's
    invitations to coach them. Comments they left as a coach stay with the client, signed
    with their address and "(account deleted)" (coaching.models.Comment)."""
    email = (user.email or "").strip().lower()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
    names = {user.get_username().strip().lower(), email} - {""}
    LoginFailure.objects.filter(username__in=names).delete()
    if email:
        Invitation.objects.filter(email__iexact=email).delete()
        Coaching.objects.filter(email__iexact=email, status=Coaching.Status.INVITED).delete()
    # The sample account would outlive the person otherwise: nothing of it points at them.
    sample_space_delete(owner=user)
    user.delete()


def _link(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


# --- coaching: a job seeker's consent for a coach to read their data ------------------------


@dataclass(frozen=True)
class CoachInvited:
    coaching: Coaching
    # The secret in the emailed link; only its hash is stored.
    token: str
    sending: Sending


@transaction.atomic
def coaching_invite(*, owner: User, email: str, base_url: str) -> CoachInvited:
    """A new invitation for a coach, emailed to them once it is stored."""
    token = secrets.token_urlsafe(32)
    coaching = Coaching.objects.create(
        owner=owner, email=email.strip().lower(), token_hash=token_hash(token)
    )
    context = {
        "client": owner.email or "A job seeker",
        "link": _link(base_url, reverse("coaching:accept", args=[token])),
    }
    message = make_email("accounts/emails/coaching-invitation", context, to=[coaching.email])
    return CoachInvited(coaching, token, send_on_commit(message))


@transaction.atomic
def coaching_accept(*, coach: User, token: str) -> Coaching:
    coaching = invitation_for(token)
    if coaching is None:
        raise InvitationError("This invitation is unknown, was withdrawn, or was used already.")
    if coaching.email.lower() != (coach.email or "").lower():
        raise InvitationError(
            f"This invitation was sent to {coaching.email}; log in with that address to accept it."
        )
    if coaching.owner_id == coach.pk:
        raise InvitationError("You cannot coach yourself.")
    # A second invitation to a coach who already has access replaces nothing; keep one row.
    Coaching.objects.filter(
        owner_id=coaching.owner_id, coach=coach, status=Coaching.Status.ACTIVE
    ).update(status=Coaching.Status.REVOKED, revoked_at=timezone.now())
    coaching.coach = coach
    coaching.status = Coaching.Status.ACTIVE
    coaching.accepted_at = timezone.now()
    coaching.save(update_fields=["coach", "status", "accepted_at"])
    return coaching


def coaching_revoke(*, coaching: Coaching) -> None:
    coaching.status = Coaching.Status.REVOKED
    coaching.revoked_at = timezone.now()
    coaching.save(update_fields=["status", "revoked_at"])


def invitation_for(token: str) -> Coaching | None:
    """The open invitation this token stands for, if any."""
    return (
        Coaching.objects.filter(token_hash=token_hash(token), status=Coaching.Status.INVITED)
        .select_related("owner")
        .first()
    )


# --- the sample space: the sample pipeline's own account, apart from the person's ---------------

# The settings a sample account copies from its person, so its dates fall on the same days.
SAMPLE_COPIES = ("time_zone", "work_week", "holiday_country", "holiday_subdivision")


def sample_user_of(owner: User) -> User | None:
    """The account holding `owner`'s sample data, if they have one."""
    found = (
        SampleSpace.objects.filter(owner=owner).select_related("sample__closer_settings").first()
    )
    return found.sample if found else None


def is_sample(user: User) -> bool:
    return SampleSpace.objects.filter(sample=user).exists()


@transaction.atomic
def sample_space_open(*, owner: User) -> User:
    """`owner`'s sample account, made on first use: inactive and without a password, so it
    can never be signed in to, and with the owner's time zone and work week."""
    found = sample_user_of(owner)
    if found is not None:
        return found
    if is_sample(owner):
        raise ValueError("A sample account has no sample space of its own.")
    prefs = settings_for(owner)
    try:
        with transaction.atomic():
            # No password (create_user makes it unusable) and no "@": hosted usernames are
            # email addresses, so no sign-up can ever claim this one.
            sample = get_user_model().objects.create_user(
                username=f"sample-space-of-{owner.pk}", is_active=False
            )
            UserSettings.objects.create(
                user=sample, **{name: getattr(prefs, name) for name in SAMPLE_COPIES}
            )
            SampleSpace.objects.create(owner=owner, sample=sample)
    except IntegrityError:
        # Another request made it a moment ago (two clicks, two tabs): use that one.
        made = sample_user_of(owner)
        if made is None:
            raise
        return made
    return sample


@transaction.atomic
def sample_space_delete(*, owner: User) -> bool:
    """Delete `owner`'s sample account and, through the cascades, every sample row; False
    when there was none."""
    sample = sample_user_of(owner)
    if sample is None:
        return False
    sample.delete()
    return True
