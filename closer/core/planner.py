"""The plan: from how an interview ended (and what came back since) to the next actions.

Both entry points are pure functions of their arguments, so re-planning with the same inputs
always gives the same actions, and the shell can replace open actions by identity without
ever duplicating one. The rules and their defaults are the "Plan rules" table in DESIGN §2.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from closer.core.applying import application_actions
from closer.core.calendar import BusinessCalendar, format_day, local_datetime
from closer.core.records import (
    ActionKind,
    AnswerKind,
    AnswerRecord,
    ApplicationRecord,
    CloseAnswer,
    CloseRecord,
    OpportunityStatus,
    Permission,
    Person,
    Plan,
    PlannedAction,
    PlanSettings,
)
from closer.core.status import DROPPED_WHEN, after_silence
from closer.core.text import business_days_in_words, join_names

_END_OF_DAY = time(23, 59)


@dataclass(frozen=True)
class _Context:
    """What every rule needs about one close, already converted to the user's time zone."""

    close: CloseRecord
    settings: PlanSettings
    calendar: BusinessCalendar
    interview_day: date
    interviewers: tuple[Person, ...]
    # Feedback is on file (from the close or a later answer): thank for it, never ask again.
    feedback_given: bool = False

    @property
    def first_interviewer(self) -> Person | None:
        return self.interviewers[0] if self.interviewers else None

    def at(self, day: date, at: time) -> datetime:
        return local_datetime(day, at, self.settings.tz)

    def after(self, since: date, business_days: int, at: time) -> datetime:
        return self.at(self.calendar.add_business_days(since, business_days), at)

    def action(
        self,
        kind: ActionKind,
        due: datetime,
        reason: str,
        contact: Person | None = None,
        *,
        step: int = 1,
        late: bool = False,
    ) -> PlannedAction:
        return PlannedAction(self.close.interview_key, kind, due, reason, contact, step, late)


def plan_close(
    close: CloseRecord,
    answers: Sequence[AnswerRecord],
    settings: PlanSettings,
    now: datetime,
    *,
    status: OpportunityStatus = OpportunityStatus.INTERVIEWING,
) -> Plan:
    """Every next action for one interview, given the answers received since it started and
    where its opportunity stands (`status`)."""
    actions, silent = _close_actions(close, answers, settings, now)
    return _settled(actions, status, silent=silent)


def plan_opportunity(
    closes: Sequence[CloseRecord],
    answers: Sequence[AnswerRecord],
    settings: PlanSettings,
    now: datetime,
    *,
    status: OpportunityStatus = OpportunityStatus.INTERVIEWING,
    application: ApplicationRecord | None = None,
) -> Plan:
    """The plan for several interviews of one opportunity: a newer interview supersedes the
    follow-ups of earlier ones, but every interviewer met along the way still gets thanked.
    Before the first close, the plan is the application's own (`application`)."""
    if not closes:
        if application is None:
            return Plan(actions=(), status=status)
        now = _local(now, settings, "now")
        actions, silent = application_actions(application, settings, now, status)
        return _settled(actions, status, silent=silent)
    ordered = sorted(closes, key=lambda c: c.starts_at)
    latest, silent = _close_actions(ordered[-1], answers, settings, now)
    earlier = [a for c in ordered[:-1] for a in _thank_you_actions(_context(c, settings))]
    # The latest close comes first so that, if two closes share an interview key, its
    # actions are the ones kept.
    return _settled([*latest, *earlier], status, silent=silent)


def reconnect_due(last_in_touch: date, settings: PlanSettings) -> datetime:
    """When to get back in touch with an ally last in touch on `last_in_touch`: the cadence in
    calendar days, landing on a business day."""
    return _reconnect_due(BusinessCalendar.from_settings(settings), settings, last_in_touch)


def _reconnect_due(calendar: BusinessCalendar, settings: PlanSettings, since: date) -> datetime:
    day = calendar.add_business_days(since + timedelta(days=settings.reconnect_days), 0)
    return local_datetime(day, settings.reply_at, settings.tz)


