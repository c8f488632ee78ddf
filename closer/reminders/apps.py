from __future__ import annotations

import logging

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "closer.reminders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from closer.reminders.logs import RedactSecretPaths

        # The feed URL is a password: Django logs the path of every request it serves
        # (runserver) and of every 4xx/5xx (django.request), so scrub it there.
        for name in ("django.request", "django.server", "django.security"):
            logging.getLogger(name).addFilter(RedactSecretPaths())
