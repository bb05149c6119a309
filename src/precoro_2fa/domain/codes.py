"""What a user types as a code, and the answer the screen shows."""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

_SIX_ASCII_DIGITS = re.compile(r"[0-9]{3} ?[0-9]{3}")
_LONGEST_ACCEPTED = len("123 456")


def parse_code(raw: object) -> str | None:
    """Six ASCII digits, optionally as two groups of three; anything else is None.

    Checked before pyotp sees the code: pyotp NFKC-normalises fullwidth digits and
    ``int()`` or ``\\d`` accept other scripts' digits.
    """
    if not isinstance(raw, str) or len(raw) > _LONGEST_ACCEPTED:
        return None
    if _SIX_ASCII_DIGITS.fullmatch(raw) is None:
        return None
    return raw.replace(" ", "")


class Rejection(Enum):
    MALFORMED = "Enter the 6-digit code from your authentication application."
    WRONG = "This code is incorrect or has expired. Enter the current code from your app."
    REPLAYED = "This code has already been used. Wait for the next code in your app."
    LOCKED = "Too many incorrect codes."
    BACKUP_CODE_WRONG = "This backup code is incorrect."
    BACKUP_CODE_USED = "This backup code has already been used."

    @property
    def message(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class CodeAccepted:
    step: int

    @property
    def accepted(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class CodeRejected:
    reason: Rejection
    locked_until: datetime | None = None

    @property
    def accepted(self) -> bool:
        return False

    @property
    def message(self) -> str:
        if self.locked_until is None:
            return self.reason.message
        return f"{self.reason.message} Code entry is locked until {self.locked_until:%H:%M} UTC."


@dataclass(frozen=True, slots=True)
class BackupCodeAccepted:
    """A backup code let the person in; ``left``: how many unused ones remain."""

    left: int

    @property
    def accepted(self) -> bool:
        return True


CodeVerdict = CodeAccepted | CodeRejected
