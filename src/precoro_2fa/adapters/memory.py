"""The in-memory store: thread-safe, one unit of work at a time, nothing kept without commit.

A commit stores copies and never changes a stored entity afterwards: it puts new copies in
its place. So a reading's snapshot copies the tables' dicts, not their entities, and needs
no writer's turn.
"""

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import TracebackType
from typing import Generic, Self, TypeVar

from precoro_2fa.domain.audit import EVERY_EVENT, AuditEvent, AuditFilter
from precoro_2fa.domain.devices import SignInThrottle
from precoro_2fa.domain.model import Company, User
from precoro_2fa.domain.notifications import Envelope, Notification
from precoro_2fa.domain.recovery import RecoveryRequest, RequestStatus
from precoro_2fa.domain.sign_in import SignInAttempt
from precoro_2fa.service_layer.ports import Reading, UnitOfWork

E = TypeVar("E")


@dataclass
class InMemoryStore:
    """``lock``: a unit of work's turn, from start to end. ``published``: held while a commit
    stores its changes and while a reading takes its snapshot, both short."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    published: threading.Lock = field(default_factory=threading.Lock)
    users: dict[str, User] = field(default_factory=dict)
    companies: dict[str, Company] = field(default_factory=dict)
    requests: dict[str, RecoveryRequest] = field(default_factory=dict)
    attempts: dict[str, SignInAttempt] = field(default_factory=dict)
    throttles: dict[str, SignInThrottle] = field(default_factory=dict)
    audit: list[AuditEvent] = field(default_factory=list)
    outbox: list[Envelope] = field(default_factory=list)

    def unit_of_work(self) -> "InMemoryUnitOfWork":
        return InMemoryUnitOfWork(self)

    def reading(self) -> "InMemoryReading":
        return InMemoryReading(self)


class _Table(Generic[E]):
    """Hands out copies and remembers them; ``flush`` writes them back, and drops the removed."""

    def __init__(self, rows: dict[str, E], key: Callable[[E], str]) -> None:
        self._rows, self._key = rows, key
        self._seen: dict[str, E] = {}
        self._removed: set[str] = set()

    def add(self, entity: E) -> None:
        self._seen[self._key(entity)] = entity
        self._removed.discard(self._key(entity))

    def get(self, key: str) -> E | None:
        if key not in self._seen:
            row = self._rows.get(key)
            if row is None or key in self._removed:
                return None
            self._seen[key] = copy.deepcopy(row)
        return self._seen[key]

    def where(self, keep: Callable[[E], bool]) -> list[E]:
        found = [self.get(key) for key in list(self._rows) + list(self._seen)]
        return list({self._key(e): e for e in found if e is not None and keep(e)}.values())

    def remove(self, entity: E) -> None:
        self._seen.pop(self._key(entity), None)
        self._removed.add(self._key(entity))

    def flush(self) -> None:
        """Stores copies, so that an entity a command returns cannot change the store."""
        self._rows.update(copy.deepcopy(self._seen))
        for key in self._removed:
            self._rows.pop(key, None)
        self._seen.clear()
        self._removed.clear()

    def forget(self) -> None:
        self._seen.clear()
        self._removed.clear()


class _Users(_Table[User]):
    def in_company(self, company_id: str) -> list[User]:
        return self.where(lambda user: user.company_id == company_id)


class _Requests(_Table[RecoveryRequest]):
    def in_company(self, company_id: str) -> list[RecoveryRequest]:
        return self.where(lambda request: request.company_id == company_id)

    def count(self) -> int:
        return len(self._rows)

    def newest(self, skip: int, limit: int) -> list[RecoveryRequest]:
        keys = list(reversed(self._rows))[skip : skip + limit]
        return [request for request in map(self.get, keys) if request is not None]

    def waiting(self) -> list[RecoveryRequest]:
        return self.where(lambda request: request.status is RequestStatus.APPROVED)


class _Attempts(_Table[SignInAttempt]):
    def remove_expired(self, now: datetime) -> int:
        expired = self.where(lambda attempt: attempt.is_expired(now))
        for attempt in expired:
            self.remove(attempt)
        return len(expired)


class _Throttles(_Table[SignInThrottle]):
    def remove_expired(self, now: datetime, forget_after: timedelta) -> int:
        expired = self.where(lambda throttle: throttle.is_expired(now, forget_after))
        for throttle in expired:
            self.remove(throttle)
        return len(expired)


class _NoSessions:
    """The in-memory store keeps no web sessions (the app's own cache expires them)."""

    def remove_expired(self, now: datetime) -> int:
        return 0


class _Audit:
    def __init__(self, events: list[AuditEvent]) -> None:
        self._events = events
        self.new: list[AuditEvent] = []

    def append(self, event: AuditEvent) -> None:
        self.new.append(event)

    def in_company(self, company_id: str, chosen: AuditFilter = EVERY_EVENT) -> list[AuditEvent]:
        every = self._events + self.new
        return [e for e in every if e.company_id == company_id and chosen.keeps(e)]

    def count(self, company_id: str, chosen: AuditFilter) -> int:
        return len(self.in_company(company_id, chosen))

    def newest(
        self, company_id: str, chosen: AuditFilter, skip: int, limit: int
    ) -> list[AuditEvent]:
        return self.in_company(company_id, chosen)[::-1][skip : skip + limit]


class _Outbox:
    """Queued notifications are numbered on commit; ``sent`` marks one as delivered."""

    def __init__(self, envelopes: list[Envelope]) -> None:
        self._envelopes = envelopes
        self.new: list[tuple[Notification, datetime]] = []
        self.delivered: dict[int, datetime] = {}

    def add(self, notification: Notification, at: datetime) -> None:
        self.new.append((notification, at))

    def waiting(self) -> list[Envelope]:
        return [e for e in self._envelopes if e.sent_at is None]

    def sent(self, number: int, at: datetime) -> None:
        self.delivered[number] = at

    def to(self, recipient: str) -> list[Envelope]:
        return [e for e in self._envelopes if e.notification.recipient == recipient]

    def flush(self, into: list[Envelope]) -> None:
        into[:] = [replace(e, sent_at=self.delivered.get(e.number, e.sent_at)) for e in into]
        start = len(into) + 1
        into.extend(Envelope(start + n, note, at) for n, (note, at) in enumerate(self.new))
        self.forget()

    def forget(self) -> None:
        self.new.clear()
        self.delivered.clear()


class InMemoryUnitOfWork(UnitOfWork):
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    def __enter__(self) -> Self:
        self._store.lock.acquire()
        store = self._store
        self._tables: list[
            _Table[User]
            | _Table[Company]
            | _Table[RecoveryRequest]
            | _Table[SignInAttempt]
            | _Table[SignInThrottle]
        ]
        self.users = users = _Users(store.users, lambda user: user.login)
        self.companies = companies = _Table(store.companies, lambda company: company.id)
        self.requests = requests = _Requests(store.requests, lambda request: request.id)
        self.attempts = attempts = _Attempts(store.attempts, lambda attempt: attempt.id)
        self.throttles = throttles = _Throttles(store.throttles, lambda throttle: throttle.key)
        self.sessions = _NoSessions()
        self._tables = [users, companies, requests, attempts, throttles]
        self.audit = self._audit = _Audit(store.audit)
        self.outbox = self._outbox = _Outbox(store.outbox)
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
            self._store.lock.release()

    def commit(self) -> None:
        with self._store.published:
            for table in self._tables:
                table.flush()
            self._outbox.flush(self._store.outbox)
            self._store.audit.extend(self._audit.new)
        self._audit.new.clear()

    def rollback(self) -> None:
        for table in self._tables:
            table.forget()
        self._audit.new.clear()
        self._outbox.forget()


class InMemoryReading(Reading):
    """What a page shows: the tables as the last commit left them, when the reading began.

    An entity handed out is still a copy (``_Table.get``): the caller may change it, and the
    snapshot shares the stored entities. A reading never commits.
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    def __enter__(self) -> Self:
        store = self._store
        with store.published:
            self.users = _Users(dict(store.users), lambda user: user.login)
            self.companies = _Table(dict(store.companies), lambda company: company.id)
            self.requests = _Requests(dict(store.requests), lambda request: request.id)
            self.throttles = _Throttles(dict(store.throttles), lambda throttle: throttle.key)
            self.audit = _Audit(list(store.audit))
            self.outbox = _Outbox(list(store.outbox))
        return self

    def __exit__(self, *_: object) -> None:
        """Nothing to give back: the snapshot is the reading's own."""
