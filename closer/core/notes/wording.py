"""Closer's own wording of every note, in two tones, written in the template language (see
`template`) so that a person's edited template and ours go through the same code.

Each note is short and says one thing; optional details sit in square brackets so that a
missing detail leaves a natural sentence, never an empty greeting or a gap.
"""

from __future__ import annotations

from enum import StrEnum

from closer.core.records import ActionKind


class Tone(StrEnum):
    WARM = "warm"
    CONCISE = "concise"


# Action kinds that mean writing to someone; check-ins and preparing are private reminders.
MESSAGE_KINDS: tuple[ActionKind, ...] = (
    ActionKind.THANK_YOU,
    ActionKind.FOLLOW_UP,
    ActionKind.CONFIRM_ROUND,
    ActionKind.ASK_REFERRALS,
    ActionKind.REFERRAL_OUTREACH,
    ActionKind.FEEDBACK_REQUEST,
    ActionKind.RECONNECT,
    ActionKind.REVISIT,
    ActionKind.RESPOND_OFFER,
    ActionKind.APPLICATION_FOLLOW_UP,
    ActionKind.FEEDBACK_THANKS,
)

KIND_NAMES: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "thank-you note",
    ActionKind.FOLLOW_UP: "follow-up",
    ActionKind.CONFIRM_ROUND: "note confirming the next round",
    ActionKind.ASK_REFERRALS: "note asking for referrals",
    ActionKind.REFERRAL_OUTREACH: "note to a referral",
    ActionKind.FEEDBACK_REQUEST: "request for feedback",
    ActionKind.RECONNECT: "note to stay in touch",
    ActionKind.REVISIT: "note to revisit the company",
    ActionKind.RESPOND_OFFER: "reply to the offer",
    ActionKind.APPLICATION_FOLLOW_UP: "follow-up on an application",
    ActionKind.FEEDBACK_THANKS: "thank-you for feedback",
}

PLACEHOLDERS: dict[str, str] = {
    "first_name": "their first name",
    "name": "their full name",
    "their_title": "their job title, if you noted it",
    "company": "the company you interviewed with",
    "role": "the role you interviewed for",
    "when_we_spoke": "when the interview was: today, yesterday, on Monday, on 25 November",
    "noted": "something you noted about the conversation, as a topic",
    "others": "the other people you met, by first name",
    "my_name": "your name, from Settings",
    "signature": "your signature from Settings, or else your name",
    "next_step": "what comes next: hearing from you by Friday 4 December, the next round…",
    "date_they_gave": "the date they said you would hear by",
    "last_follow_up": "when you last followed up (second follow-ups only)",
    "next_round": "when the next round is: Thursday 3 December at 10:00",
    "next_round_with": "whom you will meet in the next round",
    "referrer": "who referred you",
    "referrer_first_name": "the first name of who referred you",
    "referral_role": "the role you were referred for, such as “the Support Lead role at Acme”",
    "offer_deadline": "when they need your answer to the offer",
    "applied_on": "the day you applied: Monday 23 November",
    "their_feedback": "the feedback they gave, in their words (when it is short)",
}

_COMMON = (
    "first_name",
    "name",
    "their_title",
    "company",
    "role",
    "when_we_spoke",
    "noted",
    "others",
    "my_name",
    "signature",
)
_EXTRA: dict[ActionKind, tuple[str, ...]] = {
    ActionKind.THANK_YOU: ("next_step",),
    ActionKind.FOLLOW_UP: ("date_they_gave", "last_follow_up"),
    ActionKind.CONFIRM_ROUND: ("next_round", "next_round_with"),
    ActionKind.REFERRAL_OUTREACH: ("referrer", "referrer_first_name", "referral_role"),
    ActionKind.RESPOND_OFFER: ("offer_deadline",),
    ActionKind.APPLICATION_FOLLOW_UP: ("applied_on", "last_follow_up"),
    ActionKind.FEEDBACK_THANKS: ("their_feedback",),
}


def placeholders_for(kind: ActionKind) -> tuple[str, ...]:
    return _COMMON + _EXTRA.get(kind, ())


_HELLO = "[Hi {first_name},|Hello,]"
_HELLO_CONCISE = "[Hello {first_name},|Hello,]"
_WARM_END = "Best wishes,\n{signature}"
_CONCISE_END = "Best,\n{signature}"