def _settled(actions: Iterable[PlannedAction], status: OpportunityStatus, *, silent: bool) -> Plan:
    """What the opportunity's status leaves of the actions, whom they make allies, and the
    status after `silent` (both follow-ups unanswered)."""
    dropped = DROPPED_WHEN.get(status, frozenset())
    kept = _sorted_unique(a for a in actions if a.kind not in dropped)
    allies = (a.contact.key for a in kept if a.kind is ActionKind.RECONNECT and a.contact)
    return Plan(
        actions=kept,
        status=after_silence(status) if silent else status,
        allies=tuple(dict.fromkeys(allies)),
    )


def _close_actions(
    close: CloseRecord, answers: Sequence[AnswerRecord], settings: PlanSettings, now: datetime
) -> tuple[list[PlannedAction], bool]:
    """The actions of one close, and whether both follow-ups have gone unanswered."""
    since = _answers_since(close, answers)
    feedback = bool(close.feedback.strip()) or any(a.feedback.strip() for a in since)
    ctx = replace(_context(close, settings), feedback_given=feedback)
    now_local = _local(now, settings, "now")
    actions = _thank_you_actions(ctx)
    silent = False
    answer = _effective_answer(close, answers)
    if answer is None:
        day = ctx.interview_day
        if close.answer is CloseAnswer.PENDING:
            pending, silent = _pending_actions(ctx, now_local)
            actions += pending
        elif close.answer is CloseAnswer.NEXT_ROUND:
            actions += _next_round_actions(
                ctx, day, close.next_round_at, close.next_round_cancelled
            )
        elif close.answer is CloseAnswer.OFFERED:
            actions += _offer_actions(ctx, day, close.offer_deadline)
        elif close.answer is CloseAnswer.NOT_A_FIT:
            actions += _not_a_fit_actions(ctx)
        elif close.answer is CloseAnswer.REJECTED:
            actions += _rejection_actions(ctx, day)
    else:
        day = _local(answer.received_at, settings, "received_at").date()
        if answer.kind is AnswerKind.NEXT_ROUND:
            # The round this answer booked, else the one the close had booked.
            booked_here = answer.next_round_at is not None
            round_at = answer.next_round_at if booked_here else close.next_round_at
            cancelled = answer.next_round_cancelled if booked_here else close.next_round_cancelled
            actions += _next_round_actions(ctx, day, round_at, cancelled)
        elif answer.kind is AnswerKind.OFFER:
            actions += _offer_actions(ctx, day, answer.offer_deadline or close.offer_deadline)
        elif answer.kind is AnswerKind.REJECTED:
            actions += _rejection_actions(ctx, day)
    return actions, silent


def _context(close: CloseRecord, settings: PlanSettings) -> _Context:
    return _Context(
        close=close,
        settings=settings,
        calendar=BusinessCalendar.from_settings(settings),
        interview_day=_local(close.starts_at, settings, "starts_at").date(),
        interviewers=_unique_people(close.interviewers),
    )


def _local(moment: datetime, settings: PlanSettings, what: str) -> datetime:
    # A naive datetime would silently be read in the server's zone, not the user's.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got {moment.isoformat()}.")
    return moment.astimezone(settings.tz)


def _answers_since(close: CloseRecord, answers: Sequence[AnswerRecord]) -> list[AnswerRecord]:
    # Answers from before this interview started belong to an earlier round.
    return [a for a in answers if a.received_at >= close.starts_at]


def _effective_answer(close: CloseRecord, answers: Sequence[AnswerRecord]) -> AnswerRecord | None:
    since = _answers_since(close, answers)
    if not since:
        return None
    # sorted() is stable, so of two answers received at the same instant the one given last
    # wins, the same way every time.
    return sorted(since, key=lambda a: a.received_at)[-1]


def _unique_people(people: Iterable[Person]) -> tuple[Person, ...]:
    # One action per (interview, kind, contact): a person listed twice is still one person.
    first_by_key: dict[str, Person] = {}
    for person in people:
        first_by_key.setdefault(person.key, person)
    return tuple(first_by_key.values())


def _sorted_unique(actions: Iterable[PlannedAction]) -> tuple[PlannedAction, ...]:
    kept: dict[tuple[str, str, str, int], PlannedAction] = {}
    for action in actions:
        kept.setdefault(action.identity, action)
    return tuple(sorted(kept.values(), key=_sort_key))


def _sort_key(action: PlannedAction) -> tuple[datetime, str, tuple[str, str, str, int]]:
    return (action.due, action.kind.value, action.identity)


