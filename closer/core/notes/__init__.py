"""Notes: the short, personal messages the plan calls for, drafted from the close record.

    facts = NoteFacts(kind=ActionKind.THANK_YOU, recipient="Dana Lee", company="Acme", ...)
    draft(facts, Tone.WARM, now)  ->  Draft(subject="Thank you, Dana", body="Hi Dana, ...")

`wording` holds Closer's own words for every kind of note in two tones; `template` is the
small language they (and a person's own templates) are written in; `draft` gathers the
details; `mailto` builds links any email app opens.
"""

from __future__ import annotations

from closer.core.notes.draft import (
    BODY_MAX,
    SUBJECT_MAX,
    Draft,
    NoteFacts,
    NoteTemplate,
    check_template,
    default_template,
    draft,
    first_name,
    long_day,
    note_values,
    sample_facts,
    topic_for,
    when_we_spoke,
)
from closer.core.notes.mailto import addresses, mailto, parse_mailto
from closer.core.notes.template import TemplateError
from closer.core.notes.wording import (
    KIND_NAMES,
    MESSAGE_KINDS,
    PLACEHOLDERS,
    Tone,
    placeholders_for,
)

__all__ = [
    "BODY_MAX",
    "KIND_NAMES",
    "MESSAGE_KINDS",
    "PLACEHOLDERS",
    "SUBJECT_MAX",
    "Draft",
    "NoteFacts",
    "NoteTemplate",
    "TemplateError",
    "Tone",
    "addresses",
    "check_template",
    "default_template",
    "draft",
    "first_name",
    "is_message",
    "long_day",
    "mailto",
    "note_values",
    "parse_mailto",
    "placeholders_for",
    "sample_facts",
    "topic_for",
    "when_we_spoke",
]


def is_message(kind: str) -> bool:
    """Whether an action of this kind means writing to someone (check-ins do not)."""
    return kind in {k.value for k in MESSAGE_KINDS}
