"""`mailto:` links as RFC 6068 writes them, so any email app opens the note ready to send.

Only bare addresses go in the path (display names are not part of a mailto address); every
other character is percent-encoded UTF-8, spaces as %20 (never "+"), and line breaks as
CRLF (%0D%0A), which is what the RFC asks of a body.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import getaddresses
from urllib.parse import quote, unquote

# In an address, "@" stays readable; everything else outside unreserved is encoded,
# including "?", "&", "#", "%" and "," which would end or split the address.
_ADDRESS_SAFE = "@"


def addresses(text: str) -> list[str]:
    """The bare addresses in 'Dana Lee <dana@acme.example>, sam@acme.example'."""
    return [addr for _, addr in getaddresses([text]) if addr]


def mailto(to: Sequence[str], *, subject: str = "", body: str = "", cc: Sequence[str] = ()) -> str:
    path = ",".join(quote(addr, safe=_ADDRESS_SAFE) for addr in to)
    fields = [("cc", ",".join(cc)), ("subject", subject), ("body", _crlf(body))]
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in fields if value)
    return f"mailto:{path}?{query}" if query else f"mailto:{path}"


def parse_mailto(url: str) -> tuple[list[str], dict[str, str]]:
    """The addresses and header fields of a mailto link (the inverse of `mailto`)."""
    if not url.startswith("mailto:"):
        raise ValueError(f"Not a mailto link: {url!r}")
    path, _, query = url[len("mailto:") :].partition("?")
    to = [unquote(part) for part in path.split(",") if part]
    fields: dict[str, str] = {}
    for pair in query.split("&") if query else []:
        name, _, value = pair.partition("=")
        fields[unquote(name).lower()] = unquote(value)
    return to, fields


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
