"""Secrets at rest: AES-256-GCM, each value bound to its row and column, the key from config."""

import base64
import binascii
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT = b"\x01"
"""The first byte of every stored value: the format, so that a later one can be told apart."""


class InvalidEncryptionKey(ValueError):
    """The key is not 32 bytes, base64-encoded, or it does not open the stored secrets."""


def new_key() -> str:
    """A fresh key, as the text a key file or an environment variable holds."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def parse_key(text: str | bytes) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip())
    except (binascii.Error, ValueError) as error:
        raise InvalidEncryptionKey("the encryption key is not base64") from error
    if len(key) != KEY_BYTES:
        raise InvalidEncryptionKey(f"the encryption key must be {KEY_BYTES} bytes")
    return key


def key_file(path: Path) -> bytes:
    """The key kept in ``path``; created (readable by its owner only) if it does not exist."""
    if not path.exists():
        _create_key_file(path)
    return parse_key(path.read_bytes())


def _create_key_file(path: Path) -> None:
    """Write a new key beside, then link it into place: a racing process keeps the first one."""
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(new_key() + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()


class SecretBox:
    """Seals a secret for one place (``context``: table, column and row), opens it there only."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise InvalidEncryptionKey(f"the encryption key must be {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    def seal(self, secret: str, context: str) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, secret.encode(), FORMAT + context.encode())
        return FORMAT + nonce + sealed

    def open(self, stored: bytes, context: str) -> str:
        nonce, sealed = stored[1 : 1 + NONCE_BYTES], stored[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, stored[:1] + context.encode()).decode()
        except InvalidTag as error:
            raise InvalidEncryptionKey("a stored secret does not open with this key") from error
