"""`closer serve`: the web app on this computer."""

from __future__ import annotations

import errno
import ipaddress
import sys
from typing import Annotated

import typer

from closer.cli.common import UserError, django_ready

LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port to listen on; 0 picks a free one.")
    ] = 8000,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. Local mode only allows this computer."),
    ] = "127.0.0.1",
) -> None:
    """Start the web app, creating and updating the database first if needed.

    Stop it with Ctrl+C.

    Example:

        closer serve

        closer serve --port 8001
    """
    django_ready(database=False)
    from django.conf import settings

    if settings.CLOSER_MODE != "hosted" and not is_loopback(host):
        raise UserError(
            f"Local mode only listens on this computer (127.0.0.1, ::1 or localhost), not on "
            f"{host!r}: it has no login, so anyone who could reach it would see your data. "
            "Run hosted mode (CLOSER_MODE=hosted) to serve other people."
        )
    django_ready()

    from django.core.servers.basehttp import get_internal_wsgi_application, run

    ipv6 = ":" in host

    # Django passes the port it bound as an int; django-stubs declares on_bind's argument a
    # str. Either prints the same.
    def announce(bound_port: int | str) -> None:
        shown = f"[{host.strip('[]')}]" if ipv6 else host
        typer.echo(f"Closer is running at http://{shown}:{bound_port}/ (Ctrl+C to stop).")
        # A pipe (a test, a process manager) would otherwise hold the address back.
        sys.stdout.flush()

    try:
        run(
            host.strip("[]"),
            port,
            get_internal_wsgi_application(),
            ipv6=ipv6,
            threading=True,
            on_bind=announce,
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserError(
                f"Port {port} is already in use; pick another with --port, e.g. --port {port + 1}."
            ) from None
        # Anything else (no such address, no permission for a low port) is about the
        # machine, not a bug: say what the system said.
        raise UserError(f"Cannot listen on {host} port {port}: {exc.strerror or exc}.") from None
    except KeyboardInterrupt:
        typer.echo("Stopped.")
