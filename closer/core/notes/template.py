"""The small template language of notes, so people can reword a note without losing the
personal details.

    {first_name}                a placeholder: replaced by its value, or by nothing
    [You mentioned {noted}.]    optional text: left out when a placeholder in it has no value
    [Hi {first_name},|Hello,]   choices: the first one whose placeholders all have a value
    {{ }} [[ ]]                 a literal brace or square bracket

Square brackets do not nest and a `|` only separates choices inside them. A template is
checked once, when it is saved; an error names the line and the problem, so the person can
fix it, and the previous template stays in force until they do.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import NoReturn

_NAME = re.compile(r"[a-z][a-z_]*")


class TemplateError(ValueError):
    """A template that cannot be used; the message says where and why, in plain words."""


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Field:
    name: str


Part = Text | Field


@dataclass(frozen=True)
class Optional:
    """Square brackets: each choice is a run of text and placeholders."""

    choices: tuple[tuple[Part, ...], ...]


Node = Part | Optional


def parse(source: str, allowed: Collection[str], *, what: str = "The template") -> list[Node]:
    """The template as nodes, or TemplateError naming the first problem found."""
    return _Parser(source, allowed, what).nodes_of()


# Doubled, these stand for themselves.
_ESCAPES = ("{{", "}}", "[[", "]]")


class _Parser:
    """One pass over a template, remembering whether it is inside square brackets and on
    which line, so every error can say where."""

    def __init__(self, source: str, allowed: Collection[str], what: str) -> None:
        self.source, self.allowed, self.what = source, allowed, what
        self.nodes: list[Node] = []
        self.choices: list[list[Part]] | None = None  # set while inside square brackets
        self.opened_on = 0
        self.text: list[str] = []
        self.line = 1

    def nodes_of(self) -> list[Node]:
        i = 0
        while i < len(self.source):
            i = self._step(i)
        if self.choices is not None:
            self._fail(f"the “[” on {self._where(self.opened_on)} is never closed with “]”.")
        self._flush()
        return self.nodes

    def _step(self, i: int) -> int:
        """Read what starts at `i`; return where the next piece starts."""
        char = self.source[i]
        if self.source[i : i + 2] in _ESCAPES:
            self.text.append(char)
            return i + 2
        if char == "{":
            return self._field(i)
        if char == "}":
            self._fail(
                f"the “}}” on {self._where()} has no “{{” before it; write }}}} for a brace."
            )
        if char == "[":
            if self.choices is not None:
                self._fail(f"square brackets cannot go inside each other ({self._where()}).")
            self._flush()
            self.choices, self.opened_on = [[]], self.line
        elif char == "]":
            if self.choices is None:
                self._fail(
                    f"the “]” on {self._where()} has no “[” before it; write ]] for a bracket."
                )
            self._flush()
            self.nodes.append(Optional(tuple(tuple(c) for c in self.choices)))
            self.choices = None
        elif char == "|" and self.choices is not None:
            self._flush()
            self.choices.append([])
        else:
            self.text.append(char)
            if char == "\n":
                self.line += 1
        return i + 1

    def _field(self, i: int) -> int:
        source = self.source
        end = source.find("}", i + 1)
        stray = re.search(r"[{\[\]\n]", source[i + 1 : end if end != -1 else len(source)])
        if end == -1 or stray:
            self._fail(
                f"the “{{” on {self._where()} is never closed. "
                "Close it, as in {first_name}, or write {{ for a brace."
            )
        self._flush()
        name = _check_name(source[i + 1 : end], self.allowed, self.what, self._where())
        self._into().append(Field(name))
        return end + 1

    def _into(self) -> list[Node] | list[Part]:
        return self.choices[-1] if self.choices is not None else self.nodes

    def _flush(self) -> None:
        if self.text:
            self._into().append(Text("".join(self.text)))
            self.text.clear()

    def _where(self, line: int | None = None) -> str:
        return f"line {line or self.line}" if "\n" in self.source else "the text"

    def _fail(self, problem: str) -> NoReturn:
        raise TemplateError(f"{self.what}: {problem}")


def _check_name(name: str, allowed: Collection[str], what: str, where: str) -> str:
    if not name.strip():
        raise TemplateError(f"{what}: {{}} on {where} is empty; put a placeholder name inside.")
    if not _NAME.fullmatch(name):
        raise TemplateError(
            f"{what}: “{{{name}}}” on {where} is not a placeholder name; "
            "names are lower case with underscores, such as {first_name}."
        )
    if name not in allowed:
        close = difflib.get_close_matches(name, sorted(allowed), n=1)
        hint = (
            f"Did you mean {{{close[0]}}}?"
            if close
            else "This note can use " + ", ".join(f"{{{n}}}" for n in sorted(allowed)) + "."
        )
        raise TemplateError(f"{what}: there is no placeholder {{{name}}} ({where}). {hint}")
    return name


def render(nodes: list[Node], values: Mapping[str, str]) -> str:
    """Fill the placeholders; the result is tidied (see `tidy`)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Optional):
            for choice in node.choices:
                if all(_value(values, p.name) for p in choice if isinstance(p, Field)):
                    out.extend(_part(values, p) for p in choice)
                    break
        else:
            out.append(_part(values, node))
    return tidy("".join(out))


def _value(values: Mapping[str, str], name: str) -> str:
    return (values.get(name) or "").strip()


def _part(values: Mapping[str, str], part: Part) -> str:
    return part.text if isinstance(part, Text) else _value(values, part.name)


def tidy(text: str) -> str:
    """What a left-out detail leaves behind, cleaned away: runs of spaces, a space before a
    comma or full stop, spaces at either end of a line, more than one blank line."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = re.sub(r"[ \t]+", " ", raw).strip()
        lines.append(re.sub(r"(\w) ([,.])(?=\s|$)", r"\1\2", line))
    joined = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", joined).strip()


def fields_in(nodes: list[Node]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        parts = [p for c in node.choices for p in c] if isinstance(node, Optional) else [node]
        found.update(p.name for p in parts if isinstance(p, Field))
    return found
