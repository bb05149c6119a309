"""Sign in: login and password, then the 6-digit code if 2FA is on.

The password is checked with no transaction open: argon2 takes a core for tens of
milliseconds, and a store's turn (SQLite's one connection, a row lock) is held by no one
meanwhile. The command that follows records the outcome, and checks the lock again.
"""

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.codes import CodeRejected
from precoro_2fa.domain.exceptions import BackupCodesNotAllowed
from precoro_2fa.domain.model import User
from precoro_2fa.domain.policy import warning_notice
from precoro_2fa.domain.sign_in import INCORRECT_LOGIN_OR_PASSWORD, SIGN_IN_EXPIRED, SignInAttempt
from precoro_2fa.domain.trusted_browsers import new_trust_token
from precoro_2fa.service_layer.base import ServiceBase, retried
from precoro_2fa.service_layer.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class SignedIn:
    login: str
    notice: str | None = None
    backup_codes_left: int | None = None
    """After a backup code (beyond the article): how many unused ones remain."""
    trusted_browser: str | None = None
    """"Trust this browser" ticked (beyond the article): the token for the browser to keep
    until ``trusted_until``; Precoro keeps only its hash."""
    trusted_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class CodeRequired:
    attempt_id: str
    expires_at: datetime
    backup_codes: bool = False
    """The company allows backup codes: the code step offers one in place of the code."""
    trust_browser_days: int = 0
    """The company allows "Trust this browser" for that many days (0: not offered)."""


@dataclass(frozen=True, slots=True)
class SignInRefused:
    message: str = INCORRECT_LOGIN_OR_PASSWORD


@dataclass(frozen=True, slots=True)
class SignInExpired:
    """The code step has no open sign-in attempt (expired, completed or unknown): the login and
    password are asked for again."""

    message: str = SIGN_IN_EXPIRED


