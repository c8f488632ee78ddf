"""What a delete would take with it, counted before anything goes, so the confirmation can
say so in words ("2 interviews, 1 close, 5 planned actions and 3 notes")."""

from __future__ import annotations

from collections import Counter

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.deletion import Collector

from closer.core.text import join_names

# The rows people would recognise, by model label, as (one, many). Rows they would not (the
# links between an interview and its interviewers, reminder bookkeeping) go unmentioned.
_WORDS = {
    "pipeline.Interview": ("interview", "interviews"),
    "pipeline.Close": ("close you logged", "closes you logged"),
    "pipeline.Answer": ("answer", "answers"),
    "pipeline.Action": ("action on the plan", "actions on the plan"),
    "pipeline.Referral": ("referral lead", "referral leads"),
    "outbox.Note": ("note", "notes"),
}


def delete_consequences(obj: models.Model) -> str:
    """The rows deleting `obj` takes with it, in words; "" when nothing else goes."""
    collector = Collector(using=DEFAULT_DB_ALIAS, origin=obj)
    collector.collect([obj])
    counts: Counter[str] = Counter()
    for model, rows in collector.data.items():
        counts[model._meta.label] += len(rows)
    for queryset in collector.fast_deletes:
        counts[queryset.model._meta.label] += queryset.count()
    counts[obj._meta.label] -= 1  # the object itself
    parts = [
        f"{counts[label]} {one if counts[label] == 1 else many}"
        for label, (one, many) in _WORDS.items()
        if counts[label] > 0
    ]
    return join_names(parts)
