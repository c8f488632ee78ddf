"""Date arithmetic for the timeline reader: weeks that end on Friday, month and quarter ends,
business days, and the US holidays people name ("after Thanksgiving"). "Convention N" in the
comments is the numbered rule in CONVENTIONS.md.

Every helper returns None instead of raising when a date cannot exist (Feb 30, year 99999),
so junk input turns into "no date" rather than an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `typing` costs start-up time
if TYPE_CHECKING:
    # At run time the calendar module is imported only when business days are counted.
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

    The flag says the date already passed this year within the last month. Convention 8 makes
    such a date next year's, but "we met on Nov 20" said on Nov 25 is about the past, so the
    reader treats it as a past date instead of a plan eleven months away (see "Where the
    conventions are silent" in CONVENTIONS.md).
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


@lru_cache(maxsize=1)
def _weekends_off() -> BusinessCalendar:
    """The calendar counted with when the user gave none: Saturdays and Sundays off, nothing
    else (convention 6)."""
    # Imported on first use: the calendar module costs ~15 ms (`typing`, the records), which
    # a reading that counts no business days need not pay.
    from closer.core.calendar import BusinessCalendar

    return BusinessCalendar()


@dataclass
class Context:
    """What every rule needs: the day the words were said, the user's business calendar if
    any, and the holidays the words themselves name (convention 6: "not counting
    Thanksgiving" takes that day out of a business-day count even without a calendar).

    The counting itself is the calendar's (`BusinessCalendar.add_business_days`), so the
    reader and the planner agree on what a business day is; this class only adds the named
    holidays, and turns counts and dates that make no sense into None instead of errors.
    """

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

    def add_business_days(self, day: date, n: int) -> date | None:
        """The n-th business day strictly after `day` (convention 6: counting from the day
        after); None for a count that is no plan ("0", "999 business days")."""
        if not 0 < n <= MAX_BUSINESS_DAYS:
            return None
        return self._count(day, n, self.skipped())

    def first_business_day_after(
        self, day: date, also_skip: set[date] | None = None
    ) -> date | None:
        skip = self.skipped() | also_skip if also_skip else self.skipped()
        found = self._count(day, 1, skip)
        # A calendar with no working day in two months is not one: no date rather than a
        # far one.
        return found if found is not None and (found - day).days <= 60 else None

    def _count(self, day: date, n: int, skip: set[date]) -> date | None:
        calendar = self.calendar if self.calendar is not None else _weekends_off()
        try:
            return calendar.add_business_days(day, n, also_skip=skip)
        except OverflowError:  # counting past year 9999: the words give no real date
            return None
