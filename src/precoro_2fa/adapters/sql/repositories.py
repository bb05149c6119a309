"""Repositories over one connection: each entity read is tracked, and ``flush`` saves changes.

A change is written with one conditional update, ``… WHERE key = :key AND version =
:version_read``; no row updated means another transaction saved first: ``ConcurrentUpdate``.
"""

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import ColumnElement, Connection, Dialect, Table, bindparam, insert, select, update

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
from precoro_2fa.adapters.sql.prepared import DriverCursor, Prepared
from precoro_2fa.domain.audit import AuditEvent
from precoro_2fa.domain.model import Company, User
from precoro_2fa.domain.recovery import RecoveryRequest, RequestStatus
from precoro_2fa.domain.sign_in import SignInAttempt
from precoro_2fa.service_layer.ports import ConcurrentUpdate

E = TypeVar("E")


class Statements:
    """One table's statements for one dialect, compiled once for the life of the process."""

    _known: ClassVar[dict[tuple[str, str], "Statements"]] = {}

    def __init__(self, mapper: Mapper[Any], dialect: Dialect) -> None:
        table, self._dialect = mapper.table, dialect
        self._key = table.c[mapper.key_column]
        self.by_key = Prepared(select(table).where(self._key == bindparam("key")), dialect, table.c)
        self.insert = Prepared(insert(table).values(_binds(_writable(table))), dialect)
        self._updates: dict[tuple[str, ...], Prepared] = {}

    @classmethod
    def of(cls, mapper: Mapper[Any], dialect: Dialect) -> "Statements":
        known = (mapper.table.name, dialect.name)
        if known not in cls._known:
            cls._known[known] = cls(mapper, dialect)
        return cls._known[known]

    def update(self, columns: tuple[str, ...]) -> Prepared:
        """``UPDATE … SET columns, version + 1 WHERE key = :key AND version = :read_version``."""
        if columns not in self._updates:
            table = self._key.table
            changes: dict[str, Any] = {name: bindparam(f"new_{name}") for name in columns}
            changes["version"] = table.c.version + 1
            read = (self._key == bindparam("key"), table.c.version == bindparam("read_version"))
            statement = update(table).where(*read).values(changes)
            self._updates[columns] = Prepared(statement, self._dialect)
        return self._updates[columns]


def _writable(table: Table) -> list[str]:
    return [column.name for column in table.c if column.name != "number"]


def _binds(columns: list[str]) -> dict[str, Any]:
    return {name: bindparam(name) for name in columns}


class TrackedTable(Generic[E]):
    """An identity map of one table: the entity, the row it was read as, and its version."""

    def __init__(
        self, connection: Connection, cursor: DriverCursor, box: SecretBox, mapper: Mapper[E]
    ) -> None:
        self._connection, self._cursor, self._box, self._mapper = connection, cursor, box, mapper
        self._statements = Statements.of(mapper, connection.dialect)
        self._tracked: dict[str, tuple[E, Row | None, int]] = {}

    def add(self, entity: E) -> None:
        self._tracked[self._mapper.key(entity)] = (entity, None, 0)

    def get(self, key: str) -> E | None:
        if key not in self._tracked:
            row = self._cursor.one(self._statements.by_key, {"key": key})
            return None if row is None else self._track(row)
        return self._tracked[key][0]

    def where(self, condition: ColumnElement[bool], keep: Callable[[E], bool]) -> list[E]:
        """Rows saved under ``condition`` and entities tracked here, as they are now."""
        table = self._mapper.table
        query = select(table).where(condition).order_by(table.c.number)
        found = [self._track(row._mapping) for row in self._connection.execute(query)]
        found += [entity for entity, _, _ in self._tracked.values()]
        unique = {id(entity): entity for entity in found}
        return [entity for entity in unique.values() if keep(entity)]

    def flush(self) -> None:
        for key in sorted(self._tracked):
            entity, read, version = self._tracked[key]
            row = self._mapper.to_row(entity)
            if read is None:
                self._insert(key, row)
            elif row != read:
                changed = {column: value for column, value in row.items() if read[column] != value}
                self._update(key, changed, version)
            else:
                continue
            self._tracked[key] = (entity, row, self._saved(entity, version + (read is not None)))

    def _track(self, mapping: Any) -> E:
        key = mapping[self._mapper.key_column]
        if key not in self._tracked:
            row = {**mapping}
            for column in self._mapper.secrets:
                if row[column] is not None:
                    row[column] = self._box.open(row[column], self._context(column, key))
            entity = self._mapper.from_row(row)
            self._tracked[key] = (entity, self._mapper.to_row(entity), row["version"])
        return self._tracked[key][0]

    def _insert(self, key: str, row: Row) -> None:
        try:
            self._cursor.write(self._statements.insert, {**self._sealed(key, row), "version": 0})
        except self._cursor.integrity_error as error:
            raise ConcurrentUpdate(
                f"{self._mapper.table.name} {key!r} was added meanwhile"
            ) from error

    def _update(self, key: str, changed: Row, version: int) -> None:
        values = {f"new_{column}": value for column, value in self._sealed(key, changed).items()}
        statement = self._statements.update(tuple(changed))
        parameters = {"key": key, "read_version": version, **values}
        if self._cursor.write(statement, parameters) != 1:
            raise ConcurrentUpdate(f"{self._mapper.table.name} {key!r} changed meanwhile")

    def _sealed(self, key: str, row: Row) -> Row:
        sealed = dict(row)
        for column in self._mapper.secrets:
            if sealed.get(column) is not None:
                sealed[column] = self._box.seal(sealed[column], self._context(column, key))
        return sealed

    def _context(self, column: str, key: str) -> str:
        return f"{self._mapper.table.name}.{column}:{key}"

    @staticmethod
    def _saved(entity: E, version: int) -> int:
        if hasattr(entity, "version"):
            entity.version = version
        return version


