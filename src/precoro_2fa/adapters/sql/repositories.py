"""Repositories over one connection: each entity read is tracked, and ``flush`` saves changes.

A change is written with one conditional update, ``… WHERE key = :key AND version =
:version_read``; no row updated means another transaction saved first: ``ConcurrentUpdate``.

On PostgreSQL an entity is read with a lock on its row, held until the transaction ends:
``FOR UPDATE``, so that the commands on one account queue instead of racing (each failure
is counted, none runs out of tries); a company ``FOR SHARE``, so that its code checks do
not queue on it while an update of the company waits for them (no write skew: a Turn Off
that read "not required" commits before the tick). SQLite renders no lock clause: there a
transaction begins with ``BEGIN IMMEDIATE`` and writers queue already.
"""

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Dialect, Table, bindparam, insert, literal_column, select, update

from precoro_2fa.adapters.sql import tables
from precoro_2fa.adapters.sql.encryption import SecretBox
from precoro_2fa.adapters.sql.mapping import (
    ATTEMPTS,
    COMPANIES,
    REQUESTS,
    USERS,
    Mapper,
    Row,
    audit_event,
    audit_row,
)
from precoro_2fa.adapters.sql.prepared import DriverConnection, Prepared
from precoro_2fa.domain.audit import AuditEvent
from precoro_2fa.domain.model import Company, User
from precoro_2fa.domain.recovery import RecoveryRequest, RequestStatus
from precoro_2fa.domain.sign_in import SignInAttempt
from precoro_2fa.service_layer.ports import ConcurrentUpdate

E = TypeVar("E")

_UPDATE_PARAMETERS = {"key", "read_version"}
"""What an update binds beside the new values, which are bound by their column's name."""


class Statements:
    """One table's statements for one dialect, compiled once for the life of the process."""

    _known: ClassVar[dict[tuple[str, str], "Statements"]] = {}

    def __init__(self, mapper: Mapper[Any], dialect: Dialect, shared: bool) -> None:
        table, self._dialect = mapper.table, dialect
        if clash := sorted(_UPDATE_PARAMETERS & set(table.c.keys())):
            raise ValueError(f"{table.name} has columns named like an update's parameters: {clash}")
        self._key = table.c[mapper.key_column]
        by_key = select(table).where(self._key == bindparam("key")).with_for_update(read=shared)
        self.by_key = Prepared(by_key, dialect, table.c)
        self.insert = Prepared(insert(table).values(_binds(_writable(table))), dialect)
        self._updates: dict[tuple[str, ...], Prepared] = {}
        self._matching: dict[str, Prepared] = {}

    @classmethod
    def of(cls, mapper: Mapper[Any], dialect: Dialect, shared: bool) -> "Statements":
        known = (mapper.table.name, dialect.name)
        if known not in cls._known:
            cls._known[known] = cls(mapper, dialect, shared)
        return cls._known[known]

    def matching(self, column: str) -> Prepared:
        """The rows whose ``column`` equals ``:value``, in the order they were added."""
        if column not in self._matching:
            table = self._key.table
            statement = select(table).where(table.c[column] == bindparam("value"))
            self._matching[column] = Prepared(
                statement.order_by(table.c.number), self._dialect, table.c
            )
        return self._matching[column]

    def update(self, columns: tuple[str, ...]) -> Prepared:
        """``UPDATE … SET columns, version + 1 WHERE key = :key AND version = :read_version``.

        Each column's new value is bound by the column's name (no column is named ``key``
        or ``read_version``: checked once, when the table's statements are made).
        """
        if columns not in self._updates:
            table = self._key.table
            changes: dict[str, Any] = {name: bindparam(name) for name in columns}
            changes["version"] = table.c.version + literal_column("1")  # no parameter to bind
            read = (self._key == bindparam("key"), table.c.version == bindparam("read_version"))
            statement = update(table).where(*read).values(changes)
            self._updates[columns] = Prepared(statement, self._dialect)
        return self._updates[columns]


def _writable(table: Table) -> list[str]:
    return [column.name for column in table.c if column.name != "number"]


def _binds(columns: list[str]) -> dict[str, Any]:
    return {name: bindparam(name) for name in columns}


