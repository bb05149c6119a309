"""One command's transaction on a SQL database."""

from types import TracebackType
from typing import Self

from precoro_2fa.adapters.sql.connections import Connections
from precoro_2fa.adapters.sql.encryption import SecretBox
from precoro_2fa.adapters.sql.prepared import DriverConnection
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
    """A connection and its transaction from ``__enter__`` to ``__exit__``."""

    def __init__(self, connections: Connections, box: SecretBox, immediate: bool = True) -> None:
        self._connections, self._box, self._immediate = connections, box, immediate

    def __enter__(self) -> Self:
        self._driver = driver = DriverConnection(self._connections, self._immediate)
        self._done = False
        self.users = self._users = SqlUsers(driver, self._box)
        self.companies = self._companies = SqlCompanies(driver, self._box)
        self.requests = self._requests = SqlRecoveryRequests(driver, self._box)
        self.attempts = self._attempts = SqlSignInAttempts(driver, self._box)
        self.audit = self._audit = SqlAuditTrail(driver)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """A deadlock or serialization failure, in a read or at commit: ``ConcurrentUpdate``."""
        conflict = ConcurrentUpdate(str(exc)) if _sqlstate(exc) in RETRYABLE else None
        try:
            super().__exit__(exc_type, exc, tb)
        finally:
            self._driver.close(conflict or exc)
        if conflict is not None:
            raise conflict from exc

    def commit(self) -> None:
        """Companies before users before what refers to users; keys in order: no deadlock."""
        for table in (self._companies, self._users, self._requests, self._attempts):
            table.flush()
        self._audit.flush()
        self._driver.commit()
        self._done = True

    def rollback(self) -> None:
        if not self._done:
            self._done = True
            self._driver.rollback()


def _sqlstate(error: BaseException | None) -> str | None:
    """The SQLSTATE of a driver's error, raised as is or wrapped by SQLAlchemy."""
    driver_error = getattr(error, "orig", error)
    return getattr(driver_error, "sqlstate", None)
