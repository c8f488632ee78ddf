"""Where an opportunity stands, and what moves it: an interview, the close, an answer, a move
on the board, and silence. The planner reads the status to know what still makes sense.
"""

from __future__ import annotations

from closer.core.records import ActionKind, AnswerKind, CloseAnswer, OpportunityStatus

Status = OpportunityStatus

# Decided: the user accepted, was turned down, stepped back, or the company went silent.
# Closing never reopens one of these by itself, and the board shows them apart.
CLOSED: frozenset[OpportunityStatus] = frozenset(
    {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.GONE_QUIET}
)

# What the end of the latest interview says about where the opportunity stands.
AFTER_CLOSE: dict[CloseAnswer, OpportunityStatus] = {
    CloseAnswer.OFFERED: Status.OFFER,
    CloseAnswer.NEXT_ROUND: Status.INTERVIEWING,
    CloseAnswer.PENDING: Status.INTERVIEWING,
    CloseAnswer.NOT_A_FIT: Status.WITHDRAWN,
    CloseAnswer.REJECTED: Status.REJECTED,
}

# What an answer that came back later says.
AFTER_ANSWER: dict[AnswerKind, OpportunityStatus] = {
    AnswerKind.OFFER: Status.OFFER,
    AnswerKind.NEXT_ROUND: Status.INTERVIEWING,
    AnswerKind.REJECTED: Status.REJECTED,
}

# A move on the board to one of these, after an interview, is that answer coming back.
ANSWER_FOR_MOVE: dict[OpportunityStatus, AnswerKind] = {
    Status.OFFER: AnswerKind.OFFER,
    Status.REJECTED: AnswerKind.REJECTED,
}

# Chasing an answer, or preparing for more rounds, makes no sense once the user accepted the
# job or stepped back. (Stepping back after "not a fit" keeps the referral actions: they are
# the point of that ending.) Accepting an offer leaves only the thank-yous still owed.
_CHASING = frozenset(
    {
        ActionKind.FOLLOW_UP,
        ActionKind.CHECK_IN,
        ActionKind.CONFIRM_ROUND,
        ActionKind.PREPARE_ROUND,
        ActionKind.RESPOND_OFFER,
    }
)
DROPPED_WHEN: dict[OpportunityStatus, frozenset[ActionKind]] = {
    Status.WITHDRAWN: _CHASING,
    Status.ACCEPTED: frozenset(ActionKind) - {ActionKind.THANK_YOU},
}


def after_interview(status: OpportunityStatus) -> OpportunityStatus:
    """An interview booked for a saved or applied-to job means the interviews have begun."""
    if status in {Status.WISHLIST, Status.APPLIED}:
        return Status.INTERVIEWING
    return status


def after_silence(status: OpportunityStatus) -> OpportunityStatus:
    """Both follow-ups went unanswered: gone quiet, unless already decided or an offer."""
    if status in CLOSED or status is Status.OFFER:
        return status
    return Status.GONE_QUIET