class TrackedTable(Generic[E]):
    """An identity map of one table: the entity, the row it was read as, and its version.

    ``flush`` writes the columns whose value differs from the row read (or last written).

    ``get`` locks the row ``FOR UPDATE``, or ``FOR SHARE`` when ``shared``; ``where`` does not.
    """

    shared: ClassVar[bool] = False

    def __init__(self, driver: DriverConnection, box: SecretBox, mapper: Mapper[E]) -> None:
        self._driver, self._box, self._mapper = driver, box, mapper
        self._statements = Statements.of(mapper, driver.dialect, self.shared)
        self._tracked: dict[str, tuple[E, Row | None, int]] = {}

    def add(self, entity: E) -> None:
        self._tracked[self._mapper.key(entity)] = (entity, None, 0)

    def get(self, key: str) -> E | None:
        if key not in self._tracked:
            row = self._driver.one(self._statements.by_key, {"key": key})
            return None if row is None else self._track(row)
        return self._tracked[key][0]

    def where(self, column: str, value: str, keep: Callable[[E], bool]) -> list[E]:
        """Rows saved with ``column = value`` and entities tracked here, as they are now."""
        saved = self._driver.all(self._statements.matching(column), {"value": value})
        found = [self._track(row) for row in saved]
        found += [entity for entity, _, _ in self._tracked.values()]
        unique = {id(entity): entity for entity in found}
        return [entity for entity in unique.values() if keep(entity)]

    def flush(self) -> None:
        if not self._tracked:
            return
        for key in sorted(self._tracked):
            entity, read, version = self._tracked[key]
            row = self._mapper.to_row(entity)
            if read is None:
                self._insert(key, row)
            else:
                changed = {column: value for column, value in row.items() if read[column] != value}
                if not changed:
                    continue
                self._update(key, changed, version)
            self._tracked[key] = (entity, row, self._saved(entity, version + (read is not None)))

    def _track(self, row: Row) -> E:
        """``row``, as read by the driver (a dict of its own), becomes the row kept here."""
        key = row[self._mapper.key_column]
        if key not in self._tracked:
            for column in self._mapper.secrets:
                if row[column] is not None:
                    row[column] = self._box.open(row[column], self._context(column, key))
            self._tracked[key] = (self._mapper.from_row(row), row, row["version"])
        return self._tracked[key][0]

    def _insert(self, key: str, row: Row) -> None:
        try:
            self._driver.write(self._statements.insert, {**self._sealed(key, row), "version": 0})
        except self._driver.integrity_error as error:
            raise ConcurrentUpdate(
                f"{self._mapper.table.name} {key!r} was added meanwhile"
            ) from error

    def _update(self, key: str, changed: Row, version: int) -> None:
        statement = self._statements.update(tuple(changed))
        parameters = {**self._sealed(key, changed), "key": key, "read_version": version}
        if self._driver.write(statement, parameters) != 1:
            raise ConcurrentUpdate(f"{self._mapper.table.name} {key!r} changed meanwhile")

    def _sealed(self, key: str, row: Row) -> Row:
        secrets = [column for column in self._mapper.secrets if row.get(column) is not None]
        if not secrets:
            return row
        sealed = dict(row)
        for column in secrets:
            sealed[column] = self._box.seal(row[column], self._context(column, key))
        return sealed

    def _context(self, column: str, key: str) -> str:
        return f"{self._mapper.table.name}.{column}:{key}"

    @staticmethod
    def _saved(entity: E, version: int) -> int:
        if hasattr(entity, "version"):
            entity.version = version
        return version


class SqlUsers(TrackedTable[User]):
    def __init__(self, driver: DriverConnection, box: SecretBox) -> None:
        super().__init__(driver, box, USERS)

    def in_company(self, company_id: str) -> list[User]:
        return self.where("company_id", company_id, lambda user: user.company_id == company_id)


class SqlCompanies(TrackedTable[Company]):
    shared = True

    def __init__(self, driver: DriverConnection, box: SecretBox) -> None:
        super().__init__(driver, box, COMPANIES)


class SqlRecoveryRequests(TrackedTable[RecoveryRequest]):
    def __init__(self, driver: DriverConnection, box: SecretBox) -> None:
        super().__init__(driver, box, REQUESTS)

    def in_company(self, company_id: str) -> list[RecoveryRequest]:
        return self.where("company_id", company_id, lambda r: r.company_id == company_id)

    def waiting(self) -> list[RecoveryRequest]:
        approved = RequestStatus.APPROVED
        return self.where("status", approved.name, lambda request: request.status is approved)


class SqlSignInAttempts(TrackedTable[SignInAttempt]):
    def __init__(self, driver: DriverConnection, box: SecretBox) -> None:
        super().__init__(driver, box, ATTEMPTS)


class SqlAuditTrail:
    """Appended events are inserted on flush; they are never changed."""

    def __init__(self, driver: DriverConnection) -> None:
        self._driver = driver
        self._new: list[AuditEvent] = []
        self._insert, self._in_company = _audit_statements(driver.dialect)

    def append(self, event: AuditEvent) -> None:
        self._new.append(event)

    def in_company(self, company_id: str) -> list[AuditEvent]:
        rows = self._driver.all(self._in_company, {"value": company_id})
        saved = [audit_event(row) for row in rows]
        return saved + [event for event in self._new if event.company_id == company_id]

    def flush(self) -> None:
        """A command records one or two events: each is one insert (no batch to set up)."""
        for event in self._new:
            self._driver.write(self._insert, audit_row(event))
        self._new.clear()


_AUDIT_STATEMENTS: dict[str, tuple[Prepared, Prepared]] = {}


def _audit_statements(dialect: Dialect) -> tuple[Prepared, Prepared]:
    """Insert events; the events of one company, oldest first."""
    if dialect.name not in _AUDIT_STATEMENTS:
        table = tables.audit_events
        insert_events = insert(table).values(_binds(_writable(table)))
        of_company = select(table).where(table.c.company_id == bindparam("value"))
        _AUDIT_STATEMENTS[dialect.name] = (
            Prepared(insert_events, dialect),
            Prepared(of_company.order_by(table.c.number), dialect, table.c),
        )
    return _AUDIT_STATEMENTS[dialect.name]
