"""The timeline reader against hand-written sets of what interviewers actually say.

Each line of a set is one phrase with the day it was said and the date the conventions give
for it (null: the words commit to no date); the conventions are the numbered rules in
closer/core/timeline/CONVENTIONS.md. The notes name the conventions an entry exercises. The
sets were written from the conventions alone, by people who had not read the reader, so a miss
is a question about the reader first; fix an entry only when it contradicts the conventions.

- `timeline_corpus.jsonl`: the first corpus, by convention.
- `timeline_dev.jsonl`: the development set, by kind of phrase ("kind": hedge, email, typo
  ...); the reader may be tuned on it.
- `timeline_heldout.jsonl`: the held-out set, written before the reader's rework and never
  used to tune it. Only its form is tested here; `make bench` reports its score, and nobody
  reads its misses to fix them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest
from helpers import at

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = DATA / "timeline_corpus.jsonl"
DEV = DATA / "timeline_dev.jsonl"
HELDOUT = DATA / "timeline_heldout.jsonl"
PACKAGE = Path(__file__).resolve().parents[2] / "closer" / "core" / "timeline"
CONVENTIONS = PACKAGE / "CONVENTIONS.md"
MIN_ACCURACY = {CORPUS: 0.98, DEV: 0.99}
KEYS = {"said", "text", "by", "holidays", "note", "kind"}
# How code and notes cite a convention: "convention 6", "conventions 1, 3, 4", "conventions 4
# and 5", "Convention 11's distractors".
CITATION = re.compile(r"\bconventions?\s+(\d+(?:(?:\s*,\s*|\s*,?\s+and\s+)\d+)*)", re.IGNORECASE)
# A convention is defined by a numbered heading: "## 6. Business days".
DEFINITION = re.compile(r"^#{2,}\s+(\d+)\.\s", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    line: int
    said: date
    text: str
    by: date | None
    holidays: str | None
    note: str

    @property
    def said_at(self) -> datetime:
        return at(f"{self.said.isoformat()} 16:00")


@dataclass(frozen=True)
class Miss:
    entry: Entry
    got: date | None
    phrase: str

    def describe(self) -> str:
        text = " ".join(self.entry.text.split())
        if len(text) > 90:
            text = text[:87] + "..."
        expected = self.entry.by.isoformat() if self.entry.by else "None"
        got = self.got.isoformat() if self.got else "None"
        read = f" (read {self.phrase!r})" if self.phrase else ""
        cal = " [US holidays]" if self.entry.holidays else ""
        return (
            f"  line {self.entry.line}: said {self.entry.said}{cal} {text!r}\n"
            f"    expected {expected}, got {got}{read} — {self.entry.note}"
        )


def cited(text: str) -> set[int]:
    """The convention numbers `text` cites."""
    return {int(n) for found in CITATION.findall(text) for n in re.findall(r"\d+", found)}


@cache
def load_corpus(path: Path = CORPUS) -> tuple[Entry, ...]:
    entries = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            raw = json.loads(line)
            by = raw["by"]
            entries.append(
                Entry(
                    line=number,
                    said=date.fromisoformat(raw["said"]),
                    text=raw["text"],
                    by=date.fromisoformat(by) if by is not None else None,
                    holidays=raw.get("holidays"),
                    note=raw.get("note", ""),
                )
            )
    return tuple(entries)


@cache
def run_reader(path: Path = CORPUS) -> tuple[int, tuple[Miss, ...]]:
    """Reads every entry of the set at `path` once; returns (number of entries, misses)."""
    from closer.core import timeline
    from closer.core.calendar import BusinessCalendar

    calendars: dict[str, BusinessCalendar] = {}
    misses = []
    entries = load_corpus(path)
    for entry in entries:
        kwargs = {}
        if entry.holidays:
            if entry.holidays not in calendars:
                calendars[entry.holidays] = BusinessCalendar(country=entry.holidays)
            kwargs["holidays"] = calendars[entry.holidays]
        found = timeline.read(entry.text, entry.said_at, **kwargs)
        got = None if found is None else found.by
        if got != entry.by or (got is not None and type(got) is not date):
            phrase = "" if found is None else str(getattr(found, "phrase", ""))
            misses.append(Miss(entry, got, phrase))
    return len(entries), tuple(misses)


@pytest.mark.parametrize(
    ("path", "size", "nulls"), [(CORPUS, 250, 60), (DEV, 1000, 200), (HELDOUT, 300, 60)]
)
def test_it_has_well_formed_sets(path: Path, size: int, nulls: int) -> None:
    entries = load_corpus(path)
    problems = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            raw = json.loads(line)
            extra = set(raw) - KEYS
            if extra or not {"said", "text", "by", "note"} <= set(raw):
                problems.append(f"line {number}: unexpected or missing keys {sorted(raw)}")
            if raw.get("holidays") not in (None, "US"):
                problems.append(f"line {number}: unknown holidays {raw['holidays']!r}")
            if not str(raw.get("text", "")).strip():
                problems.append(f"line {number}: empty text")
    assert not problems, "\n".join(problems)
    assert len(entries) >= size, f"only {len(entries)} entries"
    without = [e for e in entries if e.by is None]
    assert len(without) >= nulls, f"only {len(without)} entries without a date"
    duplicates = len(entries) - len({(e.said, e.text) for e in entries})
    assert duplicates == 0, f"{duplicates} duplicate (said, text) pairs"
    for entry in entries:
        if entry.by is not None:
            assert entry.by >= entry.said, f"line {entry.line}: the date is before it was said"
    if path == HELDOUT:
        return  # its notes were written in a shorthand of their own ("conv 9: ...")
    mentioned = {n for e in entries for n in cited(e.note)}
    missing = sorted(set(range(1, 13)) - mentioned)
    assert not missing, f"conventions never exercised: {missing}"
    if path == CORPUS:
        judgement = [e for e in entries if e.note.startswith("judgement")]
        assert len(judgement) < 0.05 * len(entries), "too many debatable entries"


def test_the_sets_hold_over_a_thousand_phrases_with_varied_days() -> None:
    entries = [e for path in (CORPUS, DEV, HELDOUT) for e in load_corpus(path)]
    assert len(entries) >= 1000
    weekdays = {e.said.weekday() for e in entries}
    assert weekdays == set(range(7)), f"said only on weekdays {sorted(weekdays)}"
    assert any(e.said.month == 2 and e.said.year % 4 == 0 for e in entries), "no leap February"
    assert any(e.said.month == 12 and e.said.day >= 28 for e in entries), "no year end"
    said = {p: {(e.said, e.text) for e in load_corpus(p)} for p in (CORPUS, DEV, HELDOUT)}
    # The held-out set must stay apart: the same phrase said the same day would be tuned on.
    assert not said[HELDOUT] & (said[CORPUS] | said[DEV])


def test_every_cited_convention_is_defined_in_conventions_md() -> None:
    # The conventions once lived only outside the repository and every citation dangled; this
    # keeps a renumbered or missing convention from going unnoticed.
    defined = {int(n) for n in DEFINITION.findall(CONVENTIONS.read_text(encoding="utf-8"))}
    assert defined == set(range(1, 13)), f"CONVENTIONS.md defines {sorted(defined)}"
    sources = {
        str(path.relative_to(PACKAGE.parents[2])): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.glob("*.py"))
    }
    sources |= {
        f"{path.name} line {e.line}": e.note for path in (CORPUS, DEV) for e in load_corpus(path)
    }
    dangling = [
        f"{where}: convention {n}"
        for where, text in sources.items()
        for n in sorted(cited(text) - defined)
    ]
    assert not dangling, "cited but not in CONVENTIONS.md:\n" + "\n".join(dangling)
    # Guards the check itself: a citation pattern that stopped matching would pass vacuously.
    in_code = {n for where, text in sources.items() if where.endswith(".py") for n in cited(text)}
    assert len(in_code) >= 5, f"only conventions {sorted(in_code)} found cited in the code"
    stale = [path for path, text in sources.items() if "issue 3" in text.lower()]
    assert not stale, f"still pointing at issue 3 instead of CONVENTIONS.md: {stale}"


@pytest.mark.parametrize("path", [CORPUS, DEV], ids=lambda path: path.stem)
def test_it_reads_the_corpus_and_the_development_set_exactly(path: Path) -> None:
    total, misses = run_reader(path)
    accuracy = (total - len(misses)) / total
    report = "\n".join(miss.describe() for miss in misses)
    assert accuracy >= MIN_ACCURACY[path], (
        f"exact accuracy {accuracy:.1%} ({total - len(misses)}/{total}) is below "
        f"{MIN_ACCURACY[path]:.0%}; {len(misses)} misses:\n{report}"
    )


@pytest.mark.parametrize("path", [CORPUS, DEV], ids=lambda path: path.stem)
def test_it_invents_no_date_where_the_words_commit_to_none(path: Path) -> None:
    _, misses = run_reader(path)
    invented = [miss for miss in misses if miss.entry.by is None]
    report = "\n".join(miss.describe() for miss in invented)
    assert not invented, f"{len(invented)} false dates on phrases without a date:\n{report}"
