"""Links to one object, made fast: pages like Today and the board draw several per row."""

from __future__ import annotations

from functools import cache

from django.urls import get_script_prefix, reverse

# reverse() costs tens of microseconds and a row carries several links whose shape never
# changes, so each shape is reversed once (per script prefix) and the id dropped in.
_PLACEHOLDER_PK = 987654321


@cache
def _url_shape(name: str, script_prefix: str) -> str:  # the prefix is part of the cache key
    return reverse(name, args=[_PLACEHOLDER_PK])


def url_with_pk(name: str, pk: int) -> str:
    return _url_shape(name, get_script_prefix()).replace(str(_PLACEHOLDER_PK), str(pk), 1)
