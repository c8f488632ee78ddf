"""Reading the people a user types on one line: the interviewers of a close, the people to
meet next round, the referrals they were given.

People write these the way they would in a message, not in a format: "Dana Lee
<dana@acme.example>", "Jo Kim jo@globex.example", "Jo Kim, jo@globex.example", "Al, Bo",
"Al and Bo", "Jo Kim, Head of Sales", "Jo Kim (recruiter)". The line is cut into pieces at
commas, semicolons and dashes (never inside <…>, quotes or brackets), each piece is read as
a name, an email, a name with an email, or a job title, and the pieces are put together:

- an email standing alone belongs to the name just before it ("Jo Kim, jo@…");
- a job title belongs to the person just before it ("Jo Kim, Head of Sales");
- names standing alone are people of their own ("Al, Bo").

What cannot be read one way only gets a question back rather than a guess: a piece that is
neither a name nor a title ("Jo Kim, met at lunch"), or a surname-first name beside an email
("Lee, Dana <dana@…>" is one person or two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# Deliberately loose: one @, no spaces or separators, a dot in the domain. Mail servers are
# the real judge; this only catches typos such as a missing domain.
EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
NAME_MAX = 200
EMAIL_MAX = 254
HOW = "write it as Dana Lee <dana@acme.example>, or one person per line"

# Words that make a piece a job title rather than a name.
_TITLE_WORDS = frozenset(
    """
    head lead leader manager director vp svp evp avp vice president chief ceo cto cfo coo
    cro cmo cpo ciso founder co-founder cofounder partner principal owner recruiter
    recruiting recruitment talent hr people engineer engineering developer designer analyst
    scientist specialist coordinator officer executive associate consultant advisor adviser
    sales marketing product operations ops finance account accounts senior sr junior staff
    team hiring interviewer panel panellist panelist member board chair chairman chairwoman
    secretary assistant administrator admin architect researcher editor writer producer
    supervisor representative rep intern trainee professor teacher nurse doctor counsel
    attorney lawyer of for
    """.split()  # noqa: SIM905 (a list of words reads better as words)
)
# Name suffixes that follow a comma yet belong to the name ("Jo Kim, Jr.").
_SUFFIXES = frozenset({"jr", "jr.", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "mba"})
# Ordinary words that never stand in a name: a piece with them is a remark, not a person.
_NOT_NAMES = frozenset(
    """
    a an the at in on from with met who is was were are would for to by my our their his her
    about after before during lunch call today yesterday tomorrow also maybe probably
    someone somebody unknown no not
    """.split()  # noqa: SIM905 (a list of words reads better as words)
)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
# Where a line is cut: commas, semicolons, and dashes with spaces around them.
_CUT = re.compile(r"\s*[,;]\s*|\s+[-–—]\s+")
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_BRACKETED_EMAIL = re.compile(r"<(?P<email>[^<>]*)>")
_BRACKETS = re.compile(r"\((?P<inside>[^()]*)\)")


@dataclass(frozen=True)
class PersonLine:
    """One person read from a line."""

    name: str
    email: str = ""
    title: str = ""


@dataclass(frozen=True)
class _Piece:
    kind: str  # "person" (a name, an email or both), "title", "suffix" or "unknown"
    text: str
    person: PersonLine | None = None


def read_people(line: str) -> list[PersonLine]:
    """The people on one line, in the order written. Raises ValueError with a message (a
    question when the line can be read two ways) that says how to write it."""
    text = " ".join(line.split())
    if not text:
        raise ValueError("write a name, or a name and email like Dana Lee <dana@acme.example>.")
    pieces = [_piece(part) for part in _parts(text)]
    if [p.kind for p in pieces] == ["title", "person"]:
        pieces.reverse()  # "Head of Sales, Jo Kim": the title of the one person named
    people = [replace(p, name=p.name or p.email) for p in _join(pieces, text)]
    for person in people:
        _check(person)
    return people


def _parts(text: str) -> list[str]:
    """Cut at separators outside <…>, quotes and brackets; a name-only part that says "and"
    is two names."""
    parts: list[str] = []
    start, depth, quoted = 0, 0, False
    for position, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char in "<(" and not quoted:
            depth += 1
        elif char in ">)" and not quoted and depth:
            depth -= 1
        elif not quoted and not depth:
            cut = _CUT.match(text, position)
            if cut and cut.start() == position and cut.end() > position:
                parts.append(text[start:position])
                start = cut.end()
    parts.append(text[start:])
    split: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if "@" not in part and not _is_title(part) and _AND.search(part):
            split.extend(p for p in _AND.split(part) if p.strip())
        else:
            split.append(part)
    return split


def _piece(part: str) -> _Piece:
    if part.casefold() in _SUFFIXES:
        return _Piece("suffix", part)
    title = ""
    inside = _BRACKETS.search(part)
    if inside and "@" not in inside["inside"]:
        # "Jo Kim (Head of Sales)": the brackets hold the title (or a remark).
        title, part = inside["inside"].strip(), _BRACKETS.sub(" ", part).strip()
    elif inside:
        part = _BRACKETS.sub(lambda m: f" {m['inside']} ", part).strip()
    person = _person(part)
    if person is None:
        if title:
            return _Piece("unknown", f"{part} ({title})")
        return _Piece("title" if _is_title(part) else "unknown", part)
    if title and not _is_title(title):
        return _Piece("unknown", title)
    return _Piece("person", part, replace(person, title=title))


def _person(part: str) -> PersonLine | None:
    """A name, an email, or both ("Jo Kim jo@x", "Jo Kim <jo@x>", '"Kim, Jo" <jo@x>')."""
    bracketed = _BRACKETED_EMAIL.search(part)
    if bracketed:
        email = bracketed["email"].strip()
        if not email:
            raise ValueError("the email between < and > is missing.")
        if part[bracketed.end() :].strip():
            raise ValueError(f"{HOW}; anything after the > is left over.")
        name = part[: bracketed.start()].strip().strip('"').strip()
        return PersonLine(" ".join(name.split()), email)
    if "<" in part or ">" in part:
        raise ValueError(f"{HOW}.")
    words = [w.strip(":") for w in part.replace('"', " ").split()]
    emails = [w for w in words if "@" in w]
    if len(emails) > 1:
        raise ValueError(f"one email per person: {HOW}.")
    name_words = [w for w in words if w and "@" not in w]
    if name_words and not _is_name(name_words):
        return None
    return PersonLine(" ".join(name_words), emails[0] if emails else "")


def _is_name(words: list[str]) -> bool:
    return (
        0 < len(words) <= 5
        and all(_NAME_WORD.match(w) for w in words)
        and not any(w.casefold() in _NOT_NAMES or w.casefold() in _TITLE_WORDS for w in words)
    )


def _is_title(part: str) -> bool:
    words = re.findall(r"[\w.\-]+", part.casefold())
    return bool(words) and any(w in _TITLE_WORDS for w in words)


def _join(pieces: list[_Piece], text: str) -> list[PersonLine]:
    people: list[PersonLine] = []
    # Whether the last person came from a name alone, so an email may still join it.
    name_only = False
    for index, piece in enumerate(pieces):
        last = people[-1] if people else None
        if piece.kind == "unknown":
            raise ValueError(
                f"is “{piece.text}” a person, or something about one? Put each person on a line "
                "of their own, as Dana Lee <dana@acme.example>, with a job title after a comma."
            )
        if piece.kind == "suffix":
            if last is None:
                raise ValueError(f"“{piece.text}” needs a name before it.")
            people[-1] = replace(last, name=f"{last.name}, {piece.text}")
            continue
        if piece.kind == "title":
            if last is not None and not last.title:
                people[-1] = replace(last, title=piece.text)
            else:
                raise ValueError(f"whose job title is “{piece.text}”? Put it after their name.")
            continue
        person = piece.person
        assert person is not None
        if not person.name and last is not None and name_only and not last.email:
            people[-1] = replace(last, email=person.email)  # "Jo Kim, jo@globex.example"
            name_only = False
            continue
        if person.email and last is not None and name_only and _surname_first(pieces, index):
            raise ValueError(
                f"is “{text}” one person ({person.name} {last.name}) or two? Write one "
                "person per line, as Dana Lee <dana@acme.example>."
            )
        people.append(person)
        name_only = not person.email
    return people


def _surname_first(pieces: list[_Piece], index: int) -> bool:
    """ "Lee, Dana <dana@…>": two one-word names, the second with the email, nothing else."""
    if len(pieces) != 2 or index != 1:
        return False
    first, second = pieces[0].person, pieces[1].person
    return (
        first is not None
        and second is not None
        and len(first.name.split()) == 1
        and len(second.name.split()) == 1
    )


def _check(person: PersonLine) -> None:
    if person.email and not EMAIL.match(person.email):
        raise ValueError(f"“{person.email}” is not a valid email address.")
    if len(person.email) > EMAIL_MAX:
        raise ValueError("that email address is too long.")
    if len(person.name) > NAME_MAX or len(person.title) > NAME_MAX:
        raise ValueError(f"keep the name under {NAME_MAX} characters.")
