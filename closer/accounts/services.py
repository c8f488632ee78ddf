from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from closer import clock
from closer.accounts.models import UserSettings

LOCAL_USERNAME = "me"


def local_user() -> AbstractBaseUser:
    """The one implicit user of local mode, created on first use."""
    user, _ = get_user_model().objects.get_or_create(username=LOCAL_USERNAME)
    return user


def settings_for(user: AbstractBaseUser) -> UserSettings:
    found, _ = UserSettings.objects.get_or_create(user=user)
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
