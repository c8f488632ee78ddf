"""The parts of a pasted email that are not what the sender says now: the message quoted
under a reply ("On Tue, 3 Nov, Sam wrote:" and "> " lines), header lines ("Sent: Monday ..."),
and the signature after a sign-off. Their dates are old or about something else (office
hours, a phone number), so the reader does not see them.

They are blanked with spaces rather than cut, so the text keeps its length and every span
found in it is still the span of the words the person pasted.
"""

from __future__ import annotations

import re

from closer.core.timeline.words import DECISION_CUE

# Where the quoted earlier message starts: everything from here on is old.
_QUOTE_START = re.compile(
    r"^[ \t]*(?:on\s[^\n]{4,160}?\swrote:?|-{2,}\s*(?:original|forwarded)\s+message\s*-{2,}"
    r"|_{8,}|begin\s+forwarded\s+message:?)[ \t]*$",
    re.MULTILINE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*", re.MULTILINE)
_HEADER_LINE = re.compile(
    r"^[ \t]*(?:from|sent|date|to|cc|bcc|subject|reply-to)[ \t]*:[^\n]*", re.MULTILINE
)
# A sign-off on a line of its own; the lines after it are the signature, up to a "P.S.".
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|warmest|many|with)\s+(?:regards|wishes|thanks)|best|regards"
    r"|thanks(?:\s+(?:again|so\s+much))?|thank\s+you|many\s+thanks|cheers|sincerely"
    r"|(?:yours\s+)?sincerely|all\s+the\s+best|talk\s+soon|speak\s+soon|warmly|best,?\s+\w+)"
    r"[ \t]*[,.!]?[ \t]*$",
    re.MULTILINE,
)
_SIGNATURE_MARK = re.compile(r"^--[ \t]*$", re.MULTILINE)
_LINE = re.compile(r"[^\n]+")
_POSTSCRIPT = re.compile(r"^[ \t]*p\.?\s?s\b", re.MULTILINE)
# A signature is short; a sign-off followed by a long text was not one.
_SIGNATURE_LINES = 8


def _blank(text: str, start: int, end: int) -> str:
    kept = "".join("\n" if char == "\n" else " " for char in text[start:end])
    return text[:start] + kept + text[end:]


def blank_quoted(text: str) -> str:
    """`text` (normalised, lower case) with quoted replies, header lines and the signature
    blanked; `text` itself when it is not an email."""
    if "\n" not in text:
        return text
    quote = _QUOTE_START.search(text)
    # A quote header on the first line is the whole paste: the user copied a reply chain
    # from its start and the newest message is below it.
    if quote is not None and text[: quote.start()].strip():
        text = _blank(text, quote.start(), len(text))
    if ">" in text:
        for m in reversed(list(_QUOTED_LINE.finditer(text))):
            text = _blank(text, m.start(), m.end())
    for m in reversed(list(_HEADER_LINE.finditer(text))):
        text = _blank(text, m.start(), m.end())
    mark = _SIGNATURE_MARK.search(text) or _last_sign_off(text)
    if mark is not None:
        postscript = _POSTSCRIPT.search(text, mark.end())
        end = postscript.start() if postscript else len(text)
        # A line that speaks of the decision is the message, wherever the sign-off was.
        for line in reversed(list(_LINE.finditer(text, mark.end(), end))):
            if not DECISION_CUE.search(line.group()):
                text = _blank(text, line.start(), line.end())
    return text


def _last_sign_off(text: str) -> re.Match[str] | None:
    found = None
    for m in _SIGN_OFF.finditer(text):
        found = m
    if found is None or text.count("\n", found.end()) > _SIGNATURE_LINES:
        return None
    # "Thanks," opening a message is a greeting: a sign-off has the message above it.
    if not text[: found.start()].strip():
        return None
    return found
