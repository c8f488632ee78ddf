"""SMTP servers that take the message and then misbehave: one stalls before answering DATA,
one hangs up instead of answering. Either way the message is at the sink, and the sender
cannot know it."""

from __future__ import annotations

import asyncio
import threading

from aiosmtpd.controller import Controller
from outbox.smtp_server import Received, SmtpServer


class FaultySmtpServer(SmtpServer):
    def __init__(self, fault: str) -> None:
        assert fault in {"stall", "hang up"}
        super().__init__()
        self.fault = fault
        self.release = threading.Event()
        # Only the first message misbehaves, so a later one shows the server working again.
        self.faults_left = 1

    def start(self) -> None:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        self.release.set()
        super().stop()


class _Handler:
    def __init__(self, server: FaultySmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, smtp, session, envelope):
        sink = self.server
        with sink.lock:
            sink.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
            misbehave = sink.faults_left > 0
            sink.faults_left -= 1
        if misbehave and sink.fault == "stall":
            # Longer than the client waits (EMAIL_TIMEOUT), then too late to matter.
            while not sink.release.is_set():
                await asyncio.sleep(0.05)
        elif misbehave:
            smtp.transport.close()
        return "250 Message accepted for delivery"
