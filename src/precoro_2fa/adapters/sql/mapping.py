"""Entities to rows and back. A row here is plain: secrets are sealed only on the way out."""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Table

from precoro_2fa.adapters.sql import tables
from precoro_2fa.domain.applications import AuthenticationApplication
from precoro_2fa.domain.audit import AuditEvent, AuditKind
from precoro_2fa.domain.authenticator import Authenticator
from precoro_2fa.domain.backup_codes import BackupCode, BackupCodes
from precoro_2fa.domain.devices import SignInThrottle
from precoro_2fa.domain.model import Company, Role, User
from precoro_2fa.domain.recovery import Channel, RecoveryRequest, RequestStatus
from precoro_2fa.domain.sign_in import SignInAttempt
from precoro_2fa.domain.throttle import Throttle
from precoro_2fa.domain.trusted_browsers import TrustedBrowser, TrustedBrowsers
from precoro_2fa.domain.two_factor import TwoFactorSettings

E = TypeVar("E")
Row = dict[str, Any]


@dataclass(frozen=True)
class Mapper(Generic[E]):
    table: Table
    key_column: str
    key: Callable[[E], str]
    to_row: Callable[[E], Row]
    from_row: Callable[[Mapping[str, Any]], E]
    secrets: tuple[str, ...] = ()


def _company_row(company: Company) -> Row:
    return {
        "id": company.id,
        "name": company.name,
        "required_two_factor": company.required_two_factor,
        "backup_codes": company.backup_codes,
        "grace_period_hours": company.grace_period_hours,
        "required_since": company.required_since,
        "trust_browser_days": company.trust_browser_days,
    }


def _company(row: Mapping[str, Any]) -> Company:
    return Company(
        row["id"],
        row["name"],
        row["required_two_factor"],
        row["version"],
        backup_codes=row["backup_codes"],
        grace_period_hours=row["grace_period_hours"],
        required_since=row["required_since"],
        trust_browser_days=row["trust_browser_days"],
    )


@dataclass(frozen=True)
class _AuthenticatorColumns:
    """The three columns of one authenticator of a user: the confirmed one or the pending one."""

    application: str
    secret: str
    last_used_step: str

    def to_row(self, authenticator: Authenticator | None) -> Row:
        if authenticator is None:
            return {self.application: None, self.secret: None, self.last_used_step: None}
        return {
            self.application: authenticator.application.name,
            self.secret: authenticator.secret,
            self.last_used_step: authenticator.last_used_step,
        }

    def from_row(self, row: Mapping[str, Any]) -> Authenticator | None:
        if row[self.application] is None:
            return None
        application = AuthenticationApplication[row[self.application]]
        return Authenticator(application, row[self.secret], row[self.last_used_step])


_CONFIRMED = _AuthenticatorColumns("application", "secret", "last_used_step")
_PENDING = _AuthenticatorColumns("pending_application", "pending_secret", "pending_last_used_step")


def _user_row(user: User) -> Row:
    settings = user.two_factor
    return {
        "login": user.login,
        "company_id": user.company_id,
        "role": user.role.name,
        "password_hash": user.password_hash,
        **_CONFIRMED.to_row(settings.authenticator),
        **_PENDING.to_row(settings.pending),
        "code_failures": settings.throttle.failures,
        "code_locked_until": settings.throttle.locked_until,
        "backup_codes": _backup_codes_text(settings.backup_codes),
        "trusted_browsers": _trusted_browsers_text(settings.trusted_browsers),
        "time_zone": user.time_zone,
    }


def _trusted_browsers_text(trusted: TrustedBrowsers) -> str:
    """The SHA-256 of each token and until when, as JSON (never a token itself)."""
    browsers = [[browser.token_hash, browser.until.isoformat()] for browser in trusted.browsers]
    return json.dumps(browsers) if browsers else ""


