"""Links made fast: every page draws the same menu, and Today and the board several links per
row. reverse() costs tens of microseconds: reversing the menu's ten links on every request
took about half the time of drawing an empty Today."""

from __future__ import annotations

from functools import cache

from django.urls import get_script_prefix, reverse

# A row carries several links whose shape never changes, so each shape is reversed once (per
# script prefix) and the id dropped in.
_PLACEHOLDER_PK = 987654321


@cache
def _page_url(name: str, script_prefix: str) -> str:  # the prefix is part of the cache key
    return reverse(name)


def page_url(name: str) -> str:
    """{% url name %} for a page that takes no arguments, reversed once per process."""
    return _page_url(name, get_script_prefix())


@cache
def _url_shape(name: str, script_prefix: str) -> str:  # the prefix is part of the cache key
    return reverse(name, args=[_PLACEHOLDER_PK])


def url_with_pk(name: str, pk: int) -> str:
    return _url_shape(name, get_script_prefix()).replace(str(_PLACEHOLDER_PK), str(pk), 1)
