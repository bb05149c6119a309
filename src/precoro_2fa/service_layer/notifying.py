"""Notifications: the outbox, delivered after the commit that queued them, and again later
for whatever the mail server did not take; without a mail server, the Mailbox page."""

import threading

from precoro_2fa.domain.notifications import Envelope
from precoro_2fa.service_layer.base import ServiceBase, retried

_delivering = threading.Lock()
"""One delivery at a time in this process, so a message is not sent twice by two threads."""


class Notifying(ServiceBase):
    def deliver_notifications(self) -> int:
        """Send what waits in the outbox, oldest first; how many were sent.

        A mail server that is down or refuses (``OSError``, which ``smtplib``'s errors are)
        stops the round: the rest waits for the next delivery, nothing is lost.
        """
        if self.mailer is None:
            return 0
        with _delivering:
            with self.store.reading() as reading:
                waiting = reading.outbox.waiting()
            sent = 0
            for envelope in waiting:
                try:
                    self.mailer(envelope.notification)
                except OSError:
                    break
                self._sent(envelope.number)
                sent += 1
            return sent

    @retried
    def _sent(self, number: int) -> None:
        with self.store.unit_of_work() as uow:
            uow.outbox.sent(number, self.clock.now())
            uow.commit()

    def mailbox(self, login: str) -> list[Envelope]:
        """The Mailbox page of the demo app (no mail server): the messages to ``login``."""
        with self.store.reading() as reading:
            return reading.outbox.to(login)
