"""What a user types as a code, and the answer the screen shows."""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from precoro_2fa.domain.time_zones import UTC_ZONE, time_in

_SIX_ASCII_DIGITS = re.compile(r"[0-9]{3}[ -]?[0-9]{3}")
_ASCII_WHITESPACE = " \t\n\r\f\v"
_LONGEST_TYPED = 64
"""A pasted code with some whitespace around it; anything longer is not a code."""


def parse_code(raw: object) -> str | None:
    """Six ASCII digits, optionally as two groups of three; anything else is None.

    Forgiving of how a code is pasted: ASCII whitespace around it is dropped, and one
    space or hyphen may split it into two groups of three ("974 534", "974-534"). Strict
    about the digits: pyotp NFKC-normalises fullwidth digits and ``int()`` or ``\\d``
    accept other scripts' digits, so only ``[0-9]`` is a digit here.
    """
    if not isinstance(raw, str) or len(raw) > _LONGEST_TYPED:
        return None
    typed = raw.strip(_ASCII_WHITESPACE)
    if _SIX_ASCII_DIGITS.fullmatch(typed) is None:
        return None
    return typed.replace(" ", "").replace("-", "")


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
    expired: bool = False
    """A wrong code that was the app's code a few minutes ago: the audit trail says expired."""

    @property
    def audited_as(self) -> str:
        return "expired" if self.expired else self.reason.name.lower()

    @property
    def accepted(self) -> bool:
        return False

    @property
    def message(self) -> str:
        return self.message_in(UTC_ZONE)

    def message_in(self, zone: str) -> str:
        """The message, with the time a lock ends on the clocks of ``zone``."""
        if self.locked_until is None:
            return self.reason.message
        until = time_in(self.locked_until, zone)
        return f"{self.reason.message} Code entry is locked until {until}."


@dataclass(frozen=True, slots=True)
class BackupCodeAccepted:
    """A backup code let the person in; ``left``: how many unused ones remain."""

    left: int

    @property
    def accepted(self) -> bool:
        return True


CodeVerdict = CodeAccepted | CodeRejected