# (kind, tone) -> (subject, body)
DEFAULTS: dict[tuple[ActionKind, Tone], tuple[str, str]] = {
    (ActionKind.THANK_YOU, Tone.WARM): (
        "[Thank you, {first_name}|Thank you for your time]",
        f"{_HELLO}\n\n"
        "Thank you for talking with me {when_we_spoke}[ about the {role} role][ at {company}]. "
        "[I especially enjoyed our conversation about {noted}.|"
        "It was a pleasure to meet you and {others}.|"
        "I enjoyed our conversation and learned a lot about the team.]\n\n"
        "[It left me even keener on the role, and I look forward to {next_step}.|"
        "I appreciated your openness, and I hope our paths cross again.]\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.THANK_YOU, Tone.CONCISE): (
        "[Thank you: {role} interview|Thank you]",
        f"{_HELLO_CONCISE}\n\n"
        "Thank you for your time {when_we_spoke}[, and for the conversation about {noted}]. "
        "[I look forward to {next_step}.|I hope we stay in touch.]\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.FOLLOW_UP, Tone.WARM): (
        "[Following up on the {role} role|Following up on my interview]",
        f"{_HELLO}\n\n"
        "I hope you're well. "
        "[I wrote on {last_follow_up} and wanted to check in once more about the {role} role.|"
        "When we spoke {when_we_spoke}, you mentioned I would hear by {date_they_gave}, "
        "so I wanted to check in on the {role} role.|"
        "I wanted to check in on the {role} role and see how things stand.|"
        "I wanted to check in and see how things stand.]\n\n"
        "[I'm still very keen on joining {company}. ]"
        "If there is anything else I can send you, I'd be glad to.\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.FOLLOW_UP, Tone.CONCISE): (
        "[{role}: following up|Following up]",
        f"{_HELLO_CONCISE}\n\n"
        "[Checking in once more since my note on {last_follow_up}.|"
        "You mentioned a decision by {date_they_gave}; is there any news?|"
        "Is there any news on the {role} role?|Is there any news?]"
        "[ I'm still very interested in the role.]\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.CONFIRM_ROUND, Tone.WARM): (
        "[Next round for the {role} role|Our next conversation]",
        f"{_HELLO}\n\n"
        "Thank you for inviting me to the next round[ at {company}]; I'm glad to go on. "
        "[To confirm: we meet on {next_round}, and I'll be speaking with {next_round_with}.|"
        "To confirm: we meet on {next_round}. Could you tell me whom I'll be meeting?|"
        "Could you let me know when it will be and whom I'll be meeting?]\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.CONFIRM_ROUND, Tone.CONCISE): (
        "[Confirming the next round: {role}|Confirming the next round]",
        f"{_HELLO_CONCISE}\n\n"
        "[Confirming {next_round} with {next_round_with}.|"
        "Confirming {next_round}; whom will I be meeting?|"
        "Thank you for the next round. When is it, and whom will I meet?]\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.ASK_REFERRALS, Tone.WARM): (
        "A quick question after our conversation",
        f"{_HELLO}\n\n"
        "Thank you again for being open with me about the fit[ for the {role} role]. "
        "I'm looking for a role where my experience counts for more, and I'd value your view: "
        "do you know anyone[ at {company} or elsewhere] who might be interested in someone "
        "with my background? An introduction or just a name would mean a lot.\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.ASK_REFERRALS, Tone.CONCISE): (
        "A quick question",
        f"{_HELLO_CONCISE}\n\n"
        "Thanks again for your candour about the fit. Do you know anyone[ at {company} or "
        "elsewhere] who might be looking for someone with my background? "
        "A name would be a great help.\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.REFERRAL_OUTREACH, Tone.WARM): (
        "[{referrer} suggested I get in touch|An introduction]",
        f"{_HELLO}\n\n"
        "[{referrer} suggested I get in touch|"
        "I was given your name and thought I would get in touch]"
        "[ about {referral_role}]. "
        "I'd love to hear a little about your team and whether my background could help.\n\n"
        "Would you have twenty minutes for a call in the next week or two?\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.REFERRAL_OUTREACH, Tone.CONCISE): (
        "[Introduction via {referrer}|Introduction]",
        f"{_HELLO_CONCISE}\n\n"
        "[{referrer} suggested I contact you|I was given your name]"
        "[ about {referral_role}]. Could we have a short call in the next week or two?\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.FEEDBACK_REQUEST, Tone.WARM): (
        "[Thank you, and a small request|A small request]",
        f"{_HELLO}\n\n"
        "Thank you for letting me know[ about the {role} role]. I'm disappointed, of course, "
        "but I enjoyed meeting you[ and learning about {company}].\n\n"
        "If you have a moment, I'd be grateful for a word on what would have made the "
        "difference. It would help me with my next interview.\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.FEEDBACK_REQUEST, Tone.CONCISE): (
        "[The {role} role: feedback|Feedback]",
        f"{_HELLO_CONCISE}\n\n"
        "Thank you for letting me know. Could you share what would have made the difference? "
        "Even a line would help.\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.RECONNECT, Tone.WARM): (
        "[Catching up since {company}|Catching up]",
        f"{_HELLO}\n\n"
        "[We spoke {when_we_spoke} about the {role} role, and I've thought of our "
        "conversation about {noted} more than once.|"
        "We spoke {when_we_spoke} about the {role} role, and I wanted to say hello.|"
        "I wanted to say hello and see how you are.]\n\n"
        "How are things with you and the team? I'd be glad to hear your news, and to help "
        "if I can.\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.RECONNECT, Tone.CONCISE): (
        "Catching up",
        f"{_HELLO_CONCISE}\n\n"
        "[We spoke {when_we_spoke} about the {role} role. ]"
        "How are things with you and the team? Happy to help if I can.\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.REVISIT, Tone.WARM): (
        "[Checking in about {company}|Checking in]",
        f"{_HELLO}\n\n"
        "[We spoke {when_we_spoke} about the {role} role. |We spoke a while ago. ]"
        "I'm still very interested in joining[ {company}], so I wanted to ask whether "
        "there is anything opening up where I could help.\n\n"
        "I'd be glad to tell you what I've been working on since.\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.REVISIT, Tone.CONCISE): (
        "[Any openings at {company}?|Any openings?]",
        f"{_HELLO_CONCISE}\n\n"
        "[We spoke {when_we_spoke} about the {role} role. ]"
        "I'm still interested in joining[ {company}]. Is anything opening up?\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.RESPOND_OFFER, Tone.WARM): (
        "[Your offer for the {role} role|Your offer]",
        f"{_HELLO}\n\n"
        "Thank you so much for the offer[ to join {company}]; I'm delighted. "
        "[I'll give you my answer by {offer_deadline}.|"
        "So that I can give it the thought it deserves, could you tell me when you need my "
        "answer?]\n\n"
        "If anything changes in the meantime, I'll let you know at once.\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.RESPOND_OFFER, Tone.CONCISE): (
        "[The {role} offer|Your offer]",
        f"{_HELLO_CONCISE}\n\n"
        "Thank you for the offer. "
        "[You'll have my answer by {offer_deadline}.|When do you need my answer?]\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.APPLICATION_FOLLOW_UP, Tone.WARM): (
        "[My application for the {role} role|Following up on my application]",
        f"{_HELLO}\n\n"
        "[I wrote on {last_follow_up} about my application for the {role} role and wanted to "
        "ask once more how things stand.|"
        "I applied for the {role} role on {applied_on} and wanted to ask how things stand.|"
        "I wanted to ask how my application for the {role} role is going.|"
        "I wanted to ask how my application is going.]\n\n"
        "[I'm still very keen on joining {company}, and ]I'd be glad to send anything that "
        "would help.\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.APPLICATION_FOLLOW_UP, Tone.CONCISE): (
        "[{role} application: following up|Following up on my application]",
        f"{_HELLO_CONCISE}\n\n"
        "[Checking in once more since my note on {last_follow_up}.|"
        "I applied for the {role} role on {applied_on}; is there any news?|"
        "Is there any news on my application?]\n\n"
        f"{_CONCISE_END}",
    ),
    (ActionKind.FEEDBACK_THANKS, Tone.WARM): (
        "[Thank you for the feedback, {first_name}|Thank you for the feedback]",
        f"{_HELLO}\n\n"
        "Thank you for taking the time to tell me what would have made the difference[ for "
        "the {role} role]. [I've taken your point to heart: “{their_feedback}”. ]"
        "Advice like that is hard to come by, and I'll put it to use in my next interviews."
        "\n\nI enjoyed meeting you[ and learning about {company}], and I'd be glad to stay in "
        "touch.\n\n"
        f"{_WARM_END}",
    ),
    (ActionKind.FEEDBACK_THANKS, Tone.CONCISE): (
        "[Thanks for the feedback: {role}|Thanks for the feedback]",
        f"{_HELLO_CONCISE}\n\n"
        "Thank you for the feedback; it helps, and I'll use it in my next interviews. "
        "I'd be glad to stay in touch.\n\n"
        f"{_CONCISE_END}",
    ),
}
