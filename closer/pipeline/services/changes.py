"""What the user changed, and Undo.

Every edit, delete and tap on an action leaves a `Change`: an entry on the opportunity's
history, and (for the kinds that have an undoer) what Undo needs to reverse it for a while.
Apps above the pipeline add their own undoable kinds with `undoer` (the outbox adds "I sent
it myself"), so this module never imports them.

A delete keeps a snapshot of every row it removes, taken with Django's own deletion
collector, so Undo puts back exactly what went, with the same ids, and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta
from typing import Any, cast

from django.contrib.auth.models import User
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, IntegrityError, models, transaction
from django.db.models.deletion import Collector

from closer.core.records import OpportunityStatus
from closer.pipeline.models import Action, Change, Opportunity
from closer.pipeline.services.planning import plan_refresh, status_set
from closer.pipeline.services.recording import rounds_renumber

# How long Undo stays on offer. After that, a delete's snapshot is dropped (changes_prune):
# what the user deleted is then gone for good.
UNDO_WINDOW = timedelta(days=7)

Undoer = Callable[[Change, datetime], None]
_UNDOERS: dict[str, Undoer] = {}


class UndoError(Exception):
    """The change cannot be undone (any more); the message says why, in words."""


def undoer(kind: str) -> Callable[[Undoer], Undoer]:
    """Register how to undo changes of `kind` (an app's AppConfig.ready may call it)."""

    def register(function: Undoer) -> Undoer:
        _UNDOERS[kind] = function
        return function

    return register


def undo_as(kind: str, change: Change, now: datetime) -> None:
    """Undo `change` as a change of `kind` would be: an undoer that extends another's (the
    outbox's "I sent it myself" is a Done, plus a note) calls this for the shared part."""
    _UNDOERS[kind](change, now)


def change_record(
    *,
    owner: User,
    opportunity: Opportunity | None,
    kind: str,
    summary: str,
    now: datetime,
    detail: str = "",
    undo: dict[str, Any] | None = None,
) -> Change:
    """Note a change in the caller's transaction (a failed write leaves no entry)."""
    return Change.objects.create(
        owner=owner,
        opportunity=opportunity,
        kind=kind,
        summary=summary[:300],
        detail=detail,
        undo=undo,
        at=now,
    )


def can_undo(change: Change, now: datetime) -> bool:
    return (
        change.undo is not None
        and change.undone_at is None
        and change.kind in _UNDOERS
        and change.at >= now - UNDO_WINDOW
    )


@transaction.atomic
def change_undo(*, change: Change, now: datetime) -> Change:
    """Reverse one change, or raise UndoError and change nothing. Undoing leaves its own
    entry on the history ("Undone: …"), which cannot itself be undone."""
    locked = Change.objects.select_for_update().get(pk=change.pk)
    if locked.undone_at is not None:
        raise UndoError("That was undone already.")
    if not can_undo(locked, now):
        raise UndoError("That can no longer be undone.")
    try:
        with transaction.atomic():
            _UNDOERS[locked.kind](locked, now)
    except IntegrityError:
        raise UndoError(
            "That can't be undone: something it depends on has changed or gone since."
        ) from None
    locked.undone_at = now
    locked.save(update_fields=["undone_at"])
    opportunity = (
        Opportunity.objects.filter(pk=locked.opportunity_id).first()
        if locked.opportunity_id is not None
        else None
    )
    change_record(
        owner=locked.owner,
        opportunity=opportunity,
        kind="undo",
        summary=f"Undone: {locked.summary}",
        now=now,
    )
    return locked


def changes_prune(*, now: datetime) -> int:
    """Forget what Undo needed once the window has passed (a deleted opportunity's rows among
    it). The entries themselves stay on the history."""
    return Change.objects.filter(at__lt=now - UNDO_WINDOW, undo__isnull=False).update(undo=None)


# --- deleting with a snapshot ---------------------------------------------------------------


def delete_with_snapshot(obj: models.Model) -> dict[str, Any]:
    """Delete `obj` and everything that goes with it; return the snapshot that `restore`
    puts back. Links that were cleared (SET_NULL) rather than deleted are remembered too."""
    collector = Collector(using=DEFAULT_DB_ALIAS, origin=obj)
    collector.collect([obj])
    doomed: list[models.Model] = [o for objs in collector.data.values() for o in objs]
    for queryset in collector.fast_deletes:
        doomed.extend(queryset)
    cleared = []
    for (field, _value), batches in collector.field_updates.items():
        for batch in batches:
            # A batch is a list of rows or a queryset, typed by django-stubs as one Model.
            for row in cast(Iterable[models.Model], batch):
                cleared.append(
                    [row._meta.label, row.pk, field.attname, getattr(row, field.attname)]
                )
    rows = json.loads(serializers.serialize("json", doomed, cls=_ExactEncoder))
    # The links of many-to-many fields are rows of their own (collected above as fast
    # deletes), so they are put back as rows, not again through their parents.
    for row in rows:
        row["fields"] = {
            name: value for name, value in row["fields"].items() if not isinstance(value, list)
        }
    collector.delete()
    return {"rows": rows, "cleared": cleared}


class _ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond (DjangoJSONEncoder stops at the millisecond), so a row put
    back reads exactly as it did."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def restore(snapshot: dict[str, Any]) -> None:
    """Put back what `delete_with_snapshot` removed, with the same ids. Raises IntegrityError
    when a row it links to has gone since."""
    for found in serializers.deserialize("json", json.dumps(snapshot["rows"])):
        found.save(save_m2m=False)
    for label, pk, attname, value in snapshot["cleared"]:
        model = _model(label)
        model._default_manager.filter(pk=pk, **{attname: None}).update(**{attname: value})


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(label)


def deleted_undo(
    snapshot: dict[str, Any],
    *,
    replan: Iterable[int],
    opportunity: int | None = None,
    statuses: dict[int, str] | None = None,
    since: int = 0,
) -> dict[str, Any]:
    """What Undo needs for a delete: the rows, the opportunities to re-plan once they are
    back (and the statuses they had), and, when the opportunity itself went, its id, so its
    history finds it again. `since` (from `last_action`, before the delete) marks the
    actions that the re-plan after the delete made in place of those that went."""
    replan = sorted(set(replan))
    return {
        "snapshot": snapshot,
        "replan": replan,
        "stand_ins": list(
            Action.objects.filter(opportunity__in=replan, pk__gt=since).values_list("pk", flat=True)
        ),
        "opportunity": opportunity,
        "statuses": {str(pk): status for pk, status in (statuses or {}).items()},
    }


@undoer("deleted")
def _undo_delete(change: Change, now: datetime) -> None:
    assert change.undo is not None
    restore(change.undo["snapshot"])
    pk = change.undo.get("opportunity")
    if pk is not None:
        Change.objects.filter(pk=change.pk).update(opportunity_id=pk)
        change.opportunity_id = pk
    statuses = change.undo.get("statuses", {})
    for opportunity in Opportunity.objects.filter(pk__in=change.undo["replan"]):
        if str(opportunity.pk) in statuses:
            status_set(opportunity, OpportunityStatus(statuses[str(opportunity.pk)]))
        rounds_renumber(opportunity)
        plan_refresh(opportunity=opportunity, now=now)
    # With the real ones back, the plan cancelled the stand-ins: they go, as if never made.
    stand_ins = change.undo.get("stand_ins", [])
    Action.objects.filter(pk__in=stand_ins, status=Action.Status.CANCELLED).delete()


def last_action() -> int:
    """The newest action's id: what `deleted_undo(since=…)` compares with."""
    return Action.objects.aggregate(last=models.Max("pk"))["last"] or 0
