"""BENCHMARKS.md is made of sections, each rewritten in place by the benchmark that owns it."""

from __future__ import annotations

from pathlib import Path

TITLE = "# Benchmarks\n"


def write_section(path: Path, name: str, section: str, *, first: bool = False) -> None:
    """Replace the text between `<!-- name:start -->` and `<!-- name:end -->`, leaving every
    other section as it was. A missing file or section is added: at the end, or right under
    the title with `first`."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{section.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else TITLE
    head, found, rest = text.partition(start)
    if found and end in rest:
        text = head + block + rest.partition(end)[2]
    elif first and text.startswith(TITLE):
        text = TITLE + "\n" + block + "\n\n" + text.removeprefix(TITLE).lstrip()
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
