"""`closer demo`: a sample pipeline, to see the product at work before using it for real."""

from __future__ import annotations

from closer.cli.common import django_ready, me
from closer.cli.output import console


def demo() -> None:
    """Load a sample pipeline: six opportunities at different stages, dated around today.

    Loading it again changes nothing.

    Example:

        closer demo && closer today
    """
    django_ready()
    from closer.pipeline.demo import demo_load

    who = me()
    created = demo_load(owner=who.user, now=who.now)
    out = console()
    if not created:
        out.print("The sample pipeline is already loaded; nothing was added.")
    else:
        out.print(f"Loaded a sample pipeline of {created} opportunities, dated around today.")
    out.print(
        "See what is due with `closer today`, one plan with `closer plan Tessellate`, "
        "and a close card with `closer card Lumen`."
    )
