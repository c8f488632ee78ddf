"""The worker's housekeeping: what Undo needed is forgotten once the window has passed."""

from __future__ import annotations

from datetime import timedelta

from helpers import at

from closer.pipeline.models import Action, Change
from closer.pipeline.services import UNDO_WINDOW, action_complete
from closer.worker import worker


def test_the_worker_forgets_what_undo_no_longer_needs_and_keeps_the_entry(acme_close, smtp):
    old, recent = Action.objects.filter(interview=acme_close.interview).order_by("pk")[:2]
    then = at("2026-11-25 16:00")
    action_complete(action=old, now=then)
    action_complete(action=recent, now=then + UNDO_WINDOW)
    runner = worker(now=lambda: then + UNDO_WINDOW + timedelta(hours=1))
    runner.run_once()
    undo = dict(Change.objects.filter(kind="action").values_list("summary", "undo"))
    assert len(undo) == 2
    kept = [summary for summary, state in undo.items() if state is not None]
    assert len(kept) == 1 and kept[0].startswith("Done:")
    assert Change.objects.get(undo__isnull=True).at == then
