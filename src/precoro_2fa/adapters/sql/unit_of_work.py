"""One command's transaction on a SQL database."""

import threading
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, RootTransaction

from precoro_2fa.adapters.sql.encryption import SecretBox
from precoro_2fa.adapters.sql.prepared import DriverCursor
from precoro_2fa.adapters.sql.repositories import (
    SqlAuditTrail,
    SqlCompanies,
    SqlRecoveryRequests,
    SqlSignInAttempts,
    SqlUsers,
)
from precoro_2fa.service_layer.ports import ConcurrentUpdate, UnitOfWork

RETRYABLE = {"40001", "40P01"}
"""PostgreSQL's serialization failure and deadlock: the command is run again."""


class SqlUnitOfWork(UnitOfWork):
    """A connection and its transaction from ``__enter__`` to ``__exit__``.

    ``writers`` is held for the whole transaction when given: threads of one process then
    queue on it instead of polling SQLite's busy timeout (other processes still do).
    """

    def __init__(self, engine: Engine, box: SecretBox, writers: "threading.Lock | None") -> None:
        self._engine, self._box, self._writers = engine, box, writers

    def __enter__(self) -> Self:
        if self._writers is not None:
            self._writers.acquire()
        try:
            self._connection: Connection = self._engine.connect()
            self._transaction: RootTransaction = self._connection.begin()
        except BaseException:
            self._release()
            raise
        connection, cursor, box = self._connection, DriverCursor(self._connection), self._box
        self.users = self._users = SqlUsers(connection, cursor, box)
        self.companies = self._companies = SqlCompanies(connection, cursor, box)
        self.requests = self._requests = SqlRecoveryRequests(connection, cursor, box)
        self.attempts = self._attempts = SqlSignInAttempts(connection, cursor, box)
        self.audit = self._audit = SqlAuditTrail(connection, cursor)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            super().__exit__(exc_type, exc, tb)
        finally:
            self._connection.close()
            self._release()

    def commit(self) -> None:
        """Companies before users before what refers to users; keys in order: no deadlock."""
        try:
            for table in (self._companies, self._users, self._requests, self._attempts):
                table.flush()
            self._audit.flush()
            self._transaction.commit()
        except Exception as error:
            if _sqlstate(error) in RETRYABLE:
                raise ConcurrentUpdate(str(error)) from error
            raise

    def rollback(self) -> None:
        if self._transaction.is_active:
            self._transaction.rollback()

    def _release(self) -> None:
        if self._writers is not None:
            self._writers.release()


def _sqlstate(error: Exception) -> str | None:
    """The SQLSTATE of a driver's error, raised as is or wrapped by SQLAlchemy."""
    driver_error = getattr(error, "orig", error)
    return getattr(driver_error, "sqlstate", None)
