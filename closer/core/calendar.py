"""Business days and local times: when a reminder may fall, and how a day reads to a person.

A business day is a day of the user's work week that is not a public holiday of their country
(and region). Holidays come from the `holidays` package.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from closer.core.records import PlanSettings

if TYPE_CHECKING:
    from collections.abc import Container

    import holidays

DEFAULT_WORK_WEEK: frozenset[int] = frozenset({0, 1, 2, 3, 4})

_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class BusinessCalendar:
    """Answers "is this a working day?" for one user's work week and public holidays."""

    def __init__(
        self,
        work_week: frozenset[int] = DEFAULT_WORK_WEEK,
        country: str = "",
        subdivision: str = "",
    ) -> None:
        days = frozenset(work_week)
        if not days:
            raise ValueError("The work week needs at least one working day.")
        unknown = sorted(d for d in days if d not in range(7))
        if unknown:
            raise ValueError(f"Work week days must be 0 (Monday) to 6 (Sunday), not {unknown}.")
        self.work_week = days
        self.country = country.strip().upper()
        self.subdivision = subdivision.strip()
        if self.subdivision and not self.country:
            raise ValueError(f"Region {self.subdivision!r} needs a country for public holidays.")
        self._holidays = self._load_holidays()

    @classmethod
    def from_settings(cls, settings: PlanSettings) -> BusinessCalendar:
        return cls(
            work_week=settings.work_week,
            country=settings.holiday_country,
            subdivision=settings.holiday_subdivision,
        )

    def _load_holidays(self) -> holidays.HolidayBase | None:
        if not self.country:
            return None
        # Imported here: the package costs ~50 ms to import, which every `closer` command and
        # worker start would pay though only a calendar with a country needs it.
        import holidays

        try:
            found = holidays.country_holidays(self.country)
        except NotImplementedError:
            raise ValueError(
                f"No public holidays are known for country {self.country!r}; "
                "use a two-letter ISO code such as US or DE."
            ) from None
        if not self.subdivision:
            return found
        # Region codes are upper case in ISO 3166-2, but a few countries also accept names,
        # so the value is tried as typed before falling back to upper case.
        for candidate in dict.fromkeys((self.subdivision, self.subdivision.upper())):
            try:
                # No years given: the object fills in each year the first time it is asked
                # about a date in it, so only the years actually used are computed.
                return holidays.country_holidays(self.country, subdiv=candidate)
            except NotImplementedError:
                continue
        raise ValueError(
            f"Country {self.country!r} has no region {self.subdivision!r} for public holidays."
        )

    def holiday_name(self, day: date) -> str | None:
        if self._holidays is None:
            return None
        return self._holidays.get(day)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() in self.work_week and self.holiday_name(day) is None

    def add_business_days(self, day: date, n: int, *, also_skip: Container[date] = ()) -> date:
        """The n-th business day strictly after `day`; with n == 0, `day` itself or the next
        business day if `day` is not one.

        Days in `also_skip` count as days off too: the timeline reader passes the holidays the
        words name ("5 business days, not counting Thanksgiving"), which need not be holidays of
        this calendar. Raises OverflowError past `date.max`.
        """
        if n < 0:
            raise ValueError(f"Cannot count a negative number of business days ({n}).")
        current = day
        if n == 0:
            while not self._counts(current, also_skip):
                current += timedelta(days=1)
            return current
        remaining = n
        while remaining:
            current += timedelta(days=1)
            if self._counts(current, also_skip):
                remaining -= 1
        return current

    def business_day_before(self, day: date, n: int = 1) -> date:
        """The n-th business day strictly before `day` (n >= 1)."""
        if n < 1:
            raise ValueError(f"Count at least one business day back, not {n}.")
        current, remaining = day, n
        while remaining:
            current -= timedelta(days=1)
            if self.is_business_day(current):
                remaining -= 1
        return current

    def first_business_day_after(self, day: date, *, also_skip: Container[date] = ()) -> date:
        return self.add_business_days(day, 1, also_skip=also_skip)

    def _counts(self, day: date, also_skip: Container[date]) -> bool:
        return self.is_business_day(day) and day not in also_skip


def local_datetime(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The instant `at` o'clock on `day` in `tz`.

    On a DST change a wall-clock time may not exist (clocks jump forward) or may exist twice
    (clocks fall back). fold=0 takes the earlier reading in both cases, and the round trip
    through UTC turns a time that never happened into the real instant it stands for (02:30
    in a spring-forward gap becomes 03:30), so a reminder is never stored at a time that
    cannot be displayed or compared consistently.
    """
    wall = datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=tz)
    return wall.astimezone(UTC).astimezone(tz)


def format_day(day: date, with_year: bool = False) -> str:
    """A day as people write it: Thu 10 Dec, or Thu 10 Dec 2026 with the year.

    The names are spelled out here rather than taken from strftime, whose output follows the
    machine's locale."""
    text = f"{_WEEKDAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text
