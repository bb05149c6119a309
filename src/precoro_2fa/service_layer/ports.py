"""What the service layer needs from a store. Adapters implement these."""

import abc
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from types import TracebackType
from typing import Protocol, Self

from precoro_2fa.domain.audit import EVERY_EVENT, AuditEvent, AuditFilter
from precoro_2fa.domain.devices import SignInThrottle
from precoro_2fa.domain.model import Company, User
from precoro_2fa.domain.notifications import Envelope, Notification
from precoro_2fa.domain.recovery import RecoveryRequest
from precoro_2fa.domain.sign_in import SignInAttempt


class ConcurrentUpdate(Exception):
    """Another transaction changed what this one read; the command is run again."""


class Users(Protocol):
    def add(self, user: User) -> None: ...
    def get(self, login: str) -> User | None: ...
    def in_company(self, company_id: str) -> list[User]: ...


class Companies(Protocol):
    def add(self, company: Company) -> None: ...
    def get(self, company_id: str) -> Company | None: ...


class RecoveryRequests(Protocol):
    def add(self, request: RecoveryRequest) -> None: ...
    def get(self, request_id: str) -> RecoveryRequest | None: ...
    def in_company(self, company_id: str) -> list[RecoveryRequest]: ...
    def count(self) -> int:
        """How many requests were ever recorded (as saved)."""
        ...

    def newest(self, skip: int, limit: int) -> list[RecoveryRequest]:
        """``limit`` requests as saved, the last recorded first, after the ``skip`` newest."""
        ...

    def waiting(self) -> list[RecoveryRequest]: ...


class SignInAttempts(Protocol):
    def add(self, attempt: SignInAttempt) -> None: ...
    def get(self, attempt_id: str) -> SignInAttempt | None: ...
    def remove_expired(self, now: datetime) -> int:
        """Forget every attempt expired at ``now`` (``SignInAttempt.is_expired``); how many."""
        ...


class SignInThrottles(Protocol):
    """Wrong passwords by login and device (``SignInThrottle.key``)."""

    def add(self, throttle: SignInThrottle) -> None: ...
    def get(self, key: str) -> SignInThrottle | None: ...
    def remove_expired(self, now: datetime, forget_after: timedelta) -> int:
        """Forget every throttle expired at ``now`` (``SignInThrottle.is_expired``); how many."""
        ...


class WebSessions(Protocol):
    """The web app's sessions, where the store's database keeps them too (``web_sessions``)."""

    def remove_expired(self, now: datetime) -> int: ...


class AuditTrail(Protocol):
    """A company's events, read a page at a time: the trail grows with every sign-in."""

    def append(self, event: AuditEvent) -> None: ...
    def in_company(self, company_id: str, chosen: AuditFilter = EVERY_EVENT) -> list[AuditEvent]:
        """The ``chosen`` events of the company, oldest first."""
        ...

    def count(self, company_id: str, chosen: AuditFilter) -> int: ...
    def newest(
        self, company_id: str, chosen: AuditFilter, skip: int, limit: int
    ) -> list[AuditEvent]:
        """``limit`` of the ``chosen`` events, the newest first, after the ``skip`` newest."""
        ...


class Outbox(Protocol):
    """Notifications queued in the transaction of the change they tell about."""

    def add(self, notification: Notification, at: datetime) -> None: ...
    def waiting(self) -> list[Envelope]: ...
    def sent(self, number: int, at: datetime) -> None: ...
    def to(self, recipient: str) -> list[Envelope]: ...


class UnitOfWork(abc.ABC):
    """One command's transaction: nothing is kept unless ``commit`` is called.

    Entities handed out by the repositories are tracked; ``commit`` saves every change
    made to them, or raises ``ConcurrentUpdate`` if another transaction got there first.
    """

    users: Users
    companies: Companies
    requests: RecoveryRequests
    attempts: SignInAttempts
    throttles: SignInThrottles
    sessions: WebSessions
    audit: AuditTrail
    outbox: Outbox
    recorded: list[AuditEvent]
    """The audit events of this transaction, logged once it is committed."""
    queued: list[Notification]
    """The notifications this transaction put in the outbox, delivered once it is committed."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


class Reading(Protocol):
    """What a page shows, read without a writer's turn, a row lock or a retry (a read model)."""

    users: Users
    companies: Companies
    requests: RecoveryRequests
    throttles: SignInThrottles
    audit: AuditTrail
    outbox: Outbox


class Store(Protocol):
    """A store: units of work for commands, and readings for what pages show."""

    def unit_of_work(self) -> UnitOfWork: ...

    def reading(self) -> AbstractContextManager[Reading]: ...
