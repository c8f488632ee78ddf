"""`closer demo`: a sample pipeline, to see the product at work before using it for real. It
lives in a sample space of its own, apart from your data; `closer --sample` looks at it."""

from __future__ import annotations

from typing import Annotated

from closer.cli.common import django_ready, option
from closer.cli.output import console

LOOK = (
    "Look at it with `closer --sample today` (or set CLOSER_SAMPLE=1), for instance "
    "`closer --sample plan Tessellate` or `closer --sample card Lumen`; in the web app, "
    "choose “Look around with sample data” on Today. Your own data stays as it was."
)
DELETE = "Delete the sample with `closer demo --delete`."


def demo(
    delete: Annotated[
        bool, option("Delete the sample space and everything in it, in one step.", "--delete")
    ] = False,
) -> None:
    """Load a sample pipeline into a sample space apart from your data.

    Six opportunities at different stages, dated around today. Loading it again changes
    nothing; --delete removes it all.

    Example:

        closer demo && closer --sample today

        closer demo --delete
    """
    django_ready()
    from closer.accounts.services import local_user, sample_space_delete, user_now

    # Always the person's own account: the sample space hangs off it, whatever --sample says.
    person = local_user()
    out = console()
    if delete:
        if sample_space_delete(owner=person):
            out.print("Deleted the sample space and everything in it. Your own data is untouched.")
        else:
            out.print("There is no sample space to delete; nothing changed.")
        return

    from closer.pipeline.demo import demo_load

    loaded = demo_load(owner=person, now=user_now(person))
    if not loaded.created:
        out.print("The sample pipeline is already loaded; nothing was added.")
    else:
        out.print(
            f"Loaded a sample pipeline of {loaded.created} opportunities, dated around today, "
            "into a sample space apart from your own data."
        )
    out.print(LOOK)
    out.print(DELETE)
