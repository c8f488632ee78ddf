"""The plain records the core works on: what happened at an interview, what came back later,
and the actions the planner derives from them.

Everything here is a frozen dataclass or an enum, so the shell (Django, the CLI, tests) can
build them without knowing how the core thinks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo


class CloseAnswer(StrEnum):
    """What the interviewer said when the candidate asked for the job (or at the end)."""

    OFFERED = "offered"
    NEXT_ROUND = "next_round"
    PENDING = "pending"
    NOT_A_FIT = "not_a_fit"
    REJECTED = "rejected"


class Permission(StrEnum):
    """Whether the candidate may get in touch if they hear nothing by the latest date."""

    YES = "yes"
    NO = "no"
    NOT_ASKED = "not_asked"


class AnswerKind(StrEnum):
    """What came back after the interview."""

    OFFER = "offer"
    NEXT_ROUND = "next_round"
    REJECTED = "rejected"


class OpportunityStatus(StrEnum):
    """Where an opportunity stands. `core.status` says what moves it from one to another."""

    WISHLIST = "wishlist"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GONE_QUIET = "gone_quiet"


class OpportunitySource(StrEnum):
    """Where the candidate found the opportunity."""

    REFERRAL = "referral"
    JOB_BOARD = "job_board"
    RECRUITER = "recruiter"
    NETWORK = "network"
    COMPANY_SITE = "company_site"
    OTHER = "other"


class ReferralOutcome(StrEnum):
    """What came of a referral lead, as the candidate records it."""

    NOT_YET = "not_yet"
    WROTE = "wrote"
    TALKED = "talked"
    INTERVIEW = "interview"
    NOTHING = "nothing"


class ActionKind(StrEnum):
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    # A private reminder, never a message: used when the interviewer asked not to be chased.
    CHECK_IN = "check_in"
    CONFIRM_ROUND = "confirm_round"
    PREPARE_ROUND = "prepare_round"
    RESPOND_OFFER = "respond_offer"
    ASK_REFERRALS = "ask_referrals"
    REFERRAL_OUTREACH = "referral_outreach"
    FEEDBACK_REQUEST = "feedback_request"
    RECONNECT = "reconnect"
    REVISIT = "revisit"
    # Before any interview: a private reminder ahead of the deadline to apply, then a note
    # when an application has gone unanswered.
    APPLY = "apply"
    APPLICATION_FOLLOW_UP = "application_follow_up"
    # Feedback already came (with the rejection, or logged later): thank them for it instead
    # of asking again.
    FEEDBACK_THANKS = "feedback_thanks"


@dataclass(frozen=True)
class Person:
    """Someone the candidate met or was referred to. `key` is stable and unique per owner."""

    key: str
    name: str
    email: str = ""
    # The last day the candidate was in touch with them; reconnects count from it.
    last_contact: date | None = None


@dataclass(frozen=True)
class ReferralLead:
    """A person the interviewer suggested; `internal` means another role at the same company."""

    person: Person
    referrer: Person | None = None
    internal: bool = False


@dataclass(frozen=True)
class CloseRecord:
    """How one interview ended, as the candidate logged it. Datetimes are timezone-aware."""

    interview_key: str
    company: str
    role: str
    starts_at: datetime
    ends_at: datetime | None
    logged_at: datetime
    interviewers: tuple[Person, ...]
    asked_for_job: bool
    answer: CloseAnswer
    expected: date | None = None
    latest: date | None = None
    permission: Permission = Permission.NOT_ASKED
    next_round_at: datetime | None = None
    next_round_with: tuple[Person, ...] = ()
    # The round it led to was called off: nothing to confirm or prepare for any more.
    next_round_cancelled: bool = False
    referrals_asked: bool = False
    referrals: tuple[ReferralLead, ...] = ()
    offer_deadline: date | None = None
    # What the interviewer said the candidate could do better, if they said it at the end.
    feedback: str = ""


@dataclass(frozen=True)
class ApplicationRecord:
    """An opportunity before its first interview: when the candidate applied, or the last day
    they may. Its plan is the application's own follow-ups."""

    opportunity_key: str
    company: str
    role: str
    applied_on: date | None = None
    apply_by: date | None = None


@dataclass(frozen=True)
class AnswerRecord:
    """An answer that arrived after the interview (an offer, another round, a rejection)."""

    kind: AnswerKind
    received_at: datetime
    offer_deadline: date | None = None
    next_round_at: datetime | None = None
    feedback: str = ""
    # The round this answer booked was called off since.
    next_round_cancelled: bool = False


@dataclass(frozen=True)
class PlanSettings:
    """The user's numbers for the plan rules (DESIGN §2). Every field is a user setting (the
    shell's UserSettings has one column per field); the defaults are the method's."""

    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    work_week: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday is 0
    holiday_country: str = ""
    holiday_subdivision: str = ""
    thank_you_by: time = time(21, 0)
    follow_up_at: time = time(10, 0)
    prepare_at: time = time(18, 0)  # "the evening before" the next round
    reply_at: time = time(10, 0)  # time of day for the other business-day deadlines
    application_follow_up_days: int = 7  # after applying, no answer
    no_date_follow_up_days: int = 5
    second_follow_up_days: int = 5
    gone_quiet_days: int = 5  # after the second follow-up, still silent
    confirm_round_days: int = 1
    ask_referrals_days: int = 1
    referral_outreach_days: int = 2
    feedback_days: int = 1
    offer_deadline_ask_days: int = 1
    reconnect_days: int = 90
    revisit_days: int = 180


@dataclass(frozen=True)
class PlannedAction:
    """One next step. (interview_key, kind, contact key, step) identifies it across re-plans;
    an application's own actions belong to no interview (interview_key "")."""

    interview_key: str
    kind: ActionKind
    due: datetime
    reason: str
    contact: Person | None = None
    step: int = 1
    late: bool = False

    @property
    def identity(self) -> tuple[str, str, str, int]:
        return (
            self.interview_key,
            self.kind.value,
            self.contact.key if self.contact else "",
            self.step,
        )


@dataclass(frozen=True)
class Plan:
    actions: tuple[PlannedAction, ...]
    # Where the opportunity stands once the plan is made: unchanged, or gone quiet when both
    # follow-ups went unanswered long enough.
    status: OpportunityStatus = OpportunityStatus.INTERVIEWING
    # Keys of the people who become allies: everyone the plan keeps in touch with.
    allies: tuple[str, ...] = ()
