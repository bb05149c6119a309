"""Repositories over one SQLAlchemy ``Connection``: each entity read is tracked; ``flush`` saves.

A change is one conditional update, ``UPDATE … SET …, version = version + 1 WHERE key = :key
AND version = :read_version``; no row updated means another transaction saved first:
``ConcurrentUpdate``.

In a unit of work on PostgreSQL, ``get`` locks the row until the transaction ends: a user
``FOR UPDATE``, so that the commands on one account queue instead of racing (each failure
is counted, none runs out of tries); a company ``FOR SHARE``, so that its code checks do
not queue on it while an update of the company waits for them (no write skew: a Turn Off
that read "not required" commits before the tick). SQLite renders no lock clause: there a
unit of work begins with ``BEGIN IMMEDIATE`` and writers queue already. A reading locks
nothing.

Secrets are sealed here, not by a ``TypeDecorator`` on their column: a column type sees one
value, neither the row whose key the ciphertext is bound to nor the store whose key seals it
(the tables are shared by every store of the process, each with its own key).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Insert,
    Select,
    Update,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from precoro_2fa.adapters.sql import tables
from precoro_2fa.adapters.sql.encryption import SecretBox
from precoro_2fa.adapters.sql.mapping import (
    ATTEMPTS,
    COMPANIES,
    REQUESTS,
    THROTTLES,
    USERS,
    Mapper,
    Row,
    audit_event,
    audit_row,
)
from precoro_2fa.domain.audit import EVERY_EVENT, AuditEvent, AuditFilter
from precoro_2fa.domain.devices import SignInThrottle
from precoro_2fa.domain.model import Company, User
from precoro_2fa.domain.notifications import Envelope, Notification
from precoro_2fa.domain.recovery import RecoveryRequest, RequestStatus
from precoro_2fa.domain.sign_in import SignInAttempt
from precoro_2fa.service_layer.ports import ConcurrentUpdate

E = TypeVar("E")


@dataclass(frozen=True)
class Statements:
    """A table's statements by key, made once: SQLAlchemy finds each in its compiled cache
    without building it and its cache key again for every command.

    ``change`` sets ``version = version + 1`` and the columns named in its parameters, beside
    which ``key`` and ``read_version`` are bound.
    """

    get: Select[Any]
    get_locked: Select[Any]
    add: Insert
    change: Update

    @classmethod
    def of(cls, mapper: Mapper[Any], shared: bool = False) -> "Statements":
        table = mapper.table
        key = table.c[mapper.key_column] == bindparam("key")
        get = select(table).where(key)
        read = update(table).where(key, table.c.version == bindparam("read_version"))
        changed = read.values(version=table.c.version + 1)
        return cls(get, get.with_for_update(read=shared), insert(table), changed)


def secret_context(table: str, column: str, key: str) -> str:
    """The place a secret is sealed for, bound into its ciphertext: ``users.secret:<login>``."""
    return f"{table}.{column}:{key}"


class TrackedTable(Generic[E]):
    """An identity map of one table: the entity, the row it was read as, and its version.

    ``flush`` writes the columns whose value differs from the row read (or last written).
    ``locking``: ``get`` locks the row (``Statements.get_locked``).
    """

    def __init__(
        self,
        connection: Connection,
        box: SecretBox,
        mapper: Mapper[E],
        statements: Statements,
        locking: bool,
    ) -> None:
        self._connection, self._box, self._mapper = connection, box, mapper
        self._table = mapper.table
        self._get = statements.get_locked if locking else statements.get
        self._statements = statements
        self._tracked: dict[str, tuple[E, Row | None, int]] = {}

    def add(self, entity: E) -> None:
        """Save ``entity`` as a new row; one read here already is saved as a change."""
        key = self._mapper.key(entity)
        if key not in self._tracked or self._tracked[key][0] is not entity:
            self._tracked[key] = (entity, None, 0)

    def get(self, key: str) -> E | None:
        if key not in self._tracked:
            row = self._connection.execute(self._get, {"key": key}).one_or_none()
            return None if row is None else self._track(row._asdict())
        return self._tracked[key][0]

    def where(self, column: str | None, value: str, keep: Callable[[E], bool]) -> list[E]:
        """Rows saved with ``column = value`` (every row, for None) and entities tracked here,
        as they are now."""
        statement = select(self._table)
        if column is not None:
            statement = statement.where(self._table.c[column] == value)
        saved = self._connection.execute(statement.order_by(self._table.c.number))
        found = [self._track(row._asdict()) for row in saved]
        found += [entity for entity, _, _ in self._tracked.values()]
        unique = {id(entity): entity for entity in found}
        return [entity for entity in unique.values() if keep(entity)]

    def flush(self) -> None:
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
        """``row``, a dict of its own, becomes the row kept here, its secrets opened."""
        key = row[self._mapper.key_column]
        if key not in self._tracked:
            for column in self._mapper.secrets:
                if row[column] is not None:
                    row[column] = self._box.open(row[column], self._context(column, key))
            self._tracked[key] = (self._mapper.from_row(row), row, row["version"])
        return self._tracked[key][0]

    def _insert(self, key: str, row: Row) -> None:
        try:
            self._connection.execute(self._statements.add, self._sealed(key, row))
        except IntegrityError as error:
            raise ConcurrentUpdate(f"{self._table.name} {key!r} was added meanwhile") from error

    def _update(self, key: str, changed: Row, version: int) -> None:
        parameters = {**self._sealed(key, changed), "key": key, "read_version": version}
        if self._connection.execute(self._statements.change, parameters).rowcount != 1:
            raise ConcurrentUpdate(f"{self._table.name} {key!r} changed meanwhile")

    def _sealed(self, key: str, row: Row) -> Row:
        sealed = dict(row)
        for column in self._mapper.secrets:
            if row.get(column) is not None:
                sealed[column] = self._box.seal(row[column], self._context(column, key))
        return sealed

    def _context(self, column: str, key: str) -> str:
        return secret_context(self._table.name, column, key)

    @staticmethod
    def _saved(entity: E, version: int) -> int:
        if hasattr(entity, "version"):
            entity.version = version
        return version


_USERS, _COMPANIES = Statements.of(USERS), Statements.of(COMPANIES, shared=True)
_REQUESTS, _ATTEMPTS = Statements.of(REQUESTS), Statements.of(ATTEMPTS)
_THROTTLES = Statements.of(THROTTLES)
_EVENTS = tables.audit_events
_INSERT_EVENT = insert(_EVENTS)


class SqlUsers(TrackedTable[User]):
    def __init__(self, connection: Connection, box: SecretBox, locking: bool = True) -> None:
        super().__init__(connection, box, USERS, _USERS, locking)

    def in_company(self, company_id: str) -> list[User]:
        return self.where("company_id", company_id, lambda user: user.company_id == company_id)


class SqlCompanies(TrackedTable[Company]):
    def __init__(self, connection: Connection, box: SecretBox, locking: bool = True) -> None:
        super().__init__(connection, box, COMPANIES, _COMPANIES, locking)


class SqlRecoveryRequests(TrackedTable[RecoveryRequest]):
    def __init__(self, connection: Connection, box: SecretBox, locking: bool = True) -> None:
        super().__init__(connection, box, REQUESTS, _REQUESTS, locking)

    def in_company(self, company_id: str) -> list[RecoveryRequest]:
        return self.where("company_id", company_id, lambda r: r.company_id == company_id)

    def count(self) -> int:
        return self._connection.execute(select(func.count()).select_from(self._table)).scalar_one()

    def newest(self, skip: int, limit: int) -> list[RecoveryRequest]:
        statement = select(self._table).order_by(self._table.c.number.desc())
        rows = self._connection.execute(statement.offset(skip).limit(limit))
        return [self._track(row._asdict()) for row in rows]

    def waiting(self) -> list[RecoveryRequest]:
        approved = RequestStatus.APPROVED
        return self.where("status", approved.name, lambda request: request.status is approved)


class SqlSignInAttempts(TrackedTable[SignInAttempt]):
    def __init__(self, connection: Connection, box: SecretBox, locking: bool = True) -> None:
        super().__init__(connection, box, ATTEMPTS, _ATTEMPTS, locking)

    def remove_expired(self, now: datetime) -> int:
        """``SignInAttempt.is_expired`` as SQL: its code step ended at or before ``now``."""
        table = tables.sign_in_attempts
        removed = self._connection.execute(delete(table).where(table.c.expires_at <= now))
        return removed.rowcount


class SqlSignInThrottles(TrackedTable[SignInThrottle]):
    def __init__(self, connection: Connection, box: SecretBox, locking: bool = True) -> None:
        super().__init__(connection, box, THROTTLES, _THROTTLES, locking)

    def remove_expired(self, now: datetime, forget_after: timedelta) -> int:
        """``SignInThrottle.is_expired`` as SQL: not locked, no failure for ``forget_after``."""
        table = tables.sign_in_throttles
        unlocked = or_(table.c.locked_until.is_(None), table.c.locked_until <= now)
        quiet = or_(table.c.last_failure.is_(None), table.c.last_failure <= now - forget_after)
        return self._connection.execute(delete(table).where(unlocked, quiet)).rowcount


_SESSION = tables.web_sessions
_SESSION_KEY = _SESSION.c.id == bindparam("key")
_LIVE_SESSION = select(_SESSION.c.data, _SESSION.c.expires_at).where(
    _SESSION_KEY, _SESSION.c.expires_at > bindparam("now")
)
_NEW_SESSION = insert(_SESSION).values(id=bindparam("key"))
_CHANGED_SESSION = update(_SESSION).where(_SESSION_KEY)
_MOVED_SESSION = (
    update(_SESSION).where(_SESSION.c.id == bindparam("old_key")).values(id=bindparam("key"))
)
_ENDED_SESSION = delete(_SESSION).where(_SESSION_KEY)


class SqlWebSessions:
    """The web app's sessions (``tables.web_sessions``), each read or write one statement,
    made once per process (a request reads or writes its session with them)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def read(self, key: str, now: datetime) -> tuple[str, datetime] | None:
        """The data and expiry of the session ``key``, unless it has expired at ``now``."""
        found = self._connection.execute(_LIVE_SESSION, {"key": key, "now": now}).first()
        return None if found is None else (found.data, found.expires_at)

    def add(self, key: str, data: str, expires_at: datetime) -> None:
        row = {"key": key, "data": data, "expires_at": expires_at}
        self._connection.execute(_NEW_SESSION, row)

    def move(self, old_key: str, key: str, data: str, expires_at: datetime) -> bool:
        """The session ``old_key`` goes on under ``key``, changed: whether it was still there."""
        row = {"old_key": old_key, "key": key, "data": data, "expires_at": expires_at}
        return self._connection.execute(_MOVED_SESSION, row).rowcount == 1

    def change(self, key: str, data: str, expires_at: datetime) -> None:
        """A session that is no longer there (signed out meanwhile) stays gone."""
        row = {"key": key, "data": data, "expires_at": expires_at}
        self._connection.execute(_CHANGED_SESSION, row)

    def remove(self, key: str) -> None:
        self._connection.execute(_ENDED_SESSION, {"key": key})

    def remove_expired(self, now: datetime) -> int:
        expired = delete(_SESSION).where(_SESSION.c.expires_at <= now)
        return self._connection.execute(expired).rowcount


