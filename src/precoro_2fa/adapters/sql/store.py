"""A SQL database behind the service layer: SQLite by default, PostgreSQL for several servers.

SQLite runs in WAL mode with ``synchronous=NORMAL``: a commit survives the application
crashing (even SIGKILL) but the last commits may be lost if the machine loses power.
``durable=True`` selects ``synchronous=FULL``.

SQLite's driver sends no ``BEGIN`` here (``isolation_level = None``, as SQLAlchemy's pysqlite
documentation shows): each transaction sends its own. A unit of work sends ``BEGIN
IMMEDIATE``, so that writers queue for their turn instead of failing halfway; a reading
sends ``BEGIN``, a snapshot that waits for no writer (WAL lets readers and a writer run
together). The documentation's ``begin`` event would send them too, but any listener on the
engine makes every statement dispatch the engine's events: a fifth of a code check's
instructions. PostgreSQL's driver begins a transaction with its first statement.
"""

import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DisconnectionError

from precoro_2fa.adapters.sql.encryption import KeyFiles, Keys, SecretBox, key_ring
from precoro_2fa.adapters.sql.unit_of_work import SqlReading, SqlUnitOfWork

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000
WRITING, READING = "BEGIN IMMEDIATE", "BEGIN"
"""How a unit of work and a reading begin on SQLite."""


class MissingEncryptionKey(ValueError):
    """Only a SQLite file gets a key file of its own; other databases need a configured key."""


class SqlStore:
    """An engine, the key that opens its secrets, units of work and readings over them.

    ``engine`` is public: its events (``begin``, ``commit``, ``before_cursor_execute``) show
    what each transaction does. On SQLite, a connection taken from it runs each statement on
    its own unless it sends ``BEGIN`` first.
    """

    def __init__(
        self,
        url: str,
        key: Keys | None = None,
        *,
        migrate: bool = True,
        durable: bool = False,
        **engine_options: Any,
    ) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite and self.url.database in (None, "", ":memory:"):
            raise ValueError("SQLite needs a file here; bootstrap() gives an in-memory store")
        self.box = self._box(key)
        """Seals and opens the secrets (``rotation.py`` re-seals them under a new key)."""
        self.engine = self._engine(durable, engine_options)
        self._writers = threading.Lock() if self.is_sqlite else None
        """SQLite lets one writer in at a time: this store's threads queue here for their turn
        rather than poll SQLite's busy timeout (other processes still do)."""
        if migrate:
            self.migrate()

    def unit_of_work(self) -> SqlUnitOfWork:
        begin = WRITING if self.is_sqlite else None
        return SqlUnitOfWork(self.engine, self.box, begin, self._writers)

    @contextmanager
    def reading(self) -> Iterator[SqlReading]:
        """What a page shows: one snapshot, no row lock, no writer's turn; never committed.

        SQLite: a plain ``BEGIN``. PostgreSQL: ``REPEATABLE READ``, ``READ ONLY``.
        """
        with self.engine.connect() as connection:
            if self.is_sqlite:
                connection.exec_driver_sql(READING)
            else:
                connection.execution_options(
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                )
            yield SqlReading(connection, self.box)

    def migrate(self) -> None:
        """Bring the schema to the newest revision; concurrent callers wait for each other."""
        with self.engine.begin() as connection:
            if self.is_sqlite:
                connection.exec_driver_sql(WRITING)
            else:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()

    def _box(self, keys: Keys | None) -> SecretBox:
        """Key files are read again when a secret names a key not read yet (a rotation)."""
        if keys is None and self.is_sqlite:
            keys = KeyFiles(Path(f"{self.url.database}.key"))
        if keys is None:
            raise MissingEncryptionKey("give the key that encrypts the secrets in this database")
        reload = keys.keys if isinstance(keys, KeyFiles) else None
        return SecretBox(key_ring(keys), reload)

    def _engine(self, durable: bool, options: dict[str, Any]) -> Engine:
        if not self.is_sqlite:
            options = {**POSTGRES_POOL, **options}
            return create_engine(self.url, **options)
        Path(str(self.url.database)).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.url, **options)
        synchronous = "FULL" if durable else "NORMAL"
        event.listen(engine, "connect", _sqlite_pragmas(synchronous))
        reopen_when_writable(engine, str(self.url.database))
        return engine


POSTGRES_POOL: dict[str, Any] = {"pool_size": 8, "max_overflow": 32, "pool_pre_ping": True}
"""A pooled connection is pinged as it is taken (SQLAlchemy's ``pool_pre_ping``): one that a
restarted or killed server left dead is replaced there, and fails no request."""

_LOCK_KEY = int.from_bytes(hashlib.sha256(b"precoro-2fa migrations").digest()[:4], "big")


def reopen_when_writable(engine: Engine, database: str) -> None:
    """SQLite: a connection opened while its file could not be written is replaced as soon as
    the file can be written again, so that writes resume by themselves.

    SQLite opens such a connection read-only rather than fail (reads go on), and it stays
    read-only for good. The ``connect`` event notes it; at each checkout from the pool
    (``checkout`` event) such a connection, if the file is writable now, raises
    ``DisconnectionError``, by which SQLAlchemy's pool drops it and opens a fresh one. Pool
    events only: the statements dispatch no engine event.
    """

    def on_connect(_dbapi_connection: Any, record: Any) -> None:
        record.info["opened_read_only"] = not os.access(database, os.W_OK)

    def on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if record.info.get("opened_read_only") and os.access(database, os.W_OK):
            raise DisconnectionError("opened while the file was read-only: opened again")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "checkout", on_checkout)


def _sqlite_pragmas(synchronous: str) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # each transaction sends its own BEGIN
        for pragma in (
            f"busy_timeout = {BUSY_TIMEOUT_MS}",
            "journal_mode = WAL",
            f"synchronous = {synchronous}",
            "foreign_keys = ON",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    return on_connect