def _trusted_browsers(text: str) -> TrustedBrowsers:
    return TrustedBrowsers(
        [
            TrustedBrowser(hash_, datetime.fromisoformat(until))
            for hash_, until in json.loads(text or "[]")
        ]
    )


def _backup_codes_text(codes: BackupCodes) -> str:
    """The hashes and whether each was used, as JSON (never a code itself)."""
    return json.dumps([[code.hash, code.used] for code in codes.codes]) if codes.codes else ""


def _backup_codes(text: str) -> BackupCodes:
    return BackupCodes([BackupCode(hash_, used) for hash_, used in json.loads(text or "[]")])


def _user(row: Mapping[str, Any]) -> User:
    two_factor = TwoFactorSettings(
        _CONFIRMED.from_row(row),
        _PENDING.from_row(row),
        Throttle(row["code_failures"], row["code_locked_until"]),
        _backup_codes(row["backup_codes"]),
        _trusted_browsers(row["trusted_browsers"]),
    )
    return User(
        row["login"],
        row["company_id"],
        Role[row["role"]],
        row["password_hash"],
        two_factor,
        row["version"],
        row["time_zone"],
    )


def _request_row(request: RecoveryRequest) -> Row:
    return {
        "id": request.id,
        "login": request.login,
        "company_id": request.company_id,
        "channel": request.channel.name,
        "recorded_by": request.recorded_by,
        "recorded_at": request.recorded_at,
        "status": request.status.name,
        "decided_by": request.decided_by,
        "decided_at": request.decided_at,
        "reset_by": request.reset_by,
        "reset_at": request.reset_at,
    }


def _request(row: Mapping[str, Any]) -> RecoveryRequest:
    return RecoveryRequest(
        row["id"],
        row["login"],
        row["company_id"],
        Channel[row["channel"]],
        row["recorded_by"],
        row["recorded_at"],
        RequestStatus[row["status"]],
        row["decided_by"],
        row["decided_at"],
        row["reset_by"],
        row["reset_at"],
        row["version"],
    )


def _attempt_row(attempt: SignInAttempt) -> Row:
    return {
        "id": attempt.id,
        "login": attempt.login,
        "expires_at": attempt.expires_at,
        "completed": attempt.completed,
    }


def _attempt(row: Mapping[str, Any]) -> SignInAttempt:
    return SignInAttempt(row["id"], row["login"], row["expires_at"], row["completed"])


def _throttle_row(throttle: SignInThrottle) -> Row:
    return {
        "id": throttle.key,
        "login": throttle.login,
        "device": throttle.device,
        "failures": throttle.throttle.failures,
        "locked_until": throttle.throttle.locked_until,
        "last_failure": throttle.last_failure,
    }


def _throttle(row: Mapping[str, Any]) -> SignInThrottle:
    throttle = Throttle(row["failures"], row["locked_until"])
    return SignInThrottle(
        row["login"], row["device"], throttle, row["last_failure"], row["version"]
    )


def audit_row(event: AuditEvent) -> Row:
    return {
        "at": event.at,
        "kind": event.kind.name,
        "actor": event.actor,
        "company_id": event.company_id,
        "subject": event.subject,
        "detail": event.detail,
    }


def audit_event(row: Mapping[Any, Any]) -> AuditEvent:
    return AuditEvent(
        row["at"],
        AuditKind[row["kind"]],
        row["actor"],
        row["company_id"],
        row["subject"],
        row["detail"],
    )


COMPANIES = Mapper(tables.companies, "id", lambda c: c.id, _company_row, _company)
USERS = Mapper(
    tables.users, "login", lambda u: u.login, _user_row, _user, ("secret", "pending_secret")
)
REQUESTS = Mapper(tables.recovery_requests, "id", lambda r: r.id, _request_row, _request)
ATTEMPTS = Mapper(tables.sign_in_attempts, "id", lambda a: a.id, _attempt_row, _attempt)
THROTTLES = Mapper(tables.sign_in_throttles, "id", lambda t: t.key, _throttle_row, _throttle)