def _name(person: Person | None, fallback: str = "your interviewer") -> str:
    return person.name if person is not None and person.name else fallback


def _names(people: Sequence[Person]) -> str:
    return join_names(_name(p, "someone") for p in people)


def _clock(moment: datetime | time) -> str:
    return moment.strftime("%H:%M")


def _thank_you_actions(ctx: _Context) -> list[PlannedAction]:
    settings, day, close = ctx.settings, ctx.interview_day, ctx.close
    ended = _local(close.ends_at or close.starts_at, settings, "ends_at")
    logged = _local(close.logged_at, settings, "logged_at")
    late = logged.date() > day
    ran_late = ended.date() > day or ended.time() > settings.thank_you_by
    actions = []
    for person in ctx.interviewers or (None,):
        name = _name(person)
        if late:
            # Due when it was logged, not at `now`, so re-planning later does not move it.
            due = logged
            reason = (
                f"The interview was on {format_day(day)}, so this note to {name} is late, "
                "but a thank-you is still worth sending today."
            )
        elif ran_late:
            due = ctx.at(day, _END_OF_DAY)
            reason = (
                f"The interview on {format_day(day)} ran until {_clock(ended)}; "
                f"thank {name} before midnight."
            )
        else:
            due = ctx.at(day, settings.thank_you_by)
            reason = (
                f"Thank {name} on the interview day, {format_day(day)}, "
                f"by {_clock(settings.thank_you_by)}, while the conversation is still fresh."
            )
        actions.append(ctx.action(ActionKind.THANK_YOU, due, reason, person, late=late))
    return actions


def _pending_actions(ctx: _Context, now: datetime) -> tuple[list[PlannedAction], bool]:
    close = ctx.close
    if close.permission is Permission.NO:
        return [_check_in(ctx)], False
    if close.latest is not None:
        return [_latest_follow_up(ctx, close.latest)], False
    if close.expected is not None:
        due = ctx.after(close.expected, 1, ctx.settings.follow_up_at)
        reason = (
            f"They expect to decide by {format_day(close.expected)}; following up on "
            f"{format_day(due.date())} is neither early nor late."
        )
        return [ctx.action(ActionKind.FOLLOW_UP, due, reason, ctx.first_interviewer)], False
    return _no_date_actions(ctx, now)


def _latest_follow_up(ctx: _Context, latest: date) -> PlannedAction:
    expected = ctx.close.expected
    may = " and that you may get in touch" if ctx.close.permission is Permission.YES else ""
    # Dates logged the wrong way round: waiting past both is never early.
    due = ctx.after(max(latest, expected or latest), 1, ctx.settings.follow_up_at)
    then = format_day(due.date())
    if expected is not None and expected > latest:
        reason = (
            f"They gave {format_day(latest)} as the latest date{may} but expect to decide by "
            f"{format_day(expected)}; {then} is the first business day after both."
        )
    elif expected is not None and expected < latest:
        reason = (
            f"They hoped to decide by {format_day(expected)} but said {format_day(latest)} "
            f"at the latest{may}; {then} is the first business day after."
        )
    elif may:
        reason = (
            f"Latest date they gave is {format_day(latest)} and they said you may get in "
            f"touch; {then} is the first business day after."
        )
    else:
        reason = (
            f"Latest date they gave is {format_day(latest)}; a short note on {then}, "
            "the first business day after, is fair."
        )
    return ctx.action(ActionKind.FOLLOW_UP, due, reason, ctx.first_interviewer)


def _check_in(ctx: _Context) -> PlannedAction:
    close, settings = ctx.close, ctx.settings
    # The later of the two dates, so the reminder never comes before a date they gave.
    anchor = max((d for d in (close.latest, close.expected) if d is not None), default=None)
    if anchor is not None:
        due = ctx.after(anchor, 1, settings.follow_up_at)
        reason = (
            "They asked not to be chased, so there is nothing to send. If you have heard "
            f"nothing by {format_day(anchor)}, decide on {format_day(due.date())} whether this "
            "has gone quiet."
        )
    else:
        days = settings.no_date_follow_up_days
        due = ctx.after(ctx.interview_day, days, settings.follow_up_at)
        reason = (
            "They asked not to be chased and gave no date, so there is nothing to send: "
            f"{business_days_in_words(days)} after the interview on "
            f"{format_day(ctx.interview_day)}, decide privately whether this has gone quiet."
        )
    return ctx.action(ActionKind.CHECK_IN, due, reason)


