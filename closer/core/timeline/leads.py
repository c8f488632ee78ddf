"""The words just before a date that change what it means ("by", "before", "after", "not
before", "until"), grouped by what they do; `choose` reads them, `roles` weighs them.
"""

from __future__ import annotations

import re

from closer.core.timeline.candidate import Candidate

EARLIEST_LEADS = frozenset(
    {"no sooner than", "no earlier than", "not before", "as early as", "as of"}
)
PAST_LEADS = frozenset({"since", "every", "last", "past", "previous", "this past"})
BEFORE_LEADS = frozenset({"before", "prior to", "ahead of", "sometime before"})
AFTER_LEADS = frozenset({"after", "following", "sometime after", "post", "post-"})
STRICT_LEADS = frozenset(
    {
        "by",
        "until",
        "till",
        "til",
        "no later than",
        "not later than",
        "on or before",
        "latest by",
        "sometime before",
        "sometime after",
        "sometime by",
    }
    | BEFORE_LEADS
    | AFTER_LEADS
)
LOOSE_LEADS = STRICT_LEADS | {
    "in",
    "within",
    "during",
    "around",
    "about",
    "approximately",
    "approx",
    "approx.",
    "roughly",
    "sometime",
    "some time",
    "sometime in",
    "sometime on",
    "sometime around",
    "sometime during",
    "some time in",
    "some time on",
    "through",
    "thru",
    "for",
    "over",
    "on",
    "at",
    "between",
    "from",
    "next",
    "the next",
    "in the next",
    "within the next",
    "over the next",
    "another",
    "under",
    "less than",
    "in under",
    "in less than",
    "inside",
    "inside of",
    "up to",
    "give us",
    "give me",
    "give it",
    "allow",
    "allow us",
    "allow me",
}
STATE_LEADS = frozenset({"until", "till", "til", "through", "thru"})
NOT_BEFORE_LEAD = re.compile(r"(?:\bnot|n't)\s*$")
# Leads that are a promise of their own ("no later than Friday").
FIRM_LEADS = frozenset({"no later than", "not later than", "on or before", "latest by"})


def lead_ok(c: Candidate) -> bool:
    # "the holidays" / "the holiday" mean a date only after "before", "by", "after"...:
    # "over the holidays" or "on holiday" commit to nothing.
    leads = set(c.leads)
    strict = c.kind == "holiday" and c.strict_lead
    return bool(leads & (STRICT_LEADS if strict else LOOSE_LEADS))
