"""How long is left to send a note, the way a person says it: "due tonight, 5 h left"."""

from __future__ import annotations

from datetime import datetime, timedelta

from closer.core.calendar import format_day

_EVENING = 18  # from this hour on, "today" reads as "tonight"


def countdown(due: datetime, now: datetime) -> str:
    """`due` and `now` are aware; the day boundaries are those of `now`'s zone."""
    local = due.astimezone(now.tzinfo)
    if local <= now:
        if local.date() == now.date():
            return f"{span(now - local)} overdue"
        return f"overdue since {format_day(local.date())}"
    if local.date() == now.date():
        when = "due tonight" if local.hour >= _EVENING else "due today"
        return f"{when}, {span(local - now)} left"
    if local.date() == now.date() + timedelta(days=1):
        return f"due tomorrow at {local:%H:%M}"
    return f"due {format_day(local.date(), with_year=local.year != now.year)}"


def span(delta: timedelta) -> str:
    """5 h, 1 h 20 min, 40 min: whole minutes, rounded down, never "0 min"."""
    minutes = max(1, int(delta.total_seconds() // 60))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    if hours >= 3 or not rest:
        return f"{hours} h"
    return f"{hours} h {rest} min"
