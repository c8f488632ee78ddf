"""The one clock of Closer. CLOSER_NOW (an ISO datetime) freezes it, for demos and tests.

A CLOSER_NOW without an offset means wall-clock time in the user's zone, because that is how
a person reads "2026-11-25T15:00".
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo


class ClockError(ValueError):
    pass


def now(tz: ZoneInfo | None = None) -> datetime:
    """The current instant, aware; expressed in `tz` when given."""
    zone = tz or ZoneInfo("UTC")
    raw = os.environ.get("CLOSER_NOW", "").strip()
    if not raw:
        return datetime.now(UTC).astimezone(zone)
    try:
        frozen = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise ClockError(
            f"CLOSER_NOW must be an ISO datetime such as 2026-11-25T15:00, not {raw!r}"
        ) from exc
    if frozen.tzinfo is None:
        frozen = frozen.replace(tzinfo=zone)
    return frozen.astimezone(zone)


def machine_zone() -> str:
    """The machine's IANA time zone: TZ if set, else /etc/localtime, else UTC."""
    name = os.environ.get("TZ", "").lstrip(":").strip()
    if name and _valid_zone(name):
        return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    if marker in target:
        candidate = target.split(marker, 1)[1]
        if _valid_zone(candidate):
            return candidate
    return "UTC"


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (KeyError, ValueError):
        return False
    return True
