"""Housekeeping: forget what has expired (``precoro-2fa purge``, and the server now and then)."""

from dataclasses import dataclass

from precoro_2fa.service_layer.base import ServiceBase, retried


@dataclass(frozen=True, slots=True)
class Purged:
    """How many of each were forgotten."""

    attempts: int
    sessions: int
    throttles: int = 0

    def __str__(self) -> str:
        return (
            f"Purged {self.attempts} expired sign-in attempts, {self.sessions} expired sessions"
            f" and {self.throttles} expired counts of wrong passwords."
        )


class Housekeeping(ServiceBase):
    @retried
    def purge(self) -> Purged:
        """Forget, as of the clock's now and in one transaction: the sign-in attempts whose
        code step is over, the expired web sessions, and the counts of wrong passwords that
        neither block nor have counted anything for ``password_failures_forgotten_after``."""
        with self._command() as uow:
            now = self.clock.now()
            forget_after = self.config.password_failures_forgotten_after
            return Purged(
                uow.attempts.remove_expired(now),
                uow.sessions.remove_expired(now),
                uow.throttles.remove_expired(now, forget_after),
            )