class SqlAuditTrail:
    """Appended events are inserted on flush (or before a read); they are never changed.

    Reads filter, count and page in SQL, on the indexes by company and number and by company,
    kind and number: a page of the newest events reads that page, not the company's trail."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._new: list[AuditEvent] = []

    def append(self, event: AuditEvent) -> None:
        self._new.append(event)

    def in_company(self, company_id: str, chosen: AuditFilter = EVERY_EVENT) -> list[AuditEvent]:
        statement = select(_EVENTS).where(*self._chosen(company_id, chosen))
        return self._events(statement.order_by(_EVENTS.c.number))

    def count(self, company_id: str, chosen: AuditFilter) -> int:
        statement = select(func.count()).where(*self._chosen(company_id, chosen))
        return self._connection.execute(statement).scalar_one()

    def newest(
        self, company_id: str, chosen: AuditFilter, skip: int, limit: int
    ) -> list[AuditEvent]:
        statement = select(_EVENTS).where(*self._chosen(company_id, chosen))
        return self._events(statement.order_by(_EVENTS.c.number.desc()).offset(skip).limit(limit))

    def _chosen(self, company_id: str, chosen: AuditFilter) -> list[ColumnElement[bool]]:
        """The conditions of ``chosen`` (after inserting the events appended here)."""
        self.flush()
        conditions = [_EVENTS.c.company_id == company_id]
        if chosen.person is not None:
            conditions.append(
                or_(_EVENTS.c.actor == chosen.person, _EVENTS.c.subject == chosen.person)
            )
        if chosen.kinds is not None:
            conditions.append(_EVENTS.c.kind.in_(sorted(kind.name for kind in chosen.kinds)))
        return conditions

    def _events(self, statement: Select[Any]) -> list[AuditEvent]:
        return [audit_event(row) for row in self._connection.execute(statement).mappings()]

    def flush(self) -> None:
        """A command records one or two events: each is one insert (no batch to set up)."""
        for event in self._new:
            self._connection.execute(_INSERT_EVENT, audit_row(event))
        self._new.clear()


class SqlOutbox:
    """Queued notifications are inserted on flush, delivered ones marked with their time."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._new: list[tuple[Notification, datetime]] = []
        self._delivered: dict[int, datetime] = {}

    def add(self, notification: Notification, at: datetime) -> None:
        self._new.append((notification, at))

    def waiting(self) -> list[Envelope]:
        return self._select(tables.outbox.c.sent_at.is_(None))

    def sent(self, number: int, at: datetime) -> None:
        self._delivered[number] = at

    def to(self, recipient: str) -> list[Envelope]:
        return self._select(tables.outbox.c.recipient == recipient)

    def _select(self, where: ColumnElement[bool]) -> list[Envelope]:
        table = tables.outbox
        statement = select(table).where(where).order_by(table.c.number)
        return [
            Envelope(
                row["number"],
                Notification(row["recipient"], row["subject"], row["body"]),
                row["queued_at"],
                row["sent_at"],
            )
            for row in self._connection.execute(statement).mappings()
        ]

    def flush(self) -> None:
        table = tables.outbox
        for notification, at in self._new:
            row = {
                "queued_at": at,
                "recipient": notification.recipient,
                "subject": notification.subject,
                "body": notification.body,
            }
            self._connection.execute(insert(table), row)
        for number, at in self._delivered.items():
            statement = update(table).where(table.c.number == number).values(sent_at=at)
            self._connection.execute(statement)
        self._new.clear()
        self._delivered.clear()
