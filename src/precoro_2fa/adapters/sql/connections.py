"""Where a unit of work gets its connection: the engine's pool, or one kept for a SQLite file."""

import abc
import threading

from sqlalchemy import Engine, PoolProxiedConnection


class Connections(abc.ABC):
    """Hands a connection to one transaction at a time and takes it back afterwards."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect
        self.integrity_error: type[Exception] = self.dialect.loaded_dbapi.IntegrityError
        self.driver_error: type[Exception] = self.dialect.loaded_dbapi.Error

    @abc.abstractmethod
    def take(self) -> PoolProxiedConnection: ...

    @abc.abstractmethod
    def give_back(self, connection: PoolProxiedConnection, broken: bool) -> None:
        """``broken``: after a driver's error the connection is discarded, not reused."""

    @abc.abstractmethod
    def close(self) -> None:
        """Close what is kept; the engine's pool is disposed of by its owner."""


class Pooled(Connections):
    """PostgreSQL: a connection of the pool for each transaction; transactions run side by side."""

    def take(self) -> PoolProxiedConnection:
        return self.engine.raw_connection()

    def give_back(self, connection: PoolProxiedConnection, broken: bool) -> None:
        if broken:
            connection.invalidate()
        else:
            connection.close()  # back to the pool, which rolls back what is left open

    def close(self) -> None:
        """Nothing is kept here."""


class Kept(Connections):
    """SQLite: one transaction at a time in this process, on one connection kept between them.

    SQLite lets one writer in at a time anyway. ``lock``, shared by every store of the file
    in this process, makes its threads queue for their turn instead of polling SQLite's
    busy timeout (other processes still do); as they take turns, one connection serves them
    all, without a checkout from the pool and a checkin for every command.
    """

    def __init__(self, engine: Engine, lock: threading.Lock) -> None:
        super().__init__(engine)
        self._lock = lock
        self._kept: PoolProxiedConnection | None = None

    def take(self) -> PoolProxiedConnection:
        self._lock.acquire()
        try:
            if self._kept is None:
                self._kept = self.engine.raw_connection()
        except BaseException:
            self._lock.release()
            raise
        return self._kept

    def give_back(self, connection: PoolProxiedConnection, broken: bool) -> None:
        """Kept for the next transaction, unless broken or still inside a transaction."""
        try:
            if broken or connection.driver_connection.in_transaction:  # type: ignore[union-attr]
                self._kept = None
                connection.invalidate()
        finally:
            self._lock.release()

    def close(self) -> None:
        with self._lock:
            if self._kept is not None:
                self._kept.close()
                self._kept = None
