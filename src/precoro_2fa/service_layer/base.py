"""What every use case shares: the store, the clock, the config, the audit trail.

A command changes something: its body runs inside ``with self._command() as uow:`` and the
method is ``@retried``, run again when another transaction changed what it read. A reading
shows something: ``with self.store.reading() as reading:``, never committed, never retried.
"""

import functools
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

import pyotp

from precoro_2fa.config import Config
from precoro_2fa.domain.audit import AuditEvent, AuditKind
from precoro_2fa.domain.backup_codes import new_backup_codes
from precoro_2fa.domain.clock import Clock
from precoro_2fa.domain.codes import BackupCodeAccepted, CodeAccepted, CodeVerdict, Rejection
from precoro_2fa.domain.exceptions import UnknownCompany, UnknownUser
from precoro_2fa.domain.model import Company, Role, User
from precoro_2fa.domain.notifications import Notification, notifications_for
from precoro_2fa.domain.passwords import PasswordHasher
from precoro_2fa.service_layer.ports import ConcurrentUpdate, Reading, Store, UnitOfWork
from precoro_2fa.service_layer.views import Visitor, visitor_of

audit_log = logging.getLogger("precoro_2fa.audit")

P = ParamSpec("P")
T = TypeVar("T")

TRIES = 8
"""How often a command is run again when another transaction changed the same rows."""


def retried(command: Callable[P, T]) -> Callable[P, T]:
    """Run ``command`` again, up to ``TRIES`` times in all, while it loses a race
    (``ConcurrentUpdate``). Everything it does before its unit of work is done again too."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(TRIES):
            try:
                return command(*args, **kwargs)
            except ConcurrentUpdate:
                if attempt == TRIES - 1:
                    raise
        raise AssertionError("unreachable")

    return run


@dataclass
class ServiceBase:
    store: Store
    clock: Clock
    config: Config
    passwords: PasswordHasher
    new_secret: Callable[[], str] = pyotp.random_base32
    new_id: Callable[[], str] = lambda: secrets.token_urlsafe(16)
    new_backup_codes: Callable[[], tuple[str, ...]] = new_backup_codes
    backup_code_hashing: PasswordHasher | None = None
    """Beyond the article: the hasher of backup codes (default: the password hasher)."""
    mailer: Callable[[Notification], None] | None = field(default=None, kw_only=True)
    """Sends one notification (SMTP); None keeps them in the outbox (the Mailbox page)."""

    @property
    def backup_code_hasher(self) -> PasswordHasher:
        return self.backup_code_hashing or self.passwords

    @contextmanager
    def _command(self) -> Iterator[UnitOfWork]:
        """A unit of work, committed if the block ends without raising; its audit events are
        logged once, after the commit."""
        with self.store.unit_of_work() as uow:
            uow.recorded, uow.queued = [], []
            yield uow
            uow.commit()
        _log(uow.recorded)
        if uow.queued:
            self.deliver_notifications()

    def deliver_notifications(self) -> int:
        """Overridden by ``Notifying``: send what waits in the outbox."""
        return 0

    def _user(self, reading: Reading, login: object) -> User:
        user = reading.users.get(login) if isinstance(login, str) else None
        if user is None:
            raise UnknownUser()
        return user

    def _admin(self, reading: Reading, login: object) -> User:
        """The user ``login``, an admin of their own company (else ``NotAnAdminOfThisCompany``)."""
        admin = self._user(reading, login)
        admin.ensure_admin_of(admin.company_id)
        return admin

    def _visitor(self, reading: Reading, user: User, company: Company) -> Visitor:
        """``user`` as the menu shows them; their company's recovery requests are read for an
        admin only (only an admin is told of those waiting)."""
        admin = user.role is Role.ADMIN
        requests = reading.requests.in_company(user.company_id) if admin else ()
        return visitor_of(user, company, self.clock.now(), requests)

    def _company(self, reading: Reading, company_id: str) -> Company:
        company = reading.companies.get(company_id)
        if company is None:
            raise UnknownCompany()
        return company

    def _record(
        self,
        uow: UnitOfWork,
        kind: AuditKind,
        actor: User,
        subject: User | None = None,
        detail: str = "",
        company_event: bool = False,
    ) -> None:
        """Audit ``kind`` done by ``actor`` to ``subject`` (default: themselves); a company
        event (the policy) concerns no one person."""
        subject = subject or actor
        now = self.clock.now()
        concerns = None if company_event else subject.login
        event = AuditEvent(now, kind, actor.login, subject.company_id, concerns, detail)
        uow.audit.append(event)
        uow.recorded.append(event)
        admins = self._admins(uow, subject.company_id) if kind is AuditKind.RESET_REQUESTED else []
        support, zone = self.config.support_address, subject.time_zone
        for notification in notifications_for(event, admins, support, zone):
            uow.outbox.add(notification, now)
            uow.queued.append(notification)

    def _admins(self, uow: UnitOfWork, company_id: str) -> list[User]:
        return [u for u in uow.users.in_company(company_id) if u.role is Role.ADMIN]

    def _record_code(
        self,
        uow: UnitOfWork,
        user: User,
        verdict: CodeVerdict | BackupCodeAccepted,
        passed: AuditKind | None,
        failed: AuditKind,
        detail: str = "",
    ) -> None:
        """Audit a code check: passed (with ``detail``), failed, replayed, and the lock a
        failure started."""
        if isinstance(verdict, CodeAccepted | BackupCodeAccepted):
            if passed is not None:
                self._record(uow, passed, user, detail=detail)
            return
        replayed = verdict.reason in (Rejection.REPLAYED, Rejection.BACKUP_CODE_USED)
        kind = AuditKind.REPLAY_REFUSED if replayed else failed
        self._record(uow, kind, user, detail=verdict.audited_as)
        if verdict.locked_until is not None and verdict.reason is not Rejection.LOCKED:
            self._record(uow, AuditKind.LOCKED, user)


def _log(events: list[AuditEvent]) -> None:
    """Log what was committed, once: never a code or a secret."""
    for event in events:
        audit_log.info("%s actor=%s company=%s", event.kind.value, event.actor, event.company_id)
