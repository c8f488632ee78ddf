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
    nodes: list[Node] = []
    choices: list[list[Part]] | None = None  # set while inside square brackets
    opened_on = 0
    text: list[str] = []
    i, line = 0, 1

    def flush() -> None:
        if text:
            (choices[-1] if choices is not None else nodes).append(Text("".join(text)))
            text.clear()

    def where() -> str:
        return f"line {line}" if "\n" in source else "the text"

    while i < len(source):
        char, pair = source[i], source[i : i + 2]
        if pair in ("{{", "}}", "[[", "]]"):
            text.append(char)
            i += 2
            continue
        if char == "{":
            end = source.find("}", i + 1)
            stray = re.search(r"[{\[\]\n]", source[i + 1 : end if end != -1 else len(source)])
            if end == -1 or stray:
                raise TemplateError(
                    f"{what}: the “{{” on {where()} is never closed. "
                    "Close it, as in {first_name}, or write {{ for a brace."
                )
            name = source[i + 1 : end]
            flush()
            (choices[-1] if choices is not None else nodes).append(
                Field(_check_name(name, allowed, what, where()))
            )
            i = end + 1
            continue
        if char == "}":
            raise TemplateError(
                f"{what}: the “}}” on {where()} has no “{{” before it; write }}}} for a brace."
            )
        if char == "[":
            if choices is not None:
                raise TemplateError(
                    f"{what}: square brackets cannot go inside each other ({where()})."
                )
            flush()
            choices, opened_on = [[]], line
        elif char == "]":
            if choices is None:
                raise TemplateError(
                    f"{what}: the “]” on {where()} has no “[” before it; write ]] for a bracket."
                )
            flush()
            nodes.append(Optional(tuple(tuple(c) for c in choices)))
            choices = None
        elif char == "|" and choices is not None:
            flush()
            choices.append([])
        else:
            text.append(char)
            if char == "\n":
                line += 1
        i += 1
    if choices is not None:
        place = f"line {opened_on}" if "\n" in source else "the text"
        raise TemplateError(f"{what}: the “[” on {place} is never closed with “]”.")
    flush()
    return nodes


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
