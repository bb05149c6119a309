"""Backup codes (beyond the article; GitHub's and GitLab's recovery codes).

Ten one-time codes, shown once when two-factor authentication is turned on, each usable once
instead of the 6-digit code at sign-in. Only their argon2id hashes are kept.
"""

import re
import secrets
from dataclasses import dataclass, field

from precoro_2fa.domain.passwords import PasswordHasher

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""No 0, o, 1, i, l: nothing to misread on paper. Ten of them: 49 bits."""
LENGTH = 10
_TYPED = re.compile(rf"[{ALPHABET}]{{5}}-?[{ALPHABET}]{{5}}")


def new_backup_codes() -> tuple[str, ...]:
    """Ten fresh codes, as shown: two groups of five, ``xxxxx-xxxxx``."""
    return tuple(_new_code() for _ in range(COUNT))


def _new_code() -> str:
    letters = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{letters[:5]}-{letters[5:]}"


def parse_backup_code(raw: object) -> str | None:
    """A backup code as typed (upper or lower case, with or without its hyphen), or None."""
    if not isinstance(raw, str) or len(raw) > LENGTH + 1:
        return None
    typed = raw.lower()
    if _TYPED.fullmatch(typed) is None:
        return None
    return typed.replace("-", "")


@dataclass(slots=True)
class BackupCode:
    hash: str
    used: bool = False


@dataclass(slots=True)
class BackupCodes:
    """The hashes of a user's backup codes; a used one stays, marked, so a replay is told."""

    codes: list[BackupCode] = field(default_factory=list)

    @property
    def left(self) -> int:
        return sum(not code.used for code in self.codes)

    def replace(self, shown: tuple[str, ...], hasher: PasswordHasher) -> None:
        """New codes replace every earlier one."""
        self.codes = [BackupCode(hasher.hash(code.replace("-", ""))) for code in shown]

    def matching(self, typed: str, hasher: PasswordHasher) -> BackupCode | None:
        return next((code for code in self.codes if hasher.verify(code.hash, typed)), None)

    def forget(self) -> None:
        self.codes = []
