"""The two keys of a served app: one seals the 2FA secrets, one signs the forms and device cookie.

Both come from the environment (``PRECORO_2FA_KEY`` and ``PRECORO_2FA_SESSION_KEY``, as
``precoro_2fa.adapters.sql.new_key()`` prints them; ``PRECORO_2FA_KEY`` may list several keys,
newest first, separated by commas) or from a key file and the session key
file beside it (``app.key`` → ``app.session-key``), each made on first use, mode 0600. A
SQLite file needs neither: its key file is ``<database>.key``. Every app server of one
database must be given the same two keys.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from precoro_2fa.adapters.sql import MissingEncryptionKey
from precoro_2fa.adapters.sql.encryption import KeyFiles, key_file, key_ring, parse_key

KEY_VARIABLE = "PRECORO_2FA_KEY"
SESSION_KEY_VARIABLE = "PRECORO_2FA_SESSION_KEY"


@dataclass(frozen=True, slots=True)
class Keys:
    secrets: KeyFiles | tuple[bytes, ...]
    """The key file (and those a rotation puts beside it), or the keys, newest first."""
    sessions: bytes


def keys_for(url: str, file: Path | None) -> Keys:
    """The keys from the environment, else from ``file`` (a SQLite file's own by default)."""
    if KEY_VARIABLE in os.environ or SESSION_KEY_VARIABLE in os.environ:
        return _from_environment()
    file = file or sqlite_key_file(url)
    secrets = KeyFiles(file)
    secrets.keys()  # made now if missing, as the session key is
    return Keys(secrets, key_file(file.with_name(f"{file.name.removesuffix('.key')}.session-key")))


def _from_environment() -> Keys:
    try:
        return Keys(key_ring(os.environ[KEY_VARIABLE]), parse_key(os.environ[SESSION_KEY_VARIABLE]))
    except KeyError as missing:
        raise MissingEncryptionKey(
            f"set both {KEY_VARIABLE} and {SESSION_KEY_VARIABLE}"
        ) from missing


def sqlite_key_file(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise MissingEncryptionKey(
            f"give --key-file, or set {KEY_VARIABLE} and {SESSION_KEY_VARIABLE}"
        )
    return Path(f"{parsed.database}.key")
