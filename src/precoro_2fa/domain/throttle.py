"""Consecutive failures per account, and the lock they lead to.

One mechanism serves both factors, each with its own counter and its own rule,
so that wrong passwords cannot lock code entry and the other way round.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class ThrottleRule:
    failures_before_lock: int
    lockout: timedelta
    longest_lockout: timedelta

    def lock_for(self, failures: int) -> timedelta | None:
        """The lock after ``failures`` in a row: it doubles with each one past the limit."""
        beyond = failures - self.failures_before_lock
        if beyond < 0:
            return None
        lock: timedelta = self.lockout * 2 ** min(beyond, 32)
        return min(lock, self.longest_lockout)


@dataclass(slots=True)
class Throttle:
    failures: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def failed(self, now: datetime, rule: ThrottleRule) -> datetime | None:
        """Count one failure; return the end of the lock it starts, if any."""
        self.failures += 1
        lock = rule.lock_for(self.failures)
        if lock is None:
            return None
        self.locked_until = now + lock
        return self.locked_until

    def succeeded(self) -> None:
        self.failures = 0
        self.locked_until = None
