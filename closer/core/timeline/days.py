"""Date arithmetic for the timeline reader: weeks that end on Friday, month and quarter ends,
business days, and the US holidays people name ("after Thanksgiving").

Every helper returns None instead of raising when a date cannot exist (Feb 30, year 99999),
so junk input turns into "no date" rather than an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `typing` costs start-up time
if TYPE_CHECKING:
    # Only for type hints: importing the calendar module pulls in `holidays` (~35 ms), which
    # the reader must not pay for at import time.
    from closer.core.calendar import BusinessCalendar

ONE_DAY = timedelta(days=1)
FRIDAY = 4
# Counting business days is a loop; "999 business days" is junk, not a plan, and must stay fast.
MAX_BUSINESS_DAYS = 400
# Years the holiday tables are asked about; anything else is not a real plan either.
_HOLIDAY_YEARS = range(1950, 2201)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def shift(day: date | None, days: int) -> date | None:
    if day is None:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def month_end(year: int, month: int) -> date | None:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    first_of_next = safe_date(year + month // 12, month % 12 + 1, 1)
    return shift(first_of_next, -1) if first_of_next else safe_date(year, 12, 31)


def add_months(day: date, months: int) -> date | None:
    """The same day `months` later, clamped to the month's end (Jan 31 + 1 month = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    end = month_end(year, month + 1)
    if end is None:
        return None
    return safe_date(year, month + 1, min(day.day, end.day))


def monday_of(day: date) -> date | None:
    return shift(day, -day.weekday())


def next_weekday_after(day: date, weekday: int) -> date | None:
    """The nearest `weekday` strictly after `day` (a Friday said on a Friday is a week on)."""
    return shift(day, (weekday - day.weekday() - 1) % 7 + 1)


def weekday_on_or_after(day: date, weekday: int) -> date | None:
    return shift(day, (weekday - day.weekday()) % 7)


def friday_of_week(day: date) -> date | None:
    """The Friday of the Monday-to-Sunday week holding `day`."""
    return shift(day, FRIDAY - day.weekday())


def quarter_end(year: int, quarter: int) -> date | None:
    return month_end(year, quarter * 3)


def next_month_day(said: date, month: int, day: int) -> tuple[date | None, bool]:
    """A month and day without a year: its next occurrence on or after `said`.

    The flag says the date already passed this year within the last month. Conventions say
    such a date is next year's, but "we met on Nov 20" said on Nov 25 is about the past, so the
    reader treats it as a past date instead of a plan eleven months away.
    """
    this_year = safe_date(said.year, month, day)
    if this_year is None and not (month == 2 and day == 29):
        return None, False
    if this_year is not None and this_year >= said:
        return this_year, False
    recent = this_year is not None and (said - this_year).days <= 31
    for year in range(said.year + 1, said.year + 9):  # Feb 29 waits for a leap year
        found = safe_date(year, month, day)
        if found is not None:
            return found, recent
    return None, False


def next_day_of_month(said: date, day: int) -> date | None:
    """ "The 15th": the next 15th on or after `said`, skipping months too short for it."""
    for months in range(13):
        found = add_months(said.replace(day=1), months) if months else said.replace(day=1)
        if found is None:
            return None
        candidate = safe_date(found.year, found.month, day)
        if candidate is not None and candidate >= said:
            return candidate
    return None


# --- US holidays -------------------------------------------------------------------------------

# Holidays looked up in the `holidays` package's US calendar, by the start of their name there.
_PACKAGE_NAMES = {
    "thanksgiving": "Thanksgiving",
    "christmas": "Christmas Day",
    "newyear": "New Year's Day",
    "labor": "Labor Day",
    "memorial": "Memorial Day",
    "independence": "Independence Day",
    "mlk": "Martin Luther King",
    "presidents": "Washington's Birthday",
    "juneteenth": "Juneteenth",
    "columbus": "Columbus Day",
    "veterans": "Veterans Day",
}
# Days people name that are not federal holidays but have a fixed date.
_FIXED = {"christmas_eve": (12, 24), "nye": (12, 31), "halloween": (10, 31)}

_US_CACHE: dict[int, dict[date, str]] = {}


