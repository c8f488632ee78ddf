"""Small misspellings and chat spelling of the reader's closed vocabulary, put right before the
rules run: "wensday", "thrusday", "tomorow", "nxt wk", "end of teh month", "febuary".

Only the closed vocabulary is corrected (weekdays, months, and the words for days, weeks and
months around them), never an ordinary word: a misspelling must be one edit (a letter left
out, added, changed, or two swapped) from a word of at least six letters, and must not itself
be an English word this module knows of ("sundae" stays a dessert). Shorter words are put
right only from a fixed list of the ways people really write them ("nxt", "wk", "teh").

Corrections change the length of the text, so `correct` also returns where each character of
the corrected text came from: the phrase shown to the user is cut from what they typed.
"""

from __future__ import annotations

import re

# Words long enough that one edit away is still unmistakably them.
_LONG_WORDS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "april",
    "august",
    "september",
    "october",
    "november",
    "december",
    "tomorrow",
    "weekend",
    "fortnight",
    "business",
    "working",
    "couple",
]

# How people write the short words, in chat and in a hurry.
_SHORT_FORMS = {
    "nxt": "next",
    "u": "you",
    "ur": "your",
    "erly": "early",
    "eraly": "early",
    "fortnite": "fortnight",
    "dayz": "days",
    "dys": "days",
    "nex": "next",
    "wk": "week",
    "wks": "weeks",
    "wek": "week",
    "weeek": "week",
    "wkend": "weekend",
    "wknd": "weekend",
    "mnth": "month",
    "mnths": "months",
    "mths": "months",
    "teh": "the",
    "hte": "the",
    "tmr": "tomorrow",
    "tmrw": "tomorrow",
    "tmw": "tomorrow",
    "tmrow": "tomorrow",
    "tomoz": "tomorrow",
    "tomo": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2day": "today",
    "tday": "today",
    "tonite": "tonight",
    "b4": "before",
    "til": "until",
    "untill": "until",
    "wendsday": "wednesday",
    "wensday": "wednesday",
    "wednsday": "wednesday",
    "thrusday": "thursday",
    "thursdy": "thursday",
    "febuary": "february",
    "feburary": "february",
    "teusday": "tuesday",
    "tuseday": "tuesday",
}

# English words (and names) one edit from a word above, which must stay as they are: the plural
# weekdays say what happens every week ("we're closed Saturdays"), never a date. Checked
# against the Debian word lists (wamerican, wbritish) when the list above changes.
_REAL_WORDS = frozenset(
    [
        "corking",
        "coupe",
        "coupled",
        "couples",
        "couplet",
        "forking",
        "wording",
        "workings",
        "worming",
        "sundae",
        "sundry",
        "sundas",
        "sundays",
        "mondays",
        "tuesdays",
        "wednesdays",
        "thursdays",
        "fridays",
        "saturdays",
        "aprils",
        "augusts",
        "augusta",
        "augustine",
        "octobers",
        "novembers",
        "decembers",
        "septembers",
        "frida",
        "business's",
        "businesses",
        "busyness",
        "bushiness",
        "weekends",
        "tomorrows",
        "fortnights",
    ]
)

_TOKEN = re.compile(r"[a-z0-9]+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_corrections: dict[str, str] = {}


def _one_edit(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    left_out = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    added = {a + c + b for a, b in splits for c in _LETTERS}
    return left_out | swapped | changed | added


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for word in _LONG_WORDS:
        for variant in _one_edit(word):
            if len(variant) >= 5 and variant not in _REAL_WORDS and variant != word:
                table.setdefault(variant, word)
    # A variant of two words corrects to neither; the words themselves are never changed.
    for word in _LONG_WORDS:
        table.pop(word, None)
    table.update(_SHORT_FORMS)
    return table


def correct(text: str) -> tuple[str, list[int] | None]:
    """`text` (already lower case) with the vocabulary's misspellings put right, and for each
    character of the result (and one past its end) the index in `text` it came from; None
    when nothing changed, so the indexes are `text`'s own."""
    if not _corrections:
        _corrections.update(_build())
    if _corrections.keys().isdisjoint(_TOKEN.findall(text)):
        return text, None  # most text: nothing to put right, found without a Python loop
    pieces: list[str] = []
    origins: list[int] = []
    last = 0
    for found in _TOKEN.finditer(text):
        right = _corrections.get(found[0])
        if right is None:
            continue
        start, end = found.span()
        pieces.append(text[last:start])
        origins.extend(range(last, start))
        pieces.append(right)
        # Every letter of the correction stands for the start of the word it replaces.
        origins.extend([start] * len(right))
        last = end
    if not pieces:
        return text, None
    pieces.append(text[last:])
    origins.extend(range(last, len(text) + 1))
    return "".join(pieces), origins