def _no_date_actions(ctx: _Context, now: datetime) -> tuple[list[PlannedAction], bool]:
    settings, contact = ctx.settings, ctx.first_interviewer
    first = ctx.after(ctx.interview_day, settings.no_date_follow_up_days, settings.follow_up_at)
    second = ctx.after(first.date(), settings.second_follow_up_days, settings.follow_up_at)
    quiet = ctx.after(second.date(), settings.gone_quiet_days, settings.follow_up_at)
    first_reason = (
        f"They gave no date; {business_days_in_words(settings.no_date_follow_up_days)} after the "
        f"interview on {format_day(ctx.interview_day)} is a fair time to ask how things stand."
    )
    second_reason = (
        f"If there is still no word after the first follow-up on {format_day(first.date())}, "
        "send one more short note."
    )
    actions = [
        ctx.action(ActionKind.FOLLOW_UP, first, first_reason, contact, step=1),
        ctx.action(ActionKind.FOLLOW_UP, second, second_reason, contact, step=2),
    ]
    if now < quiet:
        return actions, False
    feedback_due = ctx.after(quiet.date(), settings.feedback_days, settings.reply_at)
    went_quiet = f"Nothing came back after the second follow-up on {format_day(second.date())}"
    request = (
        f"{went_quiet}; ask {_name(contact)} for a word of feedback to take into your next "
        "interview."
    )
    actions.append(_feedback(ctx, feedback_due, went_quiet, request))
    company = ctx.close.company or "The company"
    actions.append(
        _revisit(ctx, quiet.date(), f"{company} went quiet on {format_day(quiet.date())}")
    )
    return actions, True


def _next_round_actions(
    ctx: _Context, answer_day: date, round_at: datetime | None, cancelled: bool
) -> list[PlannedAction]:
    settings, meeting = ctx.settings, ctx.close.next_round_with
    # The round was called off: nothing to confirm or prepare for.
    if cancelled:
        return []
    due = ctx.after(answer_day, settings.confirm_round_days, settings.reply_at)
    if meeting:
        ask = f"confirm the time and that you will be meeting {_names(meeting)}"
    else:
        ask = "confirm the time and ask whom you will be meeting"
    reason = (
        f"They offered another round on {format_day(answer_day)}; "
        f"by {format_day(due.date())}, {ask}."
    )
    contact = meeting[0] if meeting else ctx.first_interviewer
    actions = [ctx.action(ActionKind.CONFIRM_ROUND, due, reason, contact)]
    round_local = _local(round_at, settings, "next_round_at") if round_at else None
    # A round dated before this answer came is the one already held, not the next one.
    if round_local is not None and round_local.date() >= answer_day:
        eve = ctx.at(round_local.date() - timedelta(days=1), settings.prepare_at)
        reason = (
            f"The next round is on {format_day(round_local.date())} at "
            f"{_clock(round_local)}; use the evening before to prepare."
        )
        actions.append(ctx.action(ActionKind.PREPARE_ROUND, eve, reason))
    return actions


def _offer_actions(ctx: _Context, offer_day: date, deadline: date | None) -> list[PlannedAction]:
    settings = ctx.settings
    # A deadline before the offer day belongs to an earlier offer; ask for a fresh one.
    if deadline is not None and deadline >= offer_day:
        due = ctx.at(deadline, settings.reply_at)
        reason = (
            f"The offer is open until {format_day(deadline)}; answer by then, even if only "
            "to say when you will decide."
        )
    else:
        due = ctx.after(offer_day, settings.offer_deadline_ask_days, settings.reply_at)
        reason = (
            f"No deadline came with the offer on {format_day(offer_day)}; thank them and, "
            f"by {format_day(due.date())}, ask when they need your answer."
        )
    return [ctx.action(ActionKind.RESPOND_OFFER, due, reason, ctx.first_interviewer)]


