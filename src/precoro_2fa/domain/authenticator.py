"""A secret shared with one authentication application, and the checking of its codes."""

import copy
import hmac
from dataclasses import dataclass, field
from datetime import datetime

import pyotp

from precoro_2fa.domain.applications import AuthenticationApplication

VALID_WINDOW = 1
"""Steps accepted either side of now (RFC 6238 §5.2: at most one step of delay)."""

EXPIRED_WITHIN = 10
"""Steps before the window (5 minutes) in which a refused code is told apart as expired: for
the audit trail only; the person is told the same as for a wrong code."""

_NEAREST_FIRST = tuple(sorted(range(-VALID_WINDOW, VALID_WINDOW + 1), key=abs))
"""The offsets from now in the order they are tried: now, then the step before, then after."""


@dataclass(slots=True)
class Authenticator:
    """The secret of one application (SHA1, 6 digits, 30 s) and the last step it accepted.

    ``last_used_step`` makes each code one-use: that step and every earlier one are
    refused afterwards (RFC 6238 §5.2). The codes are pyotp's: ``TOTP.timecode`` gives the
    step of a time, ``TOTP.generate_otp`` the code of a step.
    """

    application: AuthenticationApplication
    secret: str = field(repr=False)
    last_used_step: int | None = None
    _totp: pyotp.TOTP = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._totp = pyotp.TOTP(self.secret)

    def __deepcopy__(self, memo: dict[int, object]) -> "Authenticator":
        """Every field is immutable, the TOTP of one secret too: a shallow copy is a deep one."""
        return copy.copy(self)

    def current_step(self, now: datetime) -> int:
        return self._totp.timecode(now)

    def code_at(self, step: int) -> str:
        return self._totp.generate_otp(step)

    def matching_step(self, code: str, now: datetime) -> int | None:
        """The unused step within the window whose code is ``code`` (six ASCII digits)."""
        current = self.current_step(now)
        first = current - VALID_WINDOW
        if self.last_used_step is not None:
            first = max(first, self.last_used_step + 1)
        return self._find(code, current, first, current + VALID_WINDOW)

    def was_used(self, code: str, now: datetime) -> bool:
        """Whether ``code`` belongs to an already used step within the window (a replay)."""
        if self.last_used_step is None:
            return False
        current = self.current_step(now)
        last = min(self.last_used_step, current + VALID_WINDOW)
        return self._find(code, current, current - VALID_WINDOW, last) is not None

    def was_expired(self, code: str, now: datetime) -> bool:
        """Whether ``code`` is the code of a step shortly before the window (typed too late)."""
        last = self.current_step(now) - VALID_WINDOW
        steps = range(max(0, last - EXPIRED_WITHIN), last)
        return any(hmac.compare_digest(code, self._totp.generate_otp(step)) for step in steps)

    def use(self, step: int) -> None:
        self.last_used_step = step

    def _find(self, code: str, current: int, first: int, last: int) -> int | None:
        """The step from ``first`` to ``last`` whose code is ``code``, the nearest to now first.

        A code typed in time costs one HMAC. Should two steps of the window share a code
        (one chance in a million), the one nearer to now is taken.
        """
        for offset in _NEAREST_FIRST:
            step = current + offset
            if first <= step <= last and hmac.compare_digest(code, self._totp.generate_otp(step)):
                return step
        return None
