"""Secrets at rest: AES-256-GCM, each value bound to its row and column and naming its key."""

import base64
import binascii
import hashlib
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT = b"\x02"
"""The first byte of every stored value: the format (``\\x02``: with the id of its key)."""
FIRST_FORMAT = b"\x01"
"""The format before keys could be rotated: no key id."""
KEY_ID_BYTES = 4


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
    draft = _draft(path, new_key())
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def replace_file(path: Path, text: str) -> None:
    """Write ``text`` beside ``path``, then rename it into place: ``path`` is whole before and
    after, never half written, whenever the process stops."""
    os.replace(_draft(path, text), path)
    _sync_folder(path)


def rename_file(source: Path, target: Path) -> None:
    """``source`` becomes ``target`` at once (on one file system), and stays so after a crash."""
    os.replace(source, target)
    _sync_folder(target)


def _draft(path: Path, text: str) -> Path:
    """A new file beside ``path`` (its owner only may read it), written and flushed to disk."""
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text.strip() + "\n")
        file.flush()
        os.fsync(file.fileno())
    return draft


def _sync_folder(path: Path) -> None:
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


@dataclass(frozen=True, slots=True)
class KeyFiles:
    """A key file and, during and after a rotation (``rotation.py``), the two files beside it:
    ``<file>.new``, the key secrets are being re-sealed under (it seals), and ``<file>.old``,
    the key before the last completed rotation (still accepted)."""

    path: Path

    @property
    def new(self) -> Path:
        return self.path.with_name(f"{self.path.name}.new")

    @property
    def old(self) -> Path:
        return self.path.with_name(f"{self.path.name}.old")

    def keys(self) -> tuple[bytes, ...]:
        """Newest first: the new key if a rotation is under way, the key, the old key."""
        current = key_file(self.path)
        new = (parse_key(self.new.read_bytes()),) if self.new.exists() else ()
        old = (parse_key(self.old.read_bytes()),) if self.old.exists() else ()
        return (*new, current, *old)


Keys = KeyFiles | str | bytes | Sequence[str | bytes]
"""What a store is given: key files, or keys (base64 text, or 32 bytes), newest first; a
text may hold several keys separated by commas (``PRECORO_2FA_KEY="new,old"``)."""


def key_ring(keys: Keys) -> tuple[bytes, ...]:
    """The keys, newest first."""
    if isinstance(keys, KeyFiles):
        return keys.keys()
    if isinstance(keys, bytes) and len(keys) == KEY_BYTES:
        return (keys,)
    if isinstance(keys, str | bytes):
        text = keys.decode() if isinstance(keys, bytes) else keys
        return tuple(parse_key(part) for part in text.split(","))
    return tuple(key for each in keys for key in key_ring(each))


def key_id(key: bytes) -> bytes:
    """Which key sealed a value, stored in it: a fingerprint that reveals nothing of the key."""
    return hashlib.sha256(b"precoro-2fa key id\x00" + key).digest()[:KEY_ID_BYTES]


class SecretBox:
    """Seals a secret for one place (``context``: table, column and row) under the newest key,
    and opens it there only, under whichever of the keys sealed it.

    A sealed value is ``FORMAT``, the key's id, the nonce, then AES-256-GCM's ciphertext and
    tag, whose associated data is the format, the key id and the context. Values of the first
    format (``\\x01``: no key id) are opened by trying each key. ``reload``: where to read the
    keys again when a value names a key this box does not hold (a rotation began after).
    """

    def __init__(
        self, keys: Sequence[bytes], reload: Callable[[], Sequence[bytes]] | None = None
    ) -> None:
        self._keys = _aeads(keys)
        self.sealing = key_id(keys[0])
        """The id of the key that seals: the newest."""
        self._reload = reload

    def seal(self, secret: str, context: str) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        header = FORMAT + self.sealing
        sealed = self._keys[self.sealing].encrypt(nonce, secret.encode(), header + context.encode())
        return header + nonce + sealed

    def open(self, stored: bytes, context: str) -> str:
        if stored[:1] == FIRST_FORMAT:
            return self._open_first_format(stored, context)
        header, rest = stored[: 1 + KEY_ID_BYTES], stored[1 + KEY_ID_BYTES :]
        aead = self._key(header[1:])
        try:
            opened = aead.decrypt(rest[:NONCE_BYTES], rest[NONCE_BYTES:], header + context.encode())
        except InvalidTag as error:
            raise InvalidEncryptionKey("a stored secret does not open with its key") from error
        return opened.decode()

    def is_sealed_with_newest(self, stored: bytes) -> bool:
        return stored[: 1 + KEY_ID_BYTES] == FORMAT + self.sealing

    def _key(self, id_: bytes) -> AESGCM:
        """The key named ``id_``; the keys are read again once if it is not among them, and
        the newest of them seals from then on."""
        if id_ not in self._keys and self._reload is not None:
            reloaded = self._reload()
            self._keys = {**self._keys, **_aeads(reloaded)}
            self.sealing = key_id(reloaded[0])
        if id_ not in self._keys:
            raise InvalidEncryptionKey("a stored secret was sealed with a key not given here")
        return self._keys[id_]

    def _open_first_format(self, stored: bytes, context: str) -> str:
        nonce, sealed = stored[1 : 1 + NONCE_BYTES], stored[1 + NONCE_BYTES :]
        for aead in self._keys.values():
            try:
                return aead.decrypt(nonce, sealed, FIRST_FORMAT + context.encode()).decode()
            except InvalidTag:
                continue
        raise InvalidEncryptionKey("a stored secret does not open with this key")


def _aeads(keys: Sequence[bytes]) -> dict[bytes, AESGCM]:
    if not keys or any(len(key) != KEY_BYTES for key in keys):
        raise InvalidEncryptionKey(f"the encryption key must be {KEY_BYTES} bytes")
    return {key_id(key): AESGCM(key) for key in keys}
