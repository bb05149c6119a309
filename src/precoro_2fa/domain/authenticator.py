"""A secret shared with one authentication application, and the checking of its codes."""

import copy
import hmac
import re
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyotp

from precoro_2fa.domain.applications import AuthenticationApplication

VALID_WINDOW = 1
"""Steps accepted either side of now (RFC 6238 §5.2: at most one step of delay)."""

_NEAREST_FIRST = tuple(sorted(range(-VALID_WINDOW, VALID_WINDOW + 1), key=abs))
"""The offsets from now in the order they are tried: now, then the step before, then after."""


_BASE32 = re.compile(r"(?:[A-Z2-7]{8})+")
"""A secret as pyotp makes them: whole groups of 8 RFC 4648 letters, no padding."""

_AS_INT_DIGITS = str.maketrans(
    string.ascii_uppercase + "234567", string.digits + string.ascii_uppercase[:22]
)
"""Base32's 32 letters, in order, as the digits ``int(…, 32)`` reads."""


class _Totp(pyotp.TOTP):
    """pyotp's TOTP, its secret decoded once and its integers converted by ``int``'s methods.

    A secret is read from the store for each code check, and pyotp's base32 decoding, a
    Python loop over every letter, cost more than the HMAC. A secret of whole groups of
    eight letters (every secret pyotp makes) is one big number in base 32, so ``int``
    decodes it; anything else, and any secret too short, is left to pyotp. The time step
    and the counter's bytes are pyotp's too, without its time tuple and its byte loop (the
    RFC 6238 test vectors pin both).
    """

    _key: bytes | None = None

    def byte_secret(self) -> bytes:
        if self._key is None:
            self._key = _decoded(self.secret, self.min_secret_length_bits) or super().byte_secret()
        return self._key

    def timecode(self, for_time: int | float | datetime) -> int:
        """Whole seconds since the epoch over 30 for a UTC time from 1970 on (the clock's);
        anything else is pyotp's to step or to refuse."""
        if isinstance(for_time, datetime) and for_time.tzinfo is UTC and for_time.year >= 1970:
            return int(for_time.timestamp()) // self.interval
        return super().timecode(for_time)

    @staticmethod
    def int_to_bytestring(i: int, padding: int = 8) -> bytes:
        """The counter as eight big-endian bytes (RFC 4226 §5.2)."""
        return i.to_bytes(padding, "big")


def _decoded(secret: str, min_bits: int) -> bytes | None:
    """The bytes of ``secret`` when it is whole groups of base32 and long enough, else None."""
    if len(secret) * 5 < min_bits or not _BASE32.fullmatch(secret):
        return None
    return int(secret.translate(_AS_INT_DIGITS), 32).to_bytes(len(secret) * 5 // 8, "big")


@dataclass(slots=True)
class Authenticator:
    """The secret of one application (SHA1, 6 digits, 30 s) and the last step it accepted.

    ``last_used_step`` makes each code one-use: that step and every earlier one are
    refused afterwards (RFC 6238 §5.2).
    """

    application: AuthenticationApplication
    secret: str = field(repr=False)
    last_used_step: int | None = None
    _totp: _Totp = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._totp = _Totp(self.secret)

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