class SqlUsers(TrackedTable[User]):
    def __init__(self, connection: Connection, cursor: DriverCursor, box: SecretBox) -> None:
        super().__init__(connection, cursor, box, USERS)

    def in_company(self, company_id: str) -> list[User]:
        condition = tables.users.c.company_id == company_id
        return self.where(condition, lambda user: user.company_id == company_id)


class SqlCompanies(TrackedTable[Company]):
    def __init__(self, connection: Connection, cursor: DriverCursor, box: SecretBox) -> None:
        super().__init__(connection, cursor, box, COMPANIES)


class SqlRecoveryRequests(TrackedTable[RecoveryRequest]):
    def __init__(self, connection: Connection, cursor: DriverCursor, box: SecretBox) -> None:
        super().__init__(connection, cursor, box, REQUESTS)

    def in_company(self, company_id: str) -> list[RecoveryRequest]:
        condition = tables.recovery_requests.c.company_id == company_id
        return self.where(condition, lambda request: request.company_id == company_id)

    def waiting(self) -> list[RecoveryRequest]:
        condition = tables.recovery_requests.c.status == RequestStatus.APPROVED.name
        return self.where(condition, lambda request: request.status is RequestStatus.APPROVED)


class SqlSignInAttempts(TrackedTable[SignInAttempt]):
    def __init__(self, connection: Connection, cursor: DriverCursor, box: SecretBox) -> None:
        super().__init__(connection, cursor, box, ATTEMPTS)


class SqlAuditTrail:
    """Appended events are inserted on flush; they are never changed."""

    def __init__(self, connection: Connection, cursor: DriverCursor) -> None:
        self._connection, self._cursor = connection, cursor
        self._new: list[AuditEvent] = []
        self._insert = _audit_insert(connection.dialect)

    def append(self, event: AuditEvent) -> None:
        self._new.append(event)

    def in_company(self, company_id: str) -> list[AuditEvent]:
        table = tables.audit_events
        query = select(table).where(table.c.company_id == company_id).order_by(table.c.number)
        saved = [audit_event(row._mapping) for row in self._connection.execute(query)]
        return saved + [event for event in self._new if event.company_id == company_id]

    def flush(self) -> None:
        if self._new:
            rows = [audit_row(event) for event in self._new]
            self._cursor.write_many(self._insert, rows)
            self._new.clear()


_AUDIT_INSERTS: dict[str, Prepared] = {}


def _audit_insert(dialect: Dialect) -> Prepared:
    if dialect.name not in _AUDIT_INSERTS:
        statement = insert(tables.audit_events).values(_binds(_writable(tables.audit_events)))
        _AUDIT_INSERTS[dialect.name] = Prepared(statement, dialect)
    return _AUDIT_INSERTS[dialect.name]
