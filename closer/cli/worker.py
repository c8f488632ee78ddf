"""`closer worker`: the one background process, sending reminder emails and queued notes."""

from __future__ import annotations

import signal
from typing import Annotated

import typer

from closer import clock
from closer.cli.common import UserError, django_ready, me, option


def worker(
    once: Annotated[bool, option("Do one pass over everything due, then stop.")] = False,
    pause: Annotated[
        float, option("Seconds to wait when there is nothing to do.", metavar="SECONDS")
    ] = 30.0,
) -> None:
    """Send reminder emails and queued notes as they come due; runs until stopped.

    Each email is claimed before it is sent, so several workers may run side by side on
    PostgreSQL (on SQLite, run one). Ctrl-C or SIGTERM stops it after the email in hand.

    Example:

        closer worker

        closer worker --once
    """
    if pause <= 0:
        raise UserError("--pause needs a number of seconds above 0.")
    django_ready()
    from django.conf import settings

    from closer.mail.delivery import Outcome
    from closer.mail.policy import email_configured
    from closer.mail.worker import Pass
    from closer.worker import worker as make_worker

    # A CLOSER_NOW without an offset reads as the local user's wall-clock time, as in every
    # other command; a hosted worker serves many zones and reads it as UTC.
    zone = me().tz if settings.CLOSER_MODE == "local" else None

    if not email_configured():
        typer.echo(
            "No mail server is set (EMAIL_HOST), so nothing can be sent; "
            "queued notes and reminders wait until one is.",
            err=True,
        )
    runner = make_worker(now=lambda: clock.now(zone))
    signal.signal(signal.SIGTERM, runner.stop)
    signal.signal(signal.SIGINT, runner.stop)

    def report(done: Pass) -> None:
        for queue, deliveries in done.deliveries.items():
            for delivery in deliveries:
                if delivery.outcome in (Outcome.SENT, Outcome.RETRY, Outcome.FAILED):
                    typer.echo(
                        f"{queue.capitalize()} {delivery.id}: {delivery.outcome}. "
                        f"{delivery.message}".rstrip()
                    )
        if done.stopped:
            typer.echo("Stopped.", err=True)

    if once:
        report(runner.run_once())
        return
    typer.echo(f"Closer worker running; checking every {pause:g} s. Ctrl-C stops it.", err=True)
    runner.run_forever(pause=pause, on_pass=report)
    typer.echo("Stopped.", err=True)
