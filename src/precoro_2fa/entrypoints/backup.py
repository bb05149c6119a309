"""``precoro-2fa backup FILE`` and ``precoro-2fa restore FILE``: a SQLite database and its key.

**backup** copies the database with SQLite's online backup API (``sqlite3.Connection.backup``)
in one read transaction: a consistent snapshot, taken while the app runs (in WAL mode no
writer waits for it, nor it for a writer). The copy is written beside ``FILE`` (mode 0600),
then renamed into place: ``FILE`` is whole or not there. It holds no key: first the key
(``--key-file``, or ``PRECORO_2FA_KEY``) must open every secret in the database, since a
backup is of use only with it. Keep the key apart from the backups: whoever holds both holds
the secrets.

**restore** changes nothing until ``FILE`` passed every check, on a scratch copy beside the
database: SQLite's ``integrity_check``, a precoro-2fa schema (migrated to this version's),
and the key opens every secret. Then the scratch copy is copied into the database by the same
backup API, under SQLite's own lock: an app that has it open sees the restored data at its
next transaction. A refusal is one line, and the database is as it was.

PostgreSQL has its own tools: ``pg_dump`` and ``pg_restore`` (``docs/operations.md``).
"""

import os
import secrets
import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import make_url

from precoro_2fa.adapters.sql import InvalidEncryptionKey, SqlStore
from precoro_2fa.adapters.sql.encryption import KeyFiles, Keys, key_ring
from precoro_2fa.adapters.sql.rotation import open_every_secret
from precoro_2fa.entrypoints.database import database_url, existing
from precoro_2fa.entrypoints.web.keys import KEY_VARIABLE, sqlite_key_file


class BackupRefused(ValueError):
    """Why a backup or a restore was not made; nothing was changed."""


def backup(database: str, target: Path, key_file: Path | None) -> str:
    url = database_url(existing(database))
    source = _sqlite_file(url, "backup")
    users = _opened_by(url, _keys(url, key_file), database, "nothing backed up")
    draft = target.with_name(f".{target.name}.{secrets.token_hex(8)}")
    os.close(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        _copy(source, draft, journal=True)
        os.replace(draft, target)
    finally:
        draft.unlink(missing_ok=True)
    return (
        f"Backed up {database} ({users} users with 2FA secrets) to {target}."
        " Keep the key file apart from it: restore needs the same key."
    )


def restore(backup_file: Path, database: str, key_file: Path | None) -> str:
    url = database_url(database)
    target = _sqlite_file(url, "restore")
    if not backup_file.is_file():
        raise BackupRefused(f"no backup at {backup_file}: nothing restored")
    keys = _keys(url, key_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.restore-{secrets.token_hex(8)}")
    try:
        _copy_sound(backup_file, scratch)
        copy = f"sqlite:///{scratch}"
        users = _opened_by(copy, keys, str(backup_file), "nothing restored", migrate=True)
        _copy(scratch, target)
    finally:
        for leftover in (scratch, *(Path(f"{scratch}{end}") for end in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    return f"Restored {backup_file} ({users} users with 2FA secrets) into {database}."


def _copy_sound(backup_file: Path, scratch: Path) -> None:
    """Copy ``backup_file`` (opened read-only) to ``scratch``, if it is a sound database of
    precoro-2fa."""
    refused = f"{backup_file} is not a sound precoro-2fa backup"
    try:
        _copy(Path(backup_file), scratch, read_only=True)
        with closing(sqlite3.connect(scratch)) as copy:
            verdict = [row for (row,) in copy.execute("PRAGMA integrity_check")]
            revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupRefused(f"{refused} ({error}): nothing restored") from error
    if verdict != ["ok"] or revision is None:
        found = "; ".join(verdict[:3])  # one line, the first problems (a row each)
        raise BackupRefused(f"{refused} (integrity check: {found}): nothing restored")


def _copy(source: Path, target: Path, read_only: bool = False, journal: bool = False) -> None:
    """SQLite's online backup of ``source`` (``read_only``: opened so) into ``target``;
    ``journal``: the copy keeps a rollback journal, not WAL (a backup then opens read-only
    with no files beside it)."""
    uri = f"file:{quote(str(source.resolve()))}{'?mode=ro' if read_only else ''}"
    reading, writing = sqlite3.connect(uri, uri=True), sqlite3.connect(target)
    with closing(reading) as reader, closing(writing) as writer:
        reader.backup(writer)
        if journal:
            writer.execute("PRAGMA journal_mode = DELETE")


def _opened_by(url: str, keys: Keys, shown: str, nothing: str, migrate: bool = False) -> int:
    """Users whose secrets the keys open; refused if one does not open."""
    store = SqlStore(url, keys, migrate=migrate)
    try:
        return open_every_secret(store)
    except InvalidEncryptionKey as error:
        raise BackupRefused(f"the key does not open the secrets in {shown}: {nothing}") from error
    finally:
        store.dispose()


def _keys(url: str, key_file: Path | None) -> Keys:
    """The key of ``serve`` (environment, or the key file); never a new one."""
    if KEY_VARIABLE in os.environ:
        return key_ring(os.environ[KEY_VARIABLE])
    file = key_file or sqlite_key_file(url)
    if not file.is_file():
        raise BackupRefused(f"no key file at {file} (give --key-file): nothing changed")
    return KeyFiles(file)


def _sqlite_file(url: str, command: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise BackupRefused(
            f"{command} copies a SQLite file; for PostgreSQL use pg_dump and pg_restore"
            " (docs/operations.md)"
        )
    return Path(parsed.database)