class SigningIn(ServiceBase):
    @functools.cached_property
    def _decoy_hash(self) -> str:
        """Checked when there is no hash to check, so that every refusal takes as long."""
        return self.passwords.hash("a password nobody has")

    def sign_in(
        self, login: object, password: object, trusted_browser: object = None
    ) -> SignedIn | CodeRequired | SignInRefused:
        """Read the user, check the password with no transaction open, record the outcome.

        ``trusted_browser``: the token the browser kept, if any (beyond the article); if it is
        one this user trusted, still in its period, the code step is skipped."""
        user = self._read_user(login)
        if user is None:
            self._decoy_check(password)
            return SignInRefused()
        matched = self._password_matches(user, password)
        return self._record_password_check(user.login, user.password_hash, matched, trusted_browser)

    @retried
    def enter_code(
        self, attempt_id: object, code: object, trust_browser: bool = False
    ) -> SignedIn | CodeRejected | SignInExpired:
        """The second step of one sign-in attempt; the code is checked for that user only."""
        with self._command() as uow:
            now = self.clock.now()
            attempt = uow.attempts.get(attempt_id) if isinstance(attempt_id, str) else None
            if attempt is None or not attempt.is_open(now):
                return SignInExpired()
            user = uow.users.get(attempt.login)
            if user is None or not user.two_factor.is_on:
                return SignInExpired()
            verdict = user.two_factor.verify(code, now, self.config.code_rule)
            passed, failed = AuditKind.SIGN_IN_CODE_PASSED, AuditKind.SIGN_IN_CODE_FAILED
            self._record_code(uow, user, verdict, passed, failed)
            if isinstance(verdict, CodeRejected):
                return verdict
            attempt.completed = True
            if trust_browser:
                return self._trust_browser(uow, user)
            return SignedIn(user.login)  # 2FA is on: no warning notice, no company to read

    def _trust_browser(self, uow: UnitOfWork, user: User) -> SignedIn:
        """ "Trust this browser" was ticked: a token for it, if the company allows it."""
        days = self._company(uow, user.company_id).trust_browser_days
        if days == 0:
            return SignedIn(user.login)
        now, token = self.clock.now(), new_trust_token()
        until = now + timedelta(days=days)
        user.two_factor.trusted_browsers.trust(token, now, until)
        self._record(uow, AuditKind.BROWSER_TRUSTED, user, detail=f"{days} days")
        return SignedIn(user.login, trusted_browser=token, trusted_until=until)

    @retried
    def enter_backup_code(
        self, attempt_id: object, backup_code: object
    ) -> SignedIn | CodeRejected | SignInExpired:
        """A backup code in place of the 6-digit code (beyond the article): each once, counted
        with wrong codes by the throttle; the answer says how many are left."""
        with self._command() as uow:
            now = self.clock.now()
            attempt = uow.attempts.get(attempt_id) if isinstance(attempt_id, str) else None
            if attempt is None or not attempt.is_open(now):
                return SignInExpired()
            user = uow.users.get(attempt.login)
            if user is None or not user.two_factor.is_on:
                return SignInExpired()
            if not self._company(uow, user.company_id).backup_codes:
                raise BackupCodesNotAllowed()
            two_factor, rule = user.two_factor, self.config.code_rule
            verdict = two_factor.use_backup_code(backup_code, now, rule, self.backup_code_hasher)
            self._record_code(uow, user, verdict, None, AuditKind.SIGN_IN_CODE_FAILED)
            if isinstance(verdict, CodeRejected):
                return verdict
            self._record(uow, AuditKind.BACKUP_CODE_USED, user, detail=f"{verdict.left} left")
            attempt.completed = True
            return SignedIn(user.login, backup_codes_left=verdict.left)

    def _read_user(self, login: object) -> User | None:
        with self.store.reading() as reading:
            return reading.users.get(login) if isinstance(login, str) else None

    def _password_matches(self, user: User, password: object) -> bool:
        """One argon2 check whatever the case: the user's hash, or the decoy when the account is
        locked or the password is no string."""
        if not isinstance(password, str) or user.password_throttle.is_locked(self.clock.now()):
            self._decoy_check(password)
            return False
        return self.passwords.verify(user.password_hash, password)

    def _decoy_check(self, password: object) -> None:
        """A refusal without a real check costs one all the same, so timing tells nothing."""
        self.passwords.verify(self._decoy_hash, str(password))

    @retried
    def _record_password_check(
        self, login: str, checked_hash: str, matched: bool, trusted_browser: object = None
    ) -> SignedIn | CodeRequired | SignInRefused:
        """Record the check of ``checked_hash``: a match lets in only if that is still the
        user's hash and no lock began meanwhile; anything else counts as a wrong password."""
        with self._command() as uow:
            user = uow.users.get(login)
            if user is None:
                return SignInRefused()
            now = self.clock.now()
            hash_unchanged = user.password_hash == checked_hash
            if not (matched and hash_unchanged) or user.password_throttle.is_locked(now):
                self._password_failed(uow, user)
                return SignInRefused()
            user.password_throttle.succeeded()
            if not user.two_factor.is_on:
                return self._signed_in(uow, user)
            company = self._company(uow, user.company_id)
            trusted = user.two_factor.trusted_browsers.trusts(trusted_browser, now)
            if company.trust_browser_days and trusted:
                self._record(uow, AuditKind.TRUSTED_BROWSER_SIGN_IN, user)
                return SignedIn(user.login)
            return self._code_step(uow, user)

    def _password_failed(self, uow: UnitOfWork, user: User) -> None:
        """Count a wrong password; a try while locked is refused without prolonging the lock."""
        now = self.clock.now()
        if not user.password_throttle.is_locked(now):
            user.password_throttle.failed(now, self.config.password_rule)
        self._record(uow, AuditKind.PASSWORD_FAILED, user)

    def _code_step(self, uow: UnitOfWork, user: User) -> CodeRequired:
        expires_at = self.clock.now() + self.config.sign_in_expires_after
        attempt = SignInAttempt(self.new_id(), user.login, expires_at)
        uow.attempts.add(attempt)
        company = self._company(uow, user.company_id)
        return CodeRequired(
            attempt.id, expires_at, company.backup_codes, company.trust_browser_days
        )

    def _signed_in(self, uow: UnitOfWork, user: User) -> SignedIn:
        company = self._company(uow, user.company_id)
        return SignedIn(user.login, warning_notice(company, user, self.clock.now()))