def us_holidays(year: int) -> dict[date, str]:
    """The US federal holidays of one year, loaded on first use and cached."""
    found = _US_CACHE.get(year)
    if found is None:
        found = {}
        if year in _HOLIDAY_YEARS:
            import holidays  # lazy: the package costs ~35 ms to import and ~40 ms to warm up

            try:
                found = dict(holidays.country_holidays("US", years=year))
            except Exception:  # a package fault must not break reading; no holidays then
                found = {}
        _US_CACHE[year] = found
    return found


@lru_cache(maxsize=4096)
def holiday_in_year(key: str, year: int) -> date | None:
    if key in _FIXED:
        return safe_date(year, *_FIXED[key])
    if key == "easter":
        if year not in _HOLIDAY_YEARS:
            return None
        from dateutil.easter import easter  # lazy, like `holidays`

        return easter(year)
    prefix = _PACKAGE_NAMES.get(key)
    if prefix is None:
        return None
    for day, name in us_holidays(year).items():
        if name.startswith(prefix) and "observed" not in name:
            return day
    return None


def observed_days(key: str, actual: date) -> set[date]:
    """The holiday itself and the weekday it is observed on when it falls on a weekend."""
    return set(_observed_days(key, actual))


@lru_cache(maxsize=4096)
def _observed_days(key: str, actual: date) -> frozenset[date]:
    days = {actual}
    prefix = _PACKAGE_NAMES.get(key)
    if prefix is None:
        return frozenset(days)
    for year in (actual.year - 1, actual.year, actual.year + 1):
        for day, name in us_holidays(year).items():
            if name.startswith(prefix) and "observed" in name and abs((day - actual).days) <= 3:
                days.add(day)
    return frozenset(days)


def next_holiday(key: str, said: date) -> date | None:
    """The named holiday's next occurrence on or after `said`."""
    for year in (said.year, said.year + 1):
        found = holiday_in_year(key, year)
        if found is not None and found >= said:
            return found
    return None


def nearest_federal_holiday(said: date, within_days: int) -> tuple[str, date] | None:
    """ "The holiday" or "the long weekend": the next federal holiday within a few days."""
    coming = []
    for key in _PACKAGE_NAMES:
        found = next_holiday(key, said)
        if found is not None and (found - said).days <= within_days:
            coming.append((found, key))
    if not coming:
        return None
    found, key = min(coming)
    return key, found


# --- Business days -----------------------------------------------------------------------------


@dataclass
class Context:
    """What every rule needs: the day the words were said, the user's business calendar if
    any, and the holidays the words themselves name (convention 6: "not counting
    Thanksgiving" takes that day out of a business-day count even without a calendar)."""

    said: date
    calendar: BusinessCalendar | None = None
    named_holidays: frozenset[str] = frozenset()
    _skip: set[date] | None = field(default=None, repr=False)

    def skipped(self) -> set[date]:
        if self._skip is None:
            self._skip = set()
            for key in self.named_holidays:
                for year in (self.said.year, self.said.year + 1):
                    found = holiday_in_year(key, year)
                    if found is not None:
                        self._skip |= observed_days(key, found)
        return self._skip

    def is_business_day(self, day: date) -> bool:
        if self.calendar is not None:
            working = self.calendar.is_business_day(day)
        else:
            working = day.weekday() < 5
        return working and (not self.named_holidays or day not in self.skipped())

    def add_business_days(self, day: date, n: int) -> date | None:
        """The n-th business day strictly after `day` (convention 6: counting from the day
        after)."""
        if not 0 < n <= MAX_BUSINESS_DAYS:
            return None
        current: date | None = day
        remaining = n
        while remaining:
            current = shift(current, 1)
            if current is None:
                return None
            if self.is_business_day(current):
                remaining -= 1
        return current

    def first_business_day_after(
        self, day: date, also_skip: set[date] | None = None
    ) -> date | None:
        current: date | None = day
        for _ in range(60):  # a calendar with no working days in two months is not one
            current = shift(current, 1)
            if current is None:
                return None
            if self.is_business_day(current) and (not also_skip or current not in also_skip):
                return current
        return None
