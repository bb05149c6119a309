"""The first factor, as the domain needs it. The hashing itself lives in an adapter."""

from typing import Protocol

MIN_PASSWORD_LENGTH = 8
"""ASVS 5.0 6.2.1."""


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...
