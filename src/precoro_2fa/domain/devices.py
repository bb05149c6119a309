"""Wrong passwords, counted per login and per browser: OWASP's device cookies.

A browser that has signed in as a login holds a device id for it (the web app keeps it in a
signed cookie): its wrong passwords for that login are counted apart, and block only that
browser. Every other browser shares one count per login, the untrusted pool. So a stranger's
wrong passwords block the pool, never the browser the owner signs in from; and a login that
nobody has is counted and blocked the same way, so no answer tells whether it exists.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from precoro_2fa.domain.throttle import Throttle, ThrottleRule

UNTRUSTED = ""
"""The device of every browser that has not signed in as the login: one pool per login."""


def throttle_key(login: str, device: str) -> str:
    """One text for the pair: a login holds no whitespace, a device id is URL-safe text."""
    return f"{login} {device}"


@dataclass(slots=True)
class SignInThrottle:
    """The wrong passwords typed for ``login`` (as typed, known or not) from ``device``.

    Failures in a row lock the pair as ``Throttle`` does; a try while locked is not counted.
    ``last_failure``: failures are forgotten ``forget_after`` it, and a store may then
    forget the whole row (``is_expired``): a fresh one counts the same.
    """

    login: str
    device: str = UNTRUSTED
    throttle: Throttle = field(default_factory=Throttle)
    last_failure: datetime | None = None
    version: int = 0

    @property
    def key(self) -> str:
        return throttle_key(self.login, self.device)

    def blocked_until(self, now: datetime) -> datetime | None:
        return self.throttle.locked_until if self.throttle.is_locked(now) else None

    def failed(self, now: datetime, rule: ThrottleRule, forget_after: timedelta) -> None:
        """Count a wrong password, unless the pair is locked (that would only prolong it)."""
        if self.throttle.is_locked(now):
            return
        if self.is_expired(now, forget_after):
            self.throttle.succeeded()  # long quiet: the failures before are forgotten
        self.throttle.failed(now, rule)
        self.last_failure = now

    def succeeded(self) -> None:
        self.throttle.succeeded()

    def is_expired(self, now: datetime, forget_after: timedelta) -> bool:
        """Nothing left to remember: not locked, and no failure for ``forget_after``."""
        if self.throttle.is_locked(now):
            return False
        return self.last_failure is None or now - self.last_failure >= forget_after
