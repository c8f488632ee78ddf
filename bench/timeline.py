"""Benchmark of the timeline reader: accuracy on the corpus, speed, import cost, and the same
accuracy for general date libraries (python-dateutil's fuzzy parser; dateparser if installed).

From the project root: `python -m bench.timeline [--write BENCHMARKS.md]`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.markdown import write_section

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "timeline_corpus.jsonl"
AT_FOUR_PM = clock(16, tzinfo=ZoneInfo("America/New_York"))


@dataclass(frozen=True)
class Entry:
    said_at: datetime
    text: str
    by: date | None
    holidays: str | None
    note: str


Reader = Callable[[Entry], date | None]
Imports = tuple[float, float | None]
Options = argparse.Namespace


@dataclass
class Score:
    name: str
    total: int
    nulls: int
    exact: int = 0
    false_dates: int = 0
    errors: int = 0
    misses: list[tuple[Entry, date | None]] = field(default_factory=list)


def load(path: Path) -> list[Entry]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        Entry(
            datetime.combine(date.fromisoformat(row["said"]), AT_FOUR_PM),
            row["text"],
            date.fromisoformat(row["by"]) if row["by"] else None,
            row.get("holidays"),
            row.get("note", ""),
        )
        for row in rows
    ]


def closer_reader() -> Reader:
    from closer.core import timeline
    from closer.core.calendar import BusinessCalendar

    calendars: dict[str, BusinessCalendar] = {}

    def read(entry: Entry) -> date | None:
        cal = None
        if entry.holidays:
            cal = calendars.get(entry.holidays) or BusinessCalendar(country=entry.holidays)
            calendars[entry.holidays] = cal
        found = timeline.read(entry.text, entry.said_at, holidays=cal)
        return None if found is None else found.by

    return read


def dateutil_reader(entry: Entry) -> date | None:
    from dateutil import parser

    try:
        with warnings.catch_warnings():  # it warns about words it takes for time zones
            warnings.simplefilter("ignore")
            return parser.parse(entry.text, fuzzy=True, default=entry.said_at).date()
    except Exception:  # whatever the baseline cannot parse counts as "no date"
        return None


def dateparser_reader(entry: Entry) -> date | None:
    from dateparser.search import search_dates  # type: ignore[import-not-found]

    settings = {"RELATIVE_BASE": entry.said_at.replace(tzinfo=None), "PREFER_DATES_FROM": "future"}
    try:  # the first date found in the text
        return search_dates(entry.text, languages=["en"], settings=settings)[0][1].date()
    except Exception:  # None (nothing found) is not subscriptable: "no date"
        return None


def score(name: str, read: Reader, entries: list[Entry]) -> Score:
    result = Score(name, len(entries), sum(entry.by is None for entry in entries))
    for entry in entries:
        try:
            got = read(entry)
        except Exception:
            got, result.errors = None, result.errors + 1
        if got == entry.by and (got is None or type(got) is date):
            result.exact += 1
            continue
        result.misses.append((entry, got))
        result.false_dates += entry.by is None
    return result


def time_per_phrase(read: Reader, entries: list[Entry], repeat: int) -> list[float]:
    """Microseconds per call for each phrase, after one warm-up pass over the corpus."""
    for entry in entries:
        read(entry)
    samples = []
    for entry in entries:
        start = time.perf_counter_ns()
        for _ in range(repeat):
            read(entry)
        samples.append((time.perf_counter_ns() - start) / repeat / 1000)
    return samples


# Timing words, distractors and junk, mixed at random by fuzz_times.
FUZZ_VOCABULARY = (
    "by end of next week Friday 12/10 within 7-10 business days the 15th Q1 after Thanksgiving "
    "no timeline yet we'll decide hear back start date interview 3 candidates at the latest "
    "not won't ago 2026 99/99 Feb 30 - , . ; ( ) ! ? ~~ ### 🙂 é ß 中 \n \t"
)


def fuzz_times(count: int, seed: int = 0) -> list[float]:
    """Worst cases: arbitrary text (timing words, junk, long runs), each read once, in µs."""
    from closer.core.timeline import read

    vocabulary = FUZZ_VOCABULARY.split(" ")
    rng = random.Random(seed)
    said = datetime(2026, 11, 25, 16, 0)
    times = []
    for _ in range(count):
        words = rng.choices(vocabulary, k=rng.randint(1, 400))
        junk = "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(0, 200)))
        text = " ".join(words) + junk
        start = time.perf_counter_ns()
        read(text, said)
        times.append((time.perf_counter_ns() - start) / 1000)
    return times


def import_cost(module: str, runs: int) -> Imports:
    """(ms a fresh `import module` adds over `python -c pass`, its -X importtime cumulative ms)."""

    def run(*args: str) -> tuple[float, str]:
        start = time.perf_counter_ns()
        cmd = [sys.executable, *args]
        done = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
        return (time.perf_counter_ns() - start) / 1e6, done.stderr

    bare = statistics.median(run("-c", "pass")[0] for _ in range(runs))
    loaded = statistics.median(run("-c", f"import {module}")[0] for _ in range(runs))
    errs = [run("-X", "importtime", "-c", f"import {module}")[1] for _ in range(runs)]
    rows = [line.split("|") for err in errs for line in err.splitlines()]
    cumulative = [int(row[1]) / 1000 for row in rows if len(row) == 3 and row[2].strip() == module]
    return loaded - bare, statistics.median(cumulative) if cumulative else None


def report(
    scores: list[Score], samples: list[float], fuzz: list[float], imports: Imports, opts: Options
) -> str:
    main, nulls, (added, cumulative) = scores[0], scores[0].nulls, imports
    accuracy, p95 = main.exact / main.total, statistics.quantiles(samples, n=100)[94]
    lines = [
        "## Timeline reader",
        "",
        f"Measured {date.today()} on {platform.platform()} ({platform.machine()}, "
        f"{os.cpu_count()} CPUs), Python {platform.python_version()}. Corpus: "
        f"`{opts.corpus.name}`, {main.total} phrases, {nulls} of them without a date.",
        "",
        "| Reader | Exact | False dates (on no-date phrases) | Misses |",
        "|---|---:|---:|---:|",
    ]
    for s in scores:
        raised = f" ({s.errors} raised)" if s.errors else ""
        lines.append(
            f"| {s.name} | {s.exact / s.total:.1%} ({s.exact}/{s.total}) "
            f"| {s.false_dates} of {nulls} | {len(s.misses)}{raised} |"
        )
    if importlib.util.find_spec("dateparser") is None:
        lines.append("| `dateparser.search_dates` | not installed | | |")
    ok = {True: "✅", False: "❌"}
    lines += [
        "",
        f"Time per phrase (`closer.core.timeline.read`, after a warm-up pass, each phrase timed "
        f"over {opts.repeat} calls): median {statistics.median(samples):.1f} µs, p95 {p95:.1f} µs, "
        f"max {max(samples):.1f} µs.",
        "",
        f"Fuzz ({len(fuzz)} arbitrary texts of up to ~3,000 characters, seeded): none raised; "
        f"median {statistics.median(fuzz):.0f} µs, max {max(fuzz) / 1000:.2f} ms.",
        "",
        f"Import of `closer.core.timeline` in a fresh interpreter: +{added:.1f} ms over "
        f"`python -c pass` (median of {opts.runs}); `-X importtime` cumulative: "
        + (f"{cumulative:.1f} ms." if cumulative is not None else "not reported."),
        "",
        f"- {ok[accuracy >= 0.98]} ≥ 98 % exact: {accuracy:.1%}",
        f"- {ok[main.false_dates == 0]} 0 false dates: {main.false_dates}",
        f"- {ok[p95 <= 1000]} p95 ≤ 1 ms per phrase: {p95:.1f} µs",
        f"- {ok[added <= 50]} import adds ≤ 50 ms: {added:.1f} ms",
    ]
    if main.misses:
        lines += ["", f"Misses of `closer.core.timeline.read` ({len(main.misses)}):", ""]
        lines += [
            f"- said {e.said_at.date()}: “{' '.join(e.text.split())[:80]}” — "
            f"expected {e.by or 'none'}, got {got or 'none'} ({e.note})"
            for e, got in main.misses
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark closer.core.timeline on the corpus.")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=20, help="calls per phrase when timing")
    parser.add_argument("--runs", type=int, default=5, help="fresh interpreters per import")
    parser.add_argument("--fuzz", type=int, default=3000, help="arbitrary texts to time")
    parser.add_argument("--write", type=Path, metavar="PATH", help="Markdown file to update")
    opts = parser.parse_args(argv)
    entries = load(opts.corpus)
    read = closer_reader()
    scores = [score("`closer.core.timeline.read`", read, entries)]
    scores.append(score("`dateutil.parser.parse(fuzzy=True)`", dateutil_reader, entries))
    if importlib.util.find_spec("dateparser") is not None:
        scores.append(score("`dateparser.search_dates`", dateparser_reader, entries))
    samples = time_per_phrase(read, entries, opts.repeat)
    fuzz = fuzz_times(opts.fuzz)
    imports = import_cost("closer.core.timeline", opts.runs)
    section = report(scores, samples, fuzz, imports, opts)
    print(section)
    if opts.write:
        write_section(opts.write, "timeline", section)
        print(f"\nUpdated {opts.write}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
