"""Corrections reach the words already written: a renamed company or a corrected name or
address is replaced in every note saved but not yet sent.

The notes belong to the outbox, above the pipeline, so the outbox registers how to rewrite
them (`drafts_rewriter`, from its AppConfig.ready); a sent note is never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User

from closer.core.notes import first_name


@dataclass(frozen=True)
class Rewrite:
    """Old words to new ones; `addresses` apply to the recipients, ignoring case; notes to
    the contacts in `fill_to` (ids) that had no recipient yet get their address."""

    words: tuple[tuple[str, str], ...] = ()
    addresses: tuple[tuple[str, str], ...] = ()
    fill_to: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        pairs = (*self.words, *self.addresses)
        return any(old != new for old, new in pairs) or bool(self.fill_to)


DraftRewriter = Callable[[User, Collection[int], Rewrite], int]
_REWRITERS: list[DraftRewriter] = []


def drafts_rewriter(rewriter: DraftRewriter) -> DraftRewriter:
    if rewriter not in _REWRITERS:
        _REWRITERS.append(rewriter)
    return rewriter


def drafts_rewrite(*, owner: User, opportunities: Collection[int], rewrite: Rewrite) -> int:
    """Apply `rewrite` to the unsent notes of these opportunities; how many changed."""
    if not rewrite or not opportunities:
        return 0
    return sum(rewriter(owner, opportunities, rewrite) for rewriter in _REWRITERS)


def person_rewrite(
    contact_id: int, old: str, new: str, *, old_email: str = "", new_email: str = ""
) -> Rewrite:
    """A person's corrected name (the full name, then the first name a greeting uses) and
    address; an address given for the first time fills the notes to them."""
    words: Sequence[tuple[str, str]] = [(old.strip(), new.strip())]
    old_first, new_first = first_name(old), first_name(new)
    if old_first and new_first:
        words = [*words, (old_first, new_first)]
    addresses = ((old_email, new_email),) if old_email and new_email else ()
    fill = (contact_id,) if new_email and not old_email else ()
    return Rewrite(words=tuple(words), addresses=addresses, fill_to=fill)
