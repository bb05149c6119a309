"""The audit trail: what happened, when, by whom, in which company. Never a code or a secret."""

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class AuditKind(Enum):
    TURNED_ON = "two-factor authentication turned on"
    TURNED_OFF = "two-factor authentication turned off"
    APPLICATION_CHANGED = "authentication application changed"
    CONFIRM_FAILED = "confirm failed"
    SET_UP_CANCELLED = "set-up cancelled"
    CHANGE_CANCELLED = "change of application cancelled"
    SIGN_IN_CODE_PASSED = "sign-in with code passed"
    SIGN_IN_CODE_FAILED = "sign-in with code failed"
    CODE_REFUSED = "code refused"
    REPLAY_REFUSED = "replayed code refused"
    LOCKED = "code entry locked"
    PASSWORD_FAILED = "password refused"  # noqa: S105 (an event name, not a password)
    RESET_REQUESTED = "reset requested"
    RESET_APPROVED = "reset approved"
    RESET_REJECTED = "reset rejected"
    RESET_PERFORMED = "reset performed"
    POLICY_CHANGED = "required two-factor authentication changed"
    BACKUP_CODES_SETTING_CHANGED = "backup codes setting changed"
    BACKUP_CODES_ISSUED = "backup codes issued"
    BACKUP_CODE_USED = "backup code used"
    GRACE_PERIOD_CHANGED = "grace period changed"
    TRUST_BROWSER_SETTING_CHANGED = "trust this browser setting changed"
    BROWSER_TRUSTED = "browser trusted"
    TRUSTED_BROWSER_SIGN_IN = "sign-in from a trusted browser"
    TRUSTED_BROWSERS_FORGOTTEN = "trusted browsers forgotten"
    PASSWORD_CHANGED = "password changed"  # noqa: S105 (an event name, not a password)


@dataclass(frozen=True, slots=True)
class AuditEvent:
    at: datetime
    kind: AuditKind
    actor: str
    company_id: str
    subject: str | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """The events of a company's trail to read: by or for ``person`` (anyone, for None), of
    ``kinds`` (every kind, for None)."""

    person: str | None = None
    kinds: frozenset[AuditKind] | None = None

    def keeps(self, event: AuditEvent) -> bool:
        by_or_for = self.person is None or self.person in (event.actor, event.subject)
        return by_or_for and (self.kinds is None or event.kind in self.kinds)


EVERY_EVENT = AuditFilter()
