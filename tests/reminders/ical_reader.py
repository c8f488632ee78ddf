"""A second, independent reader of RFC 5545 text, so feed tests do not only check icalendar
against itself: line unfolding, content lines, nested components, TZID and UTC times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo


@dataclass
class Prop:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Node:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def get(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)

    def walk(self, name: str) -> list[Node]:
        found = [self] if self.name == name else []
        for child in self.children:
            found += child.walk(name)
        return found


def unfold(raw: bytes) -> list[str]:
    """Content lines: CRLF-terminated, at most 75 octets, continued by a leading space/tab."""
    assert raw.endswith(b"\r\n"), "lines must end with CRLF"
    lines: list[str] = []
    for physical in raw.split(b"\r\n")[:-1]:
        assert len(physical) <= 75, f"line longer than 75 octets: {physical!r}"
        assert b"\n" not in physical and b"\r" not in physical, "bare LF or CR"
        if physical[:1] in (b" ", b"\t"):
            lines[-1] += physical[1:].decode("utf-8")
        else:
            lines.append(physical.decode("utf-8"))
    return lines


def _split(line: str) -> tuple[str, dict[str, str], str]:
    quoted, colon = False, -1
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            colon = i
            break
    assert colon > 0, f"no value in {line!r}"
    head, value = line[:colon], line[colon + 1 :]
    name, *raw_params = head.split(";")
    params = {}
    for raw in raw_params:
        key, _, val = raw.partition("=")
        params[key.upper()] = val.strip('"')
    return name.upper(), params, value


def parse(raw: bytes) -> Node:
    stack: list[Node] = []
    root: Node | None = None
    for line in unfold(raw):
        name, params, value = _split(line)
        if name == "BEGIN":
            node = Node(value.upper())
            if stack:
                stack[-1].children.append(node)
            else:
                root = node
            stack.append(node)
        elif name == "END":
            assert stack and stack.pop().name == value.upper(), f"unbalanced END:{value}"
        else:
            stack[-1].props.append(Prop(name, params, value))
    assert root is not None and not stack, "unbalanced BEGIN/END"
    return root


def text(prop: Prop) -> str:
    out, chars = [], iter(prop.value)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def moment(prop: Prop) -> datetime:
    value = prop.value
    if value.endswith("Z"):
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    naive = datetime.strptime(value, "%Y%m%dT%H%M%S")
    return naive.replace(tzinfo=ZoneInfo(prop.params["TZID"]))
