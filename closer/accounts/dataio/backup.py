"""A consistent copy of the live SQLite database, even while Closer runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# What a copy in progress is called, beside the name asked for. Distinctive, so that the
# leftovers of a killed backup can be cleaned up without touching anyone else's files.
PARTIAL = ".closer-backup.partial"


def backup_sqlite(source: str | Path, target: str | Path) -> None:
    """A copy made with SQLite's online backup API, in one step: a backup taken a few pages
    at a time starts over whenever another connection writes, so on a busy database it
    might never finish. In WAL mode the one step holds only a read snapshot, and writers
    carry on meanwhile.

    The copy is written beside the target and renamed into place once it passes PRAGMA
    integrity_check, so a failed backup never leaves a half-written file under the name
    asked for; what a killed backup left beside it is removed at the next run."""
    target = Path(target)
    for leftover in target.parent.glob(f"*{PARTIAL}"):
        leftover.unlink(missing_ok=True)
    partial = target.with_name(target.name + PARTIAL)
    src = sqlite3.connect(str(source), timeout=30)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"The copy failed its integrity check: {ok}")
    partial.replace(target)
