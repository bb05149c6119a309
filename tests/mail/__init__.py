"""A real SMTP server in the test process (aiosmtpd), and what it received."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass(frozen=True, slots=True)
class Email:
    to: str
    subject: str
    body: str


@dataclass
class Inbox:
    """Every message the server accepted, in order; thread-safe."""

    received: list[Email] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        content = envelope.original_content or b""
        message = message_from_bytes(content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        body = message.get_body(("plain",))
        text = "" if body is None else str(body.get_content())
        with self.lock:
            self.received.extend(
                Email(str(to), str(message["Subject"]), text) for to in envelope.rcpt_tos
            )
        return "250 Message accepted for delivery"

    def to(self, recipient: str) -> list[Email]:
        with self.lock:
            return [email for email in self.received if email.to == recipient]


@dataclass
class MailServer:
    host: str
    port: int
    inbox: Inbox


@contextmanager
def mail_server() -> Iterator[MailServer]:
    """An SMTP server on 127.0.0.1 and a free port, until the block ends."""
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd's Controller checks its port: it needs a real one
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield MailServer("127.0.0.1", port, inbox)
    finally:
        controller.stop()
