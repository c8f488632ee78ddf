"""The vocabulary of the timeline reader: numbers, weekdays, months, and the cue words that
say whether a date is the decision ("we'll let you know by ...") or something else ("you'd
start on ...").

Everything here works on text that `normalise` produced: lower case, ASCII dashes and quotes.
"Convention N" in the comments is the numbered rule in CONVENTIONS.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# --- Normalising -------------------------------------------------------------------------------

_CHAR_MAP = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
    **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\u3000\t\f\v", " "),
    "\u2026": ".",
    "\r": "\n",
}


_TABLE = str.maketrans(
    {**_CHAR_MAP, **{chr(c): " " for c in [*range(32), 127] if chr(c) not in "\n\r\t\f\v"}}
)


def normalise(text: str) -> str:
    """Lower case with ASCII dashes, quotes and spaces, and the SAME length as `text`, so every
    span found here is also the span of the words in what the person typed."""
    fast = text.translate(_TABLE).lower()
    if len(fast) == len(text):
        return fast
    # A few characters lower-case to two ("İ"); keeping those as they are keeps the length.
    out = []
    for char in text.translate(_TABLE):
        lower = char.lower()
        out.append(lower if len(lower) == 1 else char)
    return "".join(out)


def squash(text: str) -> str:
    """Collapse runs of spaces so a matched phrase can be looked up in a table."""
    return " ".join(text.split())


# --- Numbers -----------------------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so "forty-five" wins over "forty"."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len)[::-1])


# "a couple of" is 2 and "a few" is 3 (conventions 4 and 5); "several" is deliberately not a
# number: it commits to nothing.
NUM = (
    r"(?:\d{1,3}|(?:another|an?)\s+couple(?:\s+of)?|(?:another|a)\s+few|couple(?:\s+of)?|few"
    rf"|another|an?|{_alternation(NUMBER_WORDS)})"
)


def number_value(text: str) -> int | None:
    words = squash(text)
    if words.isdigit():
        return int(words)
    if "couple" in words:
        return 2
    if "few" in words:
        return 3
    if words in ("a", "an", "another"):
        return 1
    return NUMBER_WORDS.get(words)


_ORDINAL_UNITS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
ORDINAL_WORDS: dict[str, int] = {name: i + 1 for i, name in enumerate(_ORDINAL_UNITS)}
ORDINAL_WORDS.update(
    {
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "thirtieth": 30,
        "thirty-first": 31,
    }
)
ORDINAL_WORDS.update({f"twenty-{name}": 21 + i for i, name in enumerate(_ORDINAL_UNITS)})
ORDINAL_WORD = "(?:" + _alternation(ORDINAL_WORDS).replace("-", r"[\s-]") + ")"


def ordinal_value(text: str) -> int | None:
    words = squash(text).replace(" ", "-")
    digits = re.match(r"\d+", words)
    if digits:
        return int(digits.group())
    return ORDINAL_WORDS.get(words)


# --- Weekdays and months -----------------------------------------------------------------------

# Saturday and Sunday only in full: "sat" and "sun" are ordinary words.
WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|saturday|sunday)"
)
_WEEKDAY_INDEX = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}


def weekday_index(text: str) -> int:
    return _WEEKDAY_INDEX[text.strip()[:2]]


MONTH_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
MONTH_NAMES = frozenset(MONTH_FULL[3:-1].split("|"))
MONTH = rf"(?:{MONTH_FULL}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
_MONTH_INDEX = {
    name: i + 1
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
# Month names that are also everyday words: never read them without a clear date context.
AMBIGUOUS_MONTHS = frozenset({"may", "march"})


def month_index(text: str) -> int:
    return _MONTH_INDEX[text.strip()[:3]]


# --- Where a period starts or ends ("early", "mid", "end of") ----------------------------------

# The mod group says which part of a period is meant; MOD_KIND maps it to early/mid/late.
MOD = (
    r"(?:(?:toward|towards|around)\s+)?(?:the\s+)?(?:very\s+)?"
    r"(?P<mod>early|earlier|beginning|start|first\s+part|early\s+part|first\s+half"
    r"|first\s+few\s+days|(?:mid|half|part)way(?:\s+through)?|mid|middle|late|later|latter\s+part|latter\s+half|second\s+half"
    r"|back\s+half|back\s+end|end|close|tail\s+end|rest|remainder)"
    r"(?:\s+part)?(?:\s+(?:of|in))?[\s-]*(?:the\s+)?"
)


def mod_kind(text: str | None) -> str | None:
    """'early', 'mid' or 'late' for a MOD match; None when there was none."""
    if not text:
        return None
    words = squash(text)
    if words in ("early", "earlier", "beginning", "start", "first part", "early part"):
        return "early"
    if words in ("mid", "middle", "first half", "first few days") or words.startswith(
        ("midway", "halfway", "partway")
    ):
        return "mid"
    return "late"


# A message with a greeting or several lines: an email, not a phrase typed into a form.
LETTER = re.compile(
    r"\s*(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings)\b[^\n]{0,40}\n"
    r"|subject:|(?:[^\n]*\n){3})"
)

# Right after a date, the thing it is the day of: "an early-March start", "Thursday's onsite".
THING_AFTER = re.compile(
    r"(?:'s)?[\s-]+(?:start(?:\s+date)?|interview|onsite|on-site|screen|panel|fair|webinar|offsite"
    r"|party|event|meeting|session|workshop|orientation|induction)s?\b(?!\s+(?:is|was|will|went))"
)

# Between a decision cue and a distractor, words that make the distractor its topic.
TOPIC = re.compile(
    r"\s+(?:you\s+|us\s+)?(?:on|about|regarding|re:?|with)\s+(?:the\s+|your\s+|our\s+)?"
)
# ... when the decision cue is telling the candidate something.
TELLING = re.compile(r"update|let\s+you\s+know|back\s+to\s+you|in\s+touch|email|call|confirm|tell")
# Cues that say only that something is expected: "Interviews are expected to take place the
# week of the 16th" is about the interviews.
WEAK_DECISION = re.compile(r"expect|anticipat|hop|aim|plan|target|likely")

# A condition after a date: its cues are about the condition ("Early June, once budgets are
# confirmed").
SUBORDINATE = re.compile(r"\b(?:once|when|if|as\s+soon\s+as|assuming|provided|unless)\b")

# --- Cues: what the date in a clause is about --------------------------------------------------

# Words that tie a date to the promised decision or contact (convention 11).
DECISION_CUE = re.compile(
    # Who is told comes first, so "notify candidates" is one cue, not "notify" and then the
    # distractor "candidates".
    r"\b(?:"
    r"(?:contact|inform|email|call|reach\s+out\s+to|notify|write\s+to|update|advise|tell)\s+"
    r"(?:the\s+|all\s+|every\s+|each\s+)?(?:(?:shortlisted|successful|remaining|selected|other|unsuccessful)\s+)?(?:candidates?|applicants?|interviewees?|shortlisted"
    r"|successful|selected|everyone)(?:\s+(?:candidates?|applicants?|people|ones))?"
    r"|(?:shared?|confirm\w*|communicat\w*|sen[dt]|writ\w*|giv\w*|provid\w*)\s+(?:\w+\s+){0,3}?(?:to|with)"
    r"\s+(?:all\s+|the\s+|every\s+|each\s+)?(?:(?:shortlisted|successful|remaining|other)\s+)?"
    r"(?:candidates?|applicants?|interviewees?)"
    r"|decision\s+(?:deadline|date|day)|deadline\s+(?:for|on)\s+(?:a|the|our)\s+decision"
    r"|(?:be\s+)?(?:out|over|sent|off)\s+to\s+you|(?:be\s+)?back\s+in\s+touch"
    r"|give\s+(?:us|me)(?!\s+a\s+(?:call|ring|shout|buzz))|offer\s+(?:letters?|call|conversation)"
    r"|(?:(?:we|i)'?ll\s+|will\s+)?(?:have|get|receive|send|email|issue)(?:\s+you)?\s+(?:the|your|an?|our)\s+(?:formal\s+|written\s+"
    r"|signed\s+)?(?:contract|offer\s+letter|paperwork|offer\s+pack)|(?:we|i)'?ll\s+send|will\s+send"
    r"|(?:pick|choose|select|appoint)\s+(?:someone|somebody|a\s+candidate|the\s+successful|our)"
    r"|notif(?:y|ied|ies|ication)|call\s+back|commit(?:ted|s)?\s+to|(?:will|to)\s+follow"
    r"|(?:back|be)\s+with\s+you|on\s+(?:its|their|the)\s+way|send\s+(?:it\s+)?over"
    r"|(?:send|email|forward|post)\s+(?:it|this|that|them)(?:\s+(?:over|across|through|on))?\b"
    r"|shortlist\w*(?:\s+(?:candidates?|applicants?|people))?"
    r"|touch(?:ing)?\s+base|be\s+in\s+contact|give\s+you\s+a\s+(?:bell|buzz|call|ring|shout)"
    r"|write\s+to\s+(?:you|everyone|all)|intend\s+to|(?:now|are|is|'re)\s+saying"
    r"|get\s+back\s+to\s+(?:u|ya)\b"
    r"|you(?:'ll|\s+will|\s+should)\s+(?:have|get|receive)(?:\s+(?:it|this|that|them|(?:the|an?|our"
    r"|your)\s+(?:\w+\s+)?(?:call|contract|offer|answer|decision|news|paperwork|letter|update|email"
    r"|word|response)))?\b"
    r"|(?:have|get|send|extend|make)\s+(?:you\s+)?(?:an?|the|our)\s+\w+\s+offers?|final\s+(?:call|decision|answer|word)(?!s)"
    r"|(?:we|i)(?:'ll|\s+will)?\s+need|(?:once|when|as\s+soon\s+as)\s+(?:[\w']+\s+){0,2}?back\s+(?:in|after|from)(?=\s+(?:the\s+)?"
    r"(?:new\s+year|holidays|christmas|xmas|break|winter\s+break|january))"
    r"|(?<!budget\s)(?<!annual\s)(?<!salary\s)(?<!performance\s)(?<!pay\s)review(?:s|ing)?(?:\s+(?:all|your|the|every|each|our))?(?:\s+(?:applications?|candidates?|cvs?"
    r"|resumes?|profiles?))?"
    r"|decid(?:e|es|ing)|decisions?|determination|verdict|outcome|results?"
    r"|make\s+(?:a|the|our|their|an|your)\s+(?:call|choice|selection|offer|hire|decision)"
    r"|(?:haven'?t|have\s+not|hasn'?t|not\s+yet|don'?t|didn'?t|do\s+not|not)\s+(?:yet\s+)?heard?"
    r"(?:\s+back)?(?:\s+(?:from|anything)(?:\s+(?:us|me|them|back))?)?"
    r"|hear(?:ing)?(?:\s+back)?(?:\s+from\s+(?:us|me|them|someone|one\s+of\s+us|the\s+\w+))?|get(?:ting)?\s+back\s+(?:to|with)\s+you|come\s+back\s+to\s+you|back\s+to\s+you"
    r"|let\s+you\s+know|let\s+(?!us\b|me\b)\w+(?:\s+\w+)?\s+know"
    r"|(?:expect|get|receive|have)\s+(?:a|an|the|our|my|that)\s+(?:phone\s+)?(?:call|email|e-mail|note"
    r"|message|ring)"
    r"|offers?(?:\s+letters?)?\s+(?:(?:will|should|are\s+going\s+to)\s+)?(?:go(?:es)?\s+)?(?:out|over)|(?:have|get|send|extend|make)\s+(?:you\s+)?(?:an?|the|our)\s+"
    r"(?:formal\s+|written\s+|verbal\s+)?offers?|needs?\s+until|give\s+(?:us|me)\s+until"
    r"|keep\s+you\s+(?:posted|updated|informed|in\s+the\s+loop)|updates?"
    r"|answers?|response|respond|reply|revert|feedback|circle\s+back|reach(?:ing)?\s+out"
    r"|follow(?:ing)?[\s-]+up|be\s+in\s+touch|get\s+in\s+touch|touch\s+base"
    r"|check(?:ing)?\s+(?:in|back)|(?:contact|call|email|e-mail|ping|send|message|text|phone|ring"
    r"|reach|write\s+to|drop)\s+you"
    r"|give\s+you\s+a\s+(?:call|ring|shout)|news|word|share"
    r"|(?:we'?ll|will|won'?t|should|would|to|may|might|can)\s+know|know\s+more"
    r"|expect(?:s|ed|ing)?|anticipat\w*|hop(?:e|ing)\s+to|hopefully|plan(?:ning)?\s+to|aim\w*"
    r"|target\w*|goal|finali[sz]\w*|conclud\w*|wrap\s+(?:things|this|everything|it)\s+up"
    r"|close\s+(?:out\s+)?(?:the\s+)?(?:search|role|req|requisition|position|process|loop)"
    r"|fill\s+the\s+(?:role|position|seat)|extend(?:ing)?\s+(?:an?\s+)?offers?|next\s+steps?"
    r"|mov(?:e|ing)\s+forward|at\s+the\s+(?:very\s+)?latest|no\s+later\s+than|not\s+later\s+than"
    r"|latest|allow|timeline|time\s*frame|turnaround|confirm(?:ation)?|sign[\s-]?off"
    r"|deadline\s+(?:to|for)\s+(?:decid\w*|us)|by\s+when)\b"
)

# Words that tie a date to something else: start dates, interviews, absences, the past, or
# something the candidate is asked to do (convention 11's distractors).
DISTRACTOR_CUE = re.compile(
    r"\b(?:start(?:s|ing|ed)?|begin(?:s|ning)?|join(?:s|ing|ed)?|onboard\w*|first\s+day"
    r"|orientation|in\s+seat|on\s+board|hire\s+date|notice|probation\w*|contract|relocat\w*"
    r"|interview\w*|rounds?|on-?site|panel\s+(?:interview|is|was|on|with|will\s+be)|superday|screen\w*|assessments?|presentations?"
    r"|case\s+study|take-?home|moved\s+(?:offices?|house|buildings?)|meet(?:s|ing|ings)?|met|(?<!'ll\s)(?<!will\s)calls?\s+(?:is|was|on|for|at|with(?!\s+you))"
    r"|a\s+call|(?:final\s+)?calls\b|chat|(?:times|slots|dates)\s+for(?=\s+(?:next|this|the\s+week|\w+day\b))|coffee|lunch|dinner|visit\w*|tour|candidates?(?!\s+portal)|applicants?|seeing"
    r"|speak(?:ing)?\s+(?:with|to)|talk(?:ing)?\s+(?:with|to)|schedul\w*|availab\w*"
    r"|back\s+(?:from|in|on|at)|return\w*|out\s+of\s+(?:the\s+)?office|ooo"
    r"|(?<!go\s)(?<!goes\s)(?<!going\s)(?<!sent\s)(?<!be\s)out\s+(?:until|till|through|thru|on|from"
    r"|for|next|this)"
    r"|(?:i'?m|i\s+am|we'?re|we\s+are|she'?s|he'?s|they'?re|is|are|be|been)\s+(?:out|off|away)"
    r"|away|vacation\w*"
    r"|holiday|leave|pto|travel\w*|flying|conference|offsite|closed|sick|parental|maternity"
    r"|paternity|busy|ago|last|previous\w*|past|took|was|were|had|did|been|lasted|spent|hired"
    r"|finished|ended|happened|went|grew|shipped|completed"
    r"|posted|posting|open|opens|opened|applied|applications?|decided|heard(?:\s+back)?(?:\s+from)?|spoke|talked"
    r"|reached\s+out|sent|received|got|thanks?|thank\s+you|enjoy\w*|pleasure|happy|merry"
    r"|have\s+a\s+(?:great|nice|good|wonderful|happy|lovely|restful)|hope\s+you\s+had"
    r"|(?:office|business|opening|working)\s+hours|hours\s+are|hard\s+stop|calendar"
    r"|great\s+(?:to|speaking|meeting|chatting|talking)|hope\s+(?:you|all|this|everything)"
    r"|expir\w*|valid|deadline|let\s+(?:us|me)\s+know|get\s+back\s+to\s+(?:us|me)"
    r"|(?<!'ll\s)(?<!will\s)(?<!to\s)send\s+(?:us|me|in|your)|submit\w*|complete|sign|fill\s+(?:out|in)"
    r"|your\s+(?:decision|answer|response|reply|availability|references?|portfolio|paperwork)"
    r"|please\s+(?:reply|respond|confirm|send|submit|complete|return|sign|let)"
    r"|hear\s+(?:back\s+)?from\s+you|need\s+(?:to\s+hear\s+)?(?:from|back\s+from)\s+you"
    r"|you(?:'ve)?\s+(?:need|have|owe|must|got)\s+(?:to\s+)?(?:respond|reply|answer|decide|give|get\s+back"
    r"|let\s+\w+\s+know)|you\s+owe\s+(?:\w+\s+){0,3}?(?:an?\s+)?(?:answer|response|decision)"
    r"|fiscal|budget\w*|hiring(?!\s+(?:manager|team|committee|lead|panel|partner|decision))|benefits?|insurance|401k|vest\w*|equity|bonus|salary|payroll"
    r"|kick\s+in|on\s+file|resume|cv|work(?:s|ing|ed)?\s+(?:from|in|at|remotely)|in-office|standup|stand-up|sync|huddle"
    r"|session|all-hands|retro|sprint|demo|workshop|training|webinar|event|party|slot|see\s+you"
    r"|planning|roadmap|launch\w*|release|earnings|revenue|okrs?|kick-?off"
    r"|(?:response|answer|reply|decision|confirmation|word)\s+from\s+you|headcount|engineers"
    r"|openings|roles|positions|birthday|anniversary|wedding|every|each|per|weekly|once(?=\s+(?:a|an|per|every|each)\b))\b"
)

# Words right before a date that change or qualify it, read backwards from the date.
LEAD = re.compile(
    r"(?:^|(?<=[\s,(]))(?P<lead>no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|latest\s+by"
    r"|no\s+sooner\s+than|no\s+earlier\s+than|not\s+before|as\s+early\s+as|as\s+of|prior\s+to"
    r"|ahead\s+of|sometime\s+(?:in|on|around|during|before|after|by)|some\s+time\s+(?:in|on)"
    r"|in\s+the\s+next|within\s+the\s+next|over\s+the\s+next|the\s+next|in\s+under"
    r"|in\s+less\s+than|less\s+than|under|inside\s+of|inside|by|before|after|following|until"
    r"|till|til|within|in|on|around|about|approximately|approx\.?|roughly|sometime|some\s+time"
    r"|at|for|over|during|through|thru|between|from|since|every|last|past|previous|this\s+past"
    r"|another|next|the|up\s+to|give\s+(?:us|me|it)|allow(?:\s+(?:us|me))?|post-)[\s,]*$"
)

# Where a clause ends, for finding the cue that governs a date: sentence ends, semicolons,
# spaced dashes, and the conjunctions that turn to a new subject.
CLAUSE_BREAK = re.compile(
    r"[!?;\n]|\.(?=\s|$|\")|\s-+\s|--|\b(?:but|however|although|though|whereas|while|otherwise"
    r"|meanwhile|since|because)\b|,\s*(?:and|so|now)\b|\bso\s+(?=we|i|you|expect|please|the)"
)
# Where a sentence ends: a clause without cues of its own takes them from its sentence ("The
# start date is flexible, but ideally early January").
SENTENCE_BREAK = re.compile(r"[!?;\n]|\.(?=\s|$|\")")
# A clause with its own subject and verb is a statement of its own: it does not take cues
# from the rest of its sentence ("... were out this week - so we'll need until Wednesday").
OWN_SUBJECT = re.compile(
    r"\b(?:we|i|you|they|he|she)(?:'ll|'d|'re|'m|'ve|\s+(?:will|would|should|can|could|may|might"
    r"|expect|hope|plan|aim|are|am|need|want|intend|have))\b"
)
# "..., and we'll decide then": the decision takes the date of the clause before.
THEN = re.compile(
    r"(?<!before\s)(?<!until\s)(?<!till\s)(?<!by\s)\b(?:then|at\s+that\s+(?:point|time))\b"
)
# "3 business days to run numbers, then we call you": the decision comes then.
THEN_WE = re.compile(r"\bthen\s+(?:we|i|they|someone|the\s+\w+)(?:'ll|\s+will)?\s")
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    (
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "approx", "e.g", "i.e"),
        *("a.m", "p.m", "am", "pm", "mr", "ms", "mrs", "dr", "st", "vs", "etc", "no"),
        *("e.o.w", "e.o.d", "c.o.b"),
    )
)

NEGATION = re.compile(r"\b(?:not|never|no|cannot|unlikely|nothing)\b|n't\b|\b(?:wont|dont|cant)\b")
# Negative words that do not negate the date ("no later than" is a firm promise).
NEGATION_EXCEPTIONS = re.compile(
    r"\b(?:no|not)\s+(?:later|more|longer)\s+than|\bnot\s+(?:counting|including)"
    r"|n't\s+(?:take|be)\s+(?:much\s+)?(?:more|longer)\s+than"
    r"|\b(?:i|we)\s+(?:do\s+not|don'?t)\s+know(?:\s+(?:exactly|for\s+sure|yet))?\s*[,;.-]|\bno\s+(?:matter|problem|worries)|\bnot\s+(?:a\s+problem|sure|certain|100)"
    r"|\byes\s+or\s+no\b|\bdon'?t\s+(?:worry|hesitate)|\bif\s+not\b|n't\s+(?:hesitate|worry)"
)
CONDITIONAL = re.compile(r"\b(?:if|unless|in\s+case|should\s+you|otherwise)\b")

# After a date: it is only the earliest day, so it commits to nothing (convention 12).
EARLIEST_ONLY = re.compile(
    r"[\s,]*(?:at\s+the\s+(?:very\s+)?earliest|or\s+later|or\s+after|and\s+beyond|onwards?)\b"
)
LATEST_AFTER = re.compile(r"[\s,]*(?:at\s+the\s+(?:very\s+)?latest|latest|tops|max)\b")

# Words that may stand around a lone month name or year and still leave it the answer:
# "Probably January." reads as a date, "we march on" does not.
FILLER_ONLY = re.compile(
    r"^[\s,.!?\"'()]*(?:(?:probably|hopefully|maybe|likely|most\s+likely|perhaps|possibly|not"
    r"|sometime|some\s+time|around|about|roughly|i\s+think|i'?d\s+(?:say|guess)|i\s+guess"
    r"|at\s+the\s+latest|or\s+so|latest|expected|expect|target|est\.?|eta:?|by"
    r"|i'?m\s+afraid|unfortunately|sadly|sorry)"
    r"[\s,.!?\"'()]*)*$"
)

# Words that point back and take a date back: "Friday, but don't hold me to it".
WITHDRAW_THAT = (
    r"|\b(?:hold\s+(?:me|us|you|anyone)\s+to|bet\s+on|plan\s+around|count\s+on|rely\s+on"
    r"|quote\s+me\s+on)\s+(?:it|that|this|those|any\s+of\s+that)\b|\b(?:tbd|tbc)\b"
    r"|\b(?:gone\s+)?out\s+(?:of\s+)?the\s+window\b|\boff\s+the\s+table\b|\bnot\s+happening\b"
    r"|\b(?:scratch|forget|ignore)\s+(?:that|what\s+i\s+(?:said|wrote))\b|\b(?:pinch|grain)\s+of\s+salt\b|\b(?:just\s+|only\s+)?a\s+guess\b|\bnot\s+a\s+promise\b"
    r"|\b(?:that|it)(?:'s|\s+is|\s+has)\s+(?:been\s+)?(?:scrapped|shelved|on\s+ice|cancelled|dead)\b"
)
# Opening the next sentence, these take back the date before: "Or not.", "Depends on budget."
WITHDRAW_START = re.compile(r"(?:it\s+)?(?:all\s+)?depends\b|or\s+not\b|maybe\s+not\b")
# "could be two weeks, could be two months": no date of the two is promised.
ALTERNATIVES = re.compile(
    r"\b(?:could|might|may)\s+be\s+[^.;!?\n]{1,40}?,\s*(?:or\s+)?(?:it\s+)?(?:could|might|may)"
    r"\s+(?:be\s+[^.;!?\n]{1,40}|not\b)|\bmaybe\s+[^.;!?\n]{1,30}?,?\s*(?:or\s+)?maybe\s+(?:later|not|longer"
    r"|after|more|never)\b"
)
WITHDRAW_THAT_RE = re.compile(WITHDRAW_THAT.removeprefix("|"))
# Words that take back a date said before them (convention 12): "normally a week, but with
# the reorg I can't say". A date after them still counts: "I can't say exactly, but you'll
# hear by Friday". What follows "can't say" matters: "I can't say whether it's a yes" is about
# the outcome, not the date.
WITHDRAW = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t|won'?t\s+be\s+able\s+to|unable\s+to)\s+"
    r"(?:really\s+|honestly\s+|yet\s+)?(?:say|promise|commit|guarantee|predict|tell(?:\s+you)?"
    r"|give\s+(?:you\s+)?(?:a|any)\s+(?:firm\s+|real\s+|exact\s+|solid\s+|definite\s+)?"
    r"(?:date|timeline|time\s*frame|eta))\b"
    r"(?!\s+(?:what|whether|if|who|which|enough|how\s+(?:it|the|much|happy|pleased)|that\s+you"
    r"|you'?ll|you\s+will|for\s+(?:the|a)\s+(?:team|panel|outcome)))"
    r"|\bno\s+(?:idea|guarantees?|promises|way\s+(?:to|of)\s+(?:know|tell|saying))\b"
    r"|\bwho\s+knows\b|\b(?:hard|difficult|impossible|tough|tricky)\s+to\s+(?:say|tell|predict)\b"
    r"|\bup\s+in\s+the\s+air\b|\banyone'?s\s+guess\b|\ball\s+bets\s+are\s+off\b"
    r"|\b(?:not|n't)\s+(?:sure|certain)\s+(?:when|how\s+long|of\s+(?:the\s+)?timing"
    r"|about\s+(?:the\s+)?timing)\b|\bdon'?t\s+(?:really\s+)?know\s+(?:when|how\s+long)\b"
    r"|\b(?:timing|timeline|the\s+date)\s+(?:is|are|'s|remains?)\s+(?:still\s+)?"
    r"(?:unclear|uncertain|unknown|tbd|up\s+in\s+the\s+air|in\s+flux|open)\b"
    r"|\b(?:everything|things|it)(?:'s|\s+is)\s+(?:a\s+bit\s+)?(?:in\s+flux|on\s+hold|up\s+in)\b"
    r"|\b(?:genuinely|really|honestly|truly|just)\s+(?:do\s+not|don'?t)\s+know\b"
    r"|\bto\s+be\s+(?:determined|confirmed)\b"
    r"|\b(?:no\s+longer|not)\s+realistic\b|\bmaking\s+(?:it|that|this)\s+up\b"
    r"|\b(?:always|usually|often|tend\s+to)\s+slip\b|\bno\s+(?:new|replacement|firm|set)\s+date\b"
    r"|\bwhether\s+(?:that|it|this)(?:'ll|\s+will|\s+would)\s+(?:happen|hold|stick)\b"
    r"|\byour\s+guess\s+is\s+as\s+good\s+as\s+mine\b|\bnobody\s+(?:knows|can\s+say)\b"
    r"|\bit\s+(?:all\s+|really\s+)?depends\b|\b(?:could|might|may|will\s+probably)\s+(?:well\s+)?slip\b"
    r"|\b(?:don'?t|do\s+not)\s+quote\s+me\b"
    r"|\b(?:looking|looks|seems|getting)\s+(?:less\s+|un)likely\b|\bless\s+and\s+less\s+likely\b"
    r"|\b(?:don'?t|do\s+not)\s+(?:really\s+)?have\s+(?:a|any)\s+(?:firm\s+)?(?:date|timeline|time\s*frame)\b"
    + WITHDRAW_THAT
)
# A sentence that opens by taking back what the one before it said: "Normally a week. But
# honestly, who knows."
WITHDRAW_OPENER = re.compile(
    r"[\s\"'(]*(?P<word>but|though|however|that\s+said|honestly|realistically|then\s+again|although"
    r"|in\s+reality|in\s+practice|to\s+be\s+honest|truthfully|sadly|unfortunately|now|sorry|so"
    r"|actually"
    r"|(?:that|this|it)(?:'s|\s+is))?[\s,]*"
)
# What usually happens is not a promise when a "but" follows: "it would usually be Friday,
# but this time ...".
HABITUAL = re.compile(
    r"\b(?:usually|normally|typically|generally|ordinarily|as\s+a\s+rule|in\s+theory"
    r"|on\s+paper|most\s+of\s+the\s+time|tends?\s+to|i'?d\s+love\s+to\s+say|i\s+wish\s+i\s+could"
    r"|i\s+could\s+(?:say|tell\s+you)|(?:would|'d)\s+be\s+(?:nice|great|lovely|ideal)"
    r"|i'?d\s+love\s+to\s+(?:tell\s+you|promise|give\s+you))\b"
)
# What would have been, before things changed: "Pre-reorg we'd have had an answer by Wednesday".
COUNTERFACTUAL = re.compile(
    r"\b(?:we|i|they|you)(?:'d|\s+would)\s+have\s+(?:had|been|known|heard|decided|got|gotten)\b"
    r"|\b(?:should|if)\s+(?:a|an|another|any)\s+(?:\w+\s+){0,2}(?:arises?|becomes?|comes?\s+up"
    r"|opens?\s+up)\b"
)
CONTRAST = re.compile(r"\b(?:but|though|however|except|in\s+practice|in\s+reality)\b")
# Where a plan changed: the date after it replaces the one before ("we hoped for the 4th, now
# it looks like the 11th", "Plan was Friday, now Thursday").
REVISION = re.compile(
    r"\b(?:now|instead|new\s+plan|revised|moved|pushed|changed|shifted|updated|firm\s+(?:that|it)"
    r"\s+up|correction|make\s+that|scratch\s+that|no\s+longer|rather)\b"
)
# Words before a date that say it was the plan before a change: "Originally we said Friday".
PAST_PLAN = re.compile(
    r"\b(?:originally|initially|at\s+first|(?:we|i)\s+(?:had\s+)?(?:said|hoped|planned)|(?:we|i)'d"
    r"\s+(?:said|hoped|planned)|(?:the\s+)?plan\s+was|was\s+supposed\s+to\s+be|(?:we|i)\s+were"
    r"\s+(?:aiming|hoping|targeting)|had\s+hoped)\b"
)
# A sentence that is only a hedge: "Realistically? No idea." takes back the guess after it.
HEDGE_ONLY = re.compile(
    r"[\s\"'(]*(?:\w+[?,]?\s+){0,3}?(?:no\s+idea|who\s+knows|hard\s+to\s+say|honestly\s+no\s+idea"
    r"|not\s+sure|no\s+clue|dunno|can'?t\s+say)[\s.!?]*$"
)
