"""How each action kind is named to people, in the web pages."""

from __future__ import annotations

from closer.core.records import ActionKind

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
