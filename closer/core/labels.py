"""How the method's words are shown to people: one table per concept, read by the web pages,
the emails, the calendar feed and the command line alike."""

from __future__ import annotations

from closer.core.records import (
    ActionKind,
    AnswerKind,
    CloseAnswer,
    OpportunitySource,
    OpportunityStatus,
    Permission,
    ReferralOutcome,
)

ACTION_LABELS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "Send a thank-you note",
    ActionKind.FOLLOW_UP: "Follow up",
    ActionKind.CHECK_IN: "Private check-in",
    ActionKind.CONFIRM_ROUND: "Confirm the next round",
    ActionKind.PREPARE_ROUND: "Prepare for the next round",
    ActionKind.RESPOND_OFFER: "Respond to the offer",
    ActionKind.ASK_REFERRALS: "Ask for referrals",
    ActionKind.REFERRAL_OUTREACH: "Reach out to a referral",
    ActionKind.FEEDBACK_REQUEST: "Ask for feedback",
    ActionKind.RECONNECT: "Reconnect",
    ActionKind.REVISIT: "Revisit the company",
    ActionKind.APPLY: "Apply before the deadline",
    ActionKind.APPLICATION_FOLLOW_UP: "Follow up on the application",
    ActionKind.FEEDBACK_THANKS: "Thank them for the feedback",
}

STATUS_LABELS: dict[OpportunityStatus, str] = {
    OpportunityStatus.WISHLIST: "Wishlist",
    OpportunityStatus.APPLIED: "Applied",
    OpportunityStatus.INTERVIEWING: "Interviewing",
    OpportunityStatus.OFFER: "Offer",
    OpportunityStatus.ACCEPTED: "Accepted",
    OpportunityStatus.REJECTED: "Rejected",
    OpportunityStatus.WITHDRAWN: "Withdrawn",
    OpportunityStatus.GONE_QUIET: "gone quiet",
}

# As the close form asks them, in the candidate's own voice.
CLOSE_ANSWER_LABELS: dict[CloseAnswer, str] = {
    CloseAnswer.OFFERED: "They offered me the job",
    CloseAnswer.NEXT_ROUND: "They asked me to another round",
    CloseAnswer.PENDING: "No decision yet",
    CloseAnswer.NOT_A_FIT: "We agreed it is not a fit",
    CloseAnswer.REJECTED: "They turned me down",
}
PERMISSION_LABELS: dict[Permission, str] = {
    Permission.YES: "Yes, I may get in touch",
    Permission.NO: "No, they would rather I waited",
    Permission.NOT_ASKED: "I did not ask",
}
ANSWER_KIND_LABELS: dict[AnswerKind, str] = {
    AnswerKind.OFFER: "An offer",
    AnswerKind.NEXT_ROUND: "Another round",
    AnswerKind.REJECTED: "A rejection",
}


SOURCE_LABELS: dict[OpportunitySource, str] = {
    OpportunitySource.REFERRAL: "A referral",
    OpportunitySource.JOB_BOARD: "A job board",
    OpportunitySource.RECRUITER: "A recruiter",
    OpportunitySource.NETWORK: "My network",
    OpportunitySource.COMPANY_SITE: "The company's own site",
    OpportunitySource.OTHER: "Somewhere else",
}
REFERRAL_OUTCOME_LABELS: dict[ReferralOutcome, str] = {
    ReferralOutcome.NOT_YET: "Not in touch yet",
    ReferralOutcome.WROTE: "I wrote to them",
    ReferralOutcome.TALKED: "We talked",
    ReferralOutcome.INTERVIEW: "It led to an interview",
    ReferralOutcome.NOTHING: "It came to nothing",
}


def in_words(value: str) -> str:
    """An enum value as a short phrase ("next_round" -> "next round"), for tight columns."""
    return value.replace("_", " ")
