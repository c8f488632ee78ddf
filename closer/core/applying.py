"""The plan before the first interview: a reminder to apply ahead of the deadline, then the
application's own follow-ups. An application that goes unanswered goes quiet the way an
interview does: two notes, then a revisit months later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from closer.core.calendar import BusinessCalendar, format_day, local_datetime
from closer.core.records import (
    ActionKind,
    ApplicationRecord,
    OpportunityStatus,
    PlannedAction,
    PlanSettings,
)
from closer.core.text import business_days_in_words

# The reminder to apply comes this many business days before the deadline: time to finish the
# letter, not the night before.
_APPLY_AHEAD = 2


@dataclass(frozen=True)
class _Planning:
    settings: PlanSettings
    calendar: BusinessCalendar
    role: str

    def at(self, day: date, moment: time) -> datetime:
        return local_datetime(day, moment, self.settings.tz)

    def action(self, kind: ActionKind, due: datetime, reason: str, step: int = 1) -> PlannedAction:
        return PlannedAction("", kind, due, reason, step=step)


def application_actions(
    application: ApplicationRecord,
    settings: PlanSettings,
    now: datetime,
    status: OpportunityStatus,
) -> tuple[list[PlannedAction], bool]:
    """A saved job with a deadline gets a reminder to apply; an application that goes
    unanswered gets two follow-ups, then goes quiet (with a revisit), as an interview does.
    The flag says whether it has gone quiet by `now`."""
    role = f"the {application.role} role" if application.role else "this role"
    planning = _Planning(settings, BusinessCalendar.from_settings(settings), role)
    if status is OpportunityStatus.WISHLIST:
        return _apply_reminder(planning, application.apply_by), False
    if application.applied_on is None:
        return [], False
    if status not in (OpportunityStatus.APPLIED, OpportunityStatus.GONE_QUIET):
        return [], False
    return _follow_ups(planning, application, now, status)


def _apply_reminder(planning: _Planning, deadline: date | None) -> list[PlannedAction]:
    if deadline is None:
        return []
    day = max(
        planning.calendar.business_day_before(deadline, _APPLY_AHEAD), deadline - timedelta(7)
    )
    reason = (
        f"Applications for {planning.role} close on {format_day(deadline)}; apply by "
        f"{format_day(day)} to leave a margin."
    )
    return [planning.action(ActionKind.APPLY, planning.at(day, planning.settings.reply_at), reason)]


def _follow_ups(
    planning: _Planning, application: ApplicationRecord, now: datetime, status: OpportunityStatus
) -> tuple[list[PlannedAction], bool]:
    settings, calendar, at = planning.settings, planning.calendar, planning.at
    applied = application.applied_on
    assert applied is not None
    days = settings.application_follow_up_days
    first = at(calendar.add_business_days(applied, days), settings.follow_up_at)
    second_day = calendar.add_business_days(first.date(), settings.second_follow_up_days)
    quiet = at(
        calendar.add_business_days(second_day, settings.gone_quiet_days), settings.follow_up_at
    )
    if status is OpportunityStatus.GONE_QUIET and now < quiet:
        return [], False  # moved there by hand: the user has given up waiting
    actions = [
        planning.action(
            ActionKind.APPLICATION_FOLLOW_UP,
            first,
            f"You applied for {planning.role} on {format_day(applied)} and heard nothing in "
            f"{business_days_in_words(days)}; a short note asking how things stand is fair.",
        ),
        planning.action(
            ActionKind.APPLICATION_FOLLOW_UP,
            at(second_day, settings.follow_up_at),
            f"Still no word after the follow-up on {format_day(first.date())}; one more short "
            "note, then let it rest.",
            step=2,
        ),
    ]
    if now < quiet:
        return actions, False
    company = application.company or "The company"
    revisit_day = calendar.add_business_days(quiet.date() + timedelta(settings.revisit_days), 0)
    reason = (
        f"{company} never answered your application; {settings.revisit_days} days after it "
        "went quiet, look again: plans change and new roles open."
    )
    actions.append(planning.action(ActionKind.REVISIT, at(revisit_day, settings.reply_at), reason))
    return actions, True
