"""House rules a reader relies on, checked so they cannot rot."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "closer"
# A function longer than this is split: it does more than one thing, or hides a table.
LONGEST_FUNCTION = 60


def _functions(path: Path) -> list[tuple[str, int]]:
    """(name, lines) of every function in `path`. A command's options are declared in its
    signature, so for the command line only the body counts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = node.body[0].lineno if "cli" in path.relative_to(PACKAGE).parts else node.lineno
            found.append((node.name, (node.end_lineno or start) - start + 1))
    return found


def test_no_function_is_longer_than_a_screen():
    long = [
        f"{path.relative_to(PACKAGE)}: {name} ({lines} lines)"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        for name, lines in _functions(path)
        if lines > LONGEST_FUNCTION
    ]
    assert long == []
