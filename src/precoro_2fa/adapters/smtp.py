"""Notifications sent over SMTP with the standard library's ``smtplib``."""

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from precoro_2fa.domain.notifications import Notification

SENDER = "Precoro <no-reply@precoro.test>"


@dataclass(frozen=True, slots=True)
class SmtpMailer:
    """One connection per message: a down server raises ``OSError`` (the message waits)."""

    host: str
    port: int = 25
    sender: str = SENDER
    timeout: float = 10.0

    def __call__(self, notification: Notification) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = notification.recipient
        message["Subject"] = notification.subject
        message.set_content(notification.body)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
            server.send_message(message)