def _not_a_fit_actions(ctx: _Context) -> list[PlannedAction]:
    close, settings, day = ctx.close, ctx.settings, ctx.interview_day
    company = close.company or "the company"
    if not close.referrals:
        if close.referrals_asked:
            return []
        due = ctx.after(day, settings.ask_referrals_days, settings.reply_at)
        reason = (
            f"Referrals did not come up when you agreed the role was not a fit on "
            f"{format_day(day)}; a short note by {format_day(due.date())} asking whom they "
            "might know keeps the door open."
        )
        return [ctx.action(ActionKind.ASK_REFERRALS, due, reason, ctx.first_interviewer)]
    due = ctx.after(day, settings.referral_outreach_days, settings.reply_at)
    within = business_days_in_words(settings.referral_outreach_days)
    actions = []
    for lead in close.referrals:
        referrer = _name(lead.referrer or ctx.first_interviewer, f"your interviewer at {company}")
        where = f"for another role at {company}" if lead.internal else "at another company"
        reason = (
            f"On {format_day(day)} {referrer} pointed you to {_name(lead.person, 'them')} "
            f"{where}; write within {within} and mention that {referrer} suggested you get "
            "in touch."
        )
        actions.append(ctx.action(ActionKind.REFERRAL_OUTREACH, due, reason, lead.person))
    return actions


def _rejection_actions(ctx: _Context, rejection_day: date) -> list[PlannedAction]:
    settings = ctx.settings
    said_no = f"They said no on {format_day(rejection_day)}"
    due = ctx.after(rejection_day, settings.feedback_days, settings.reply_at)
    request = (
        f"{said_no}; a gracious reply by {format_day(due.date())} asking what would have "
        "made the difference helps your next interview."
    )
    actions = [_feedback(ctx, due, said_no, request)]
    for person in ctx.interviewers or (None,):
        actions.append(_reconnect(ctx, rejection_day, said_no, person))
    company = ctx.close.company or "The company"
    actions.append(
        _revisit(ctx, rejection_day, f"{company} said no on {format_day(rejection_day)}")
    )
    return actions


def _feedback(ctx: _Context, due: datetime, what_happened: str, request: str) -> PlannedAction:
    """Ask for feedback (`request` says why), or, when it is on file already, thank them for
    it: asking again for what they already gave would spend the goodwill the reply builds."""
    person = ctx.first_interviewer
    if not ctx.feedback_given:
        return ctx.action(ActionKind.FEEDBACK_REQUEST, due, request, person)
    reason = (
        f"{what_happened}, and {_name(person)} told you what would have made the "
        f"difference; thank them for it by {format_day(due.date())}: it keeps them on your "
        "side."
    )
    return ctx.action(ActionKind.FEEDBACK_THANKS, due, reason, person)


def _reconnect(
    ctx: _Context, rejection_day: date, said_no: str, person: Person | None
) -> PlannedAction:
    """Keep an ally warm: the cadence counts from the last time you were in touch, so a note
    sent or a chat logged since moves the reconnect forward instead of nagging."""
    days = ctx.settings.reconnect_days
    last = person.last_contact if person is not None else None
    if last is not None and last > rejection_day:
        due = _reconnect_due(ctx.calendar, ctx.settings, last)
        reason = (
            f"{said_no}; you were last in touch with {_name(person)} on {format_day(last)}, "
            f"so {days} days on, share some news and ask how they are."
        )
        # Each contact starts a new cycle: a reconnect already done stays in the history and
        # the next one is a new action, so the cadence repeats for as long as they are an ally.
        step = (last - rejection_day).days + 1
        return ctx.action(ActionKind.RECONNECT, due, reason, person, step=step)
    due = _reconnect_due(ctx.calendar, ctx.settings, rejection_day)
    reason = (
        f"{said_no}, but {_name(person)} can still be an ally; "
        f"{days} days on, share some news and ask how they are."
    )
    return ctx.action(ActionKind.RECONNECT, due, reason, person)


def _revisit(ctx: _Context, since: date, what_happened: str) -> PlannedAction:
    settings = ctx.settings
    # Calendar days, not business days: months later, only the landing day must be a work day.
    due = ctx.after(since + timedelta(days=settings.revisit_days), 0, settings.reply_at)
    reason = (
        f"{what_happened}; {settings.revisit_days} days on, look again: plans change and "
        "new roles open."
    )
    return ctx.action(ActionKind.REVISIT, due, reason)
