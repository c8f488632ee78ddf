"""Closer's settings with one trivial view as the whole site: the stack's own limit.

DJANGO_SETTINGS_MODULE=bench.trivial_settings gunicorn closer.wsgi
"""

from closer.settings import *  # noqa: F403  (the same middleware and database)

ROOT_URLCONF = "bench.trivial_urls"
