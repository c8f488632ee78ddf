"""An SMTP sink that answers slowly and can stall on the Nth message, so a test can kill a
worker at a known point: after message N-1 was accepted, before message N's data was sent."""

from __future__ import annotations

import asyncio
import threading

from aiosmtpd.controller import Controller
from outbox.smtp_server import Received, SmtpServer


class SlowSink(SmtpServer):
    def __init__(self, delay: float = 0.05, stall_at: int | None = None) -> None:
        super().__init__()
        self.delay = delay
        self.stall_at = stall_at
        self.mails = 0
        self.stalled = threading.Event()
        self.release = threading.Event()

    def start(self) -> None:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        self.release.set()
        super().stop()

    @property
    def recipients(self) -> list[str]:
        with self.lock:
            return [to for r in self.received for to in r.rcpt_tos]


class _Handler:
    def __init__(self, sink: SlowSink) -> None:
        self.sink = sink

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.sink.lock:
            self.sink.mails += 1
            number = self.sink.mails
        if number == self.sink.stall_at:
            self.sink.stalled.set()
            while not self.sink.release.is_set():
                await asyncio.sleep(0.05)
        else:
            await asyncio.sleep(self.sink.delay)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.sink.lock:
            self.sink.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 Message accepted for delivery"
