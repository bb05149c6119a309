"""Housekeeping: forget what has expired (``precoro-2fa purge``, and the server now and then)."""

from dataclasses import dataclass

from precoro_2fa.service_layer.base import ServiceBase, retried


@dataclass(frozen=True, slots=True)
class Purged:
    """How many of each were forgotten."""

    attempts: int
    sessions: int

    def __str__(self) -> str:
        return (
            f"Purged {self.attempts} expired sign-in attempts and {self.sessions} expired sessions."
        )


class Housekeeping(ServiceBase):
    @retried
    def purge(self) -> Purged:
        """Forget the sign-in attempts whose code step is over and the expired web sessions,
        as of the clock's now, in one transaction."""
        with self._command() as uow:
            now = self.clock.now()
            return Purged(uow.attempts.remove_expired(now), uow.sessions.remove_expired(now))
