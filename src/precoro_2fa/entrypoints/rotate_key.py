"""``precoro-2fa rotate-key``: every secret re-sealed under a new key, then the key replaced.

With the key file ``K`` (``<database>.key`` beside a SQLite file, or ``--key-file``):

1. ``K.new`` is made with a new key, unless a rotation stopped half-way left one there: it is
   used again. From then on this command and every app started (or meeting a secret it
   cannot open) seal with ``K.new`` and open with ``K.new``, ``K`` or ``K.old``.
2. The users' secrets are re-sealed under it, a batch of users per transaction.
3. Once no secret is left under an older key: ``K``'s key is written to ``K.old`` (replacing
   the key of the rotation before), then ``K.new`` is renamed ``K``. Each file is written
   beside and renamed into place, so a crash never leaves one half written.

Run again after a crash at any point, it completes the same rotation. With the keys in
``PRECORO_2FA_KEY`` (``new,old``) it re-seals under the first and writes no file: drop the
old key from the variable once it is done.
"""

import os
from pathlib import Path

from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.encryption import (
    KeyFiles,
    key_file,
    key_ring,
    rename_file,
    replace_file,
)
from precoro_2fa.adapters.sql.rotation import BATCH, reseal
from precoro_2fa.entrypoints.database import database_url, existing
from precoro_2fa.entrypoints.web.keys import KEY_VARIABLE, sqlite_key_file

PASSES = 3
"""Passes over the users before giving up on secrets that app servers keep sealing with an
older key (servers started before the rotation, which never met a secret under the new)."""


class RotationIncomplete(ValueError):
    """Secrets are left under an older key: the key files stay as they are."""


def rotate_key(database: str, key_file_path: Path | None, batch: int = BATCH) -> str:
    """Re-seal every secret under a new key (see the module); what was done."""
    url = database_url(existing(database))
    if KEY_VARIABLE in os.environ:
        resealed = _reseal(SqlStore(url, key_ring(os.environ[KEY_VARIABLE])), batch)
        return f"Re-sealed {resealed} users' secrets under the first key of {KEY_VARIABLE}."
    files = KeyFiles(key_file_path or sqlite_key_file(url))
    if not files.path.is_file():
        raise RotationIncomplete(f"no key file at {files.path} (give --key-file)")
    key_file(files.new)  # made now, or the one a stopped rotation left
    resealed = _reseal(SqlStore(url, files), batch)
    replace_file(files.old, files.path.read_text())
    rename_file(files.new, files.path)
    return (
        f"Re-sealed {resealed} users' secrets under a new key, now in {files.path};"
        f" the previous key is kept in {files.old} until the next rotation."
    )


def _reseal(store: SqlStore, batch: int) -> int:
    try:
        resealed = 0
        for _ in range(PASSES):
            done = reseal(store, batch)
            resealed += done.resealed
            if done.left == 0:
                return resealed
    finally:
        store.dispose()
    raise RotationIncomplete(
        f"{done.left} users' secrets were sealed meanwhile with an older key, by app servers"
        " started before the rotation: restart them, then run rotate-key again"
    )
