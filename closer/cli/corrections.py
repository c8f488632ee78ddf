"""What the `closer edit` commands share: refusing an edit that changes nothing, saying what
changed, and checking that a value fits its column."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from closer.cli.common import UsageMistake, UserError

if TYPE_CHECKING:
    from django.db.models import Model

    from closer.pipeline.models import Change


def nothing_to_change(what: str, example: str) -> UsageMistake:
    return UsageMistake(
        f"say what to change, e.g. {example}; `closer edit {what} -h` lists the flags."
    )


def say_saved(made: list[Change], *, after: str = "") -> None:
    """Each change in a line with what it changed beneath, and how to undo it when it can."""
    if not made:
        typer.echo("Nothing needed changing: it already reads that way.")
        return
    for change in made:
        typer.echo(f"{change.summary}.")
        for line in change.detail.splitlines():
            typer.echo(f"  {line}")
        if change.undo is not None:
            typer.echo(f"Undo with `closer undo {change.pk}`.")
    if after:
        typer.echo(after)


def fits(model: type[Model], field: str, value: str, flag: str) -> str:
    limit = getattr(model._meta.get_field(field), "max_length", None)
    value = value.strip()
    if limit is not None and len(value) > limit:
        raise UserError(f"{flag} is {len(value)} characters long; it takes at most {limit}.")
    return value
