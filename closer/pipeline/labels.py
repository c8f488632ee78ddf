"""How each action kind is named to people, in the web pages."""

from __future__ import annotations

from closer.core.records import ActionKind, AnswerKind, CloseAnswer, Permission

KIND_LABELS: dict[str, str] = {
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
}

ANSWER_CHOICES = [
    (CloseAnswer.OFFERED.value, "They offered me the job"),
    (CloseAnswer.NEXT_ROUND.value, "They asked me to another round"),
    (CloseAnswer.PENDING.value, "No decision yet"),
    (CloseAnswer.NOT_A_FIT.value, "We agreed it is not a fit"),
    (CloseAnswer.REJECTED.value, "They turned me down"),
]
PERMISSION_CHOICES = [
    (Permission.YES.value, "Yes, I may get in touch"),
    (Permission.NO.value, "No, they would rather I waited"),
    (Permission.NOT_ASKED.value, "I did not ask"),
]
ANSWER_KIND_CHOICES = [
    (AnswerKind.OFFER.value, "An offer"),
    (AnswerKind.NEXT_ROUND.value, "Another round"),
    (AnswerKind.REJECTED.value, "A rejection"),
]
ANSWER_LABELS = dict(ANSWER_CHOICES)
PERMISSION_LABELS = dict(PERMISSION_CHOICES)
ANSWER_KIND_LABELS = dict(ANSWER_KIND_CHOICES)
