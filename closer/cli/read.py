"""`closer read`: how Closer understands what an interviewer said about timing."""

from __future__ import annotations

from typing import Annotated

import typer

from closer.cli.common import django_ready, me, moment_option, parse_moment
from closer.cli.output import console, print_json
from closer.core.calendar import format_day


def read(
    words: Annotated[str, typer.Argument(help='What they said, e.g. "end of next week".')],
    at: Annotated[
        str | None, moment_option("When they said it, in your time zone. Default: now.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the reading as JSON.")] = False,
) -> None:
    """Show the date that words about timing commit to, on your work week and holidays.

    Words that commit to no date ("we'll be in touch") give no date, never a guess.

    Example:

        closer read "we should know by the end of next week" --at "2026-11-25 16:00"
    """
    # Imported once Django is set up: closer.pipeline.timing reads the models.
    django_ready()
    from closer.pipeline.timing import describe, timing_read

    who = me()
    said_at = parse_moment(at, "--at", who.tz) if at else who.now
    deadline = timing_read(owner=who.user, words=words, said_at=said_at)
    if json_output:
        print_json(
            {
                "words": words,
                "said": said_at.date(),
                "by": deadline.by if deadline else None,
                "earliest": deadline.earliest if deadline else None,
                "phrase": deadline.phrase if deadline else None,
            }
        )
        return
    reading = describe(words, deadline)
    if deadline is None:
        console().print(f"No date understood in “{words.strip()}”: plan as if no date was given.")
        return
    line = reading.text
    if deadline.earliest is not None:
        line += f", not before {format_day(deadline.earliest, with_year=True)}"
    console().print(line)
