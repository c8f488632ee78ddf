"""Small pieces of English shared by every sentence Closer writes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def join_names(names: Iterable[str]) -> str:
    """'Dana', 'Dana and Sam', 'Dana, Sam and Lee': blank names are left out."""
    found = [name.strip() for name in names if name.strip()]
    if len(found) <= 1:
        return "".join(found)
    return f"{', '.join(found[:-1])} and {found[-1]}"


def business_days_in_words(n: int) -> str:
    """'1 business day', '5 business days'."""
    return "1 business day" if n == 1 else f"{n} business days"


# After a full stop: the end of the text or line, or a new sentence.
_SENTENCE_ENDS = re.compile(r"$|\n|\s+[A-Z]")


def replace_words(
    text: str, replacements: Sequence[tuple[str, str]], *, ignore_case: bool = False
) -> str:
    """Each old word or phrase becomes its new one wherever it stands whole (never inside a
    longer word: renaming "Al" leaves "Alex" alone). All are replaced in one pass, longest
    first, so a new name is never replaced again by a later pair. An old name ending in a
    full stop ("Dana L.") that also ends its sentence leaves the stop in place."""
    pairs = {old: new for old, new in replacements if old and old != new}
    if not pairs:
        return text
    olds = sorted(pairs, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w@.])(" + "|".join(re.escape(old) for old in olds) + r")(?![\w@])",
        re.IGNORECASE if ignore_case else 0,
    )
    lookup = {old.casefold(): new for old, new in pairs.items()} if ignore_case else pairs

    def swap(found: re.Match[str]) -> str:
        key = found[1].casefold() if ignore_case else found[1]
        new = lookup[key]
        if (
            found[1].endswith(".")
            and not new.endswith(".")
            and _SENTENCE_ENDS.match(text, found.end())
        ):
            return new + "."
        return new

    return pattern.sub(swap, text)
