"""argon2id password hashing with argon2-cffi."""

import argon2

from precoro_2fa.config import Argon2Config


class Argon2PasswordHasher:
    def __init__(self, settings: Argon2Config) -> None:
        self._hasher = argon2.PasswordHasher(
            time_cost=settings.time_cost,
            memory_cost=settings.memory_cost,
            parallelism=settings.parallelism,
            type=argon2.Type.ID,
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
            return False
