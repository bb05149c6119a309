"""One command's transaction on a SQL database, and a reading of what a page shows."""

from contextlib import ExitStack
from threading import Lock
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from precoro_2fa.adapters.sql.encryption import SecretBox
from precoro_2fa.adapters.sql.repositories import (
    SqlAuditTrail,
    SqlCompanies,
    SqlOutbox,
    SqlRecoveryRequests,
    SqlSignInAttempts,
    SqlSignInThrottles,
    SqlUsers,
    SqlWebSessions,
)
from precoro_2fa.service_layer.ports import ConcurrentUpdate, Reading, UnitOfWork

LOST_RACE = {"40001", "40P01"}
"""PostgreSQL's serialization failure and deadlock: the command is run again."""


class SqlUnitOfWork(UnitOfWork):
    """A connection of the engine's pool and its transaction, from ``__enter__`` to ``__exit__``.

    ``begin``: the statement that begins the transaction where the driver sends none
    (SQLite's ``BEGIN IMMEDIATE``), or None where the driver begins one itself (psycopg).
    ``writers``: held from begin to end, where writers take turns anyway (SQLite).
    """

    def __init__(
        self, engine: Engine, box: SecretBox, begin: str | None, writers: "Lock | None"
    ) -> None:
        self._engine, self._box, self._begin, self._writers = engine, box, begin, writers

    def __enter__(self) -> Self:
        with ExitStack() as held:
            if self._writers is not None:
                self._writers.acquire()
                held.callback(self._writers.release)
            self.connection = connection = held.enter_context(self._engine.connect())
            if self._begin is not None:
                connection.exec_driver_sql(self._begin)
            self._held = held.pop_all()
        self.users = self._users = SqlUsers(connection, self._box)
        self.companies = self._companies = SqlCompanies(connection, self._box)
        self.requests = self._requests = SqlRecoveryRequests(connection, self._box)
        self.attempts = self._attempts = SqlSignInAttempts(connection, self._box)
        self.throttles = self._throttles = SqlSignInThrottles(connection, self._box)
        self.sessions = SqlWebSessions(connection)
        self.audit = self._audit = SqlAuditTrail(connection)
        self.outbox = self._outbox = SqlOutbox(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """A deadlock or serialization failure, in a read or at commit: ``ConcurrentUpdate``."""
        try:
            super().__exit__(exc_type, exc, tb)
        finally:
            self._held.close()  # the connection back to the pool, then the writers' turn
        if lost_race(exc):
            raise ConcurrentUpdate(str(exc)) from exc

    def commit(self) -> None:
        """Companies before users before what refers to users; keys in order: no deadlock."""
        tables = (self._companies, self._users, self._requests, self._attempts, self._throttles)
        for table in tables:
            table.flush()
        self._audit.flush()
        self._outbox.flush()
        self.connection.commit()

    def rollback(self) -> None:
        self.connection.rollback()


class SqlReading(Reading):
    """What a page shows, on a connection whose transaction is never committed.

    The repositories take no row lock; the store has begun the transaction as a reader's.
    """

    def __init__(self, connection: Connection, box: SecretBox) -> None:
        self.users = SqlUsers(connection, box, locking=False)
        self.companies = SqlCompanies(connection, box, locking=False)
        self.requests = SqlRecoveryRequests(connection, box, locking=False)
        self.throttles = SqlSignInThrottles(connection, box, locking=False)
        self.audit = SqlAuditTrail(connection)
        self.outbox = SqlOutbox(connection)


def lost_race(error: BaseException | None) -> bool:
    """Whether PostgreSQL ended the transaction for a race (psycopg's ``sqlstate``)."""
    return isinstance(error, DBAPIError) and getattr(error.orig, "sqlstate", None) in LOST_RACE
