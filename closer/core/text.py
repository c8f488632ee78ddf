"""Small pieces of English shared by every sentence Closer writes."""

from __future__ import annotations

from collections.abc import Iterable


def join_names(names: Iterable[str]) -> str:
    """'Dana', 'Dana and Sam', 'Dana, Sam and Lee': blank names are left out."""
    found = [name.strip() for name in names if name.strip()]
    if len(found) <= 1:
        return "".join(found)
    return f"{', '.join(found[:-1])} and {found[-1]}"
