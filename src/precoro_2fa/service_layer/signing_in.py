"""Sign in: login and password, then the 6-digit code if 2FA is on.

The password is checked with no transaction open: argon2 takes a core for tens of
milliseconds, and a store's turn (SQLite's one connection, a row lock) is held by no one
meanwhile. The command that follows records the outcome, and checks the lock again.
"""

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.codes import CodeRejected
from precoro_2fa.domain.devices import UNTRUSTED, SignInThrottle
from precoro_2fa.domain.exceptions import BackupCodesNotAllowed, InvalidLogin
from precoro_2fa.domain.model import User, validated_login
from precoro_2fa.domain.policy import warning_notice
from precoro_2fa.domain.sign_in import (
    INCORRECT_LOGIN_OR_PASSWORD,
    SIGN_IN_BLOCKED,
    SIGN_IN_EXPIRED,
    SignInAttempt,
)
from precoro_2fa.domain.throttle import Throttle
from precoro_2fa.domain.time_zones import UTC_ZONE, time_in
from precoro_2fa.domain.trusted_browsers import new_trust_token
from precoro_2fa.service_layer.base import ServiceBase, retried
from precoro_2fa.service_layer.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class SignedIn:
    """``device``: a new id for the browser that signed in, to present at its next sign-in as
    this login (the web app keeps it in a signed cookie): its wrong passwords count apart."""

    login: str
    notice: str | None = None
    device: str = field(default="", compare=False, repr=False)
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
class SignInBlocked:
    """Too many wrong passwords for this login from this browser (or from browsers that never
    signed in as it): no password is checked until ``until``."""

    until: datetime

    @property
    def message(self) -> str:
        return self.message_in(UTC_ZONE)

    def message_in(self, zone: str) -> str:
        return SIGN_IN_BLOCKED.format(until=time_in(self.until, zone))


@dataclass(frozen=True, slots=True)
class SignInExpired:
    """The code step has no open sign-in attempt (expired, completed or unknown): the login and
    password are asked for again."""

    message: str = SIGN_IN_EXPIRED


_DEVICE = re.compile(r"[A-Za-z0-9_-]{16,64}")
"""What ``new_id`` makes: URL-safe text."""

PasswordAnswer = SignedIn | CodeRequired | SignInRefused | SignInBlocked


class SigningIn(ServiceBase):
    @functools.cached_property
    def _decoy_hash(self) -> str:
        """Checked when there is no hash to check, so that every refusal takes as long."""
        return self.passwords.hash("a password nobody has")

    def sign_in(
        self,
        login: object,
        password: object,
        device: str | None = None,
        trusted_browser: object = None,
    ) -> PasswordAnswer:
        """Read the user and the throttle, check the password with no transaction open, record
        the outcome.

        ``device``: the id ``SignedIn`` gave this browser for this login, as the web app
        verified it; None for any other browser, whose wrong passwords count in one pool.
        ``trusted_browser``: the token a trusted browser kept, if any (beyond the article); if
        this user trusted it, still in its period, the code step is skipped.
        """
        counted = counted_as(login, device)
        user, blocked = self._read_user(login, counted)
        if blocked is not None:
            return SignInBlocked(blocked)
        if user is None:
            self._decoy_check(password)
            return self._record_password_check(login, counted, None, False)
        matched = self._password_matches(user, password)
        return self._record_password_check(
            user.login, counted, user.password_hash, matched, trusted_browser
        )

    @retried
    def enter_code(
        self, attempt_id: object, code: object, trust_browser: bool = False
    ) -> SignedIn | CodeRejected | SignInExpired:
        """The second step of one sign-in attempt; the code is checked for that user only."""
        with self._command() as uow:
            now = self.clock.now()
            opened = self._open_attempt(uow, attempt_id, now)
            if opened is None:
                return SignInExpired()
            attempt, user = opened
            verdict = user.two_factor.verify(code, now, self.config.code_rule)
            passed, failed = AuditKind.SIGN_IN_CODE_PASSED, AuditKind.SIGN_IN_CODE_FAILED
            self._record_code(uow, user, verdict, passed, failed)
            if isinstance(verdict, CodeRejected):
                return verdict
            attempt.completed = True
            if trust_browser:
                return self._trust_browser(uow, user)
            return SignedIn(user.login, device=self.new_id())  # 2FA is on: no warning notice

    @staticmethod
    def _open_attempt(
        uow: UnitOfWork, attempt_id: object, now: datetime
    ) -> tuple[SignInAttempt, User] | None:
        """The open sign-in attempt ``attempt_id`` and its user with 2FA on, if there is one."""
        attempt = uow.attempts.get(attempt_id) if isinstance(attempt_id, str) else None
        if attempt is None or not attempt.is_open(now):
            return None
        user = uow.users.get(attempt.login)
        if user is None or not user.two_factor.is_on:
            return None
        return attempt, user

    def _trust_browser(self, uow: UnitOfWork, user: User) -> SignedIn:
        """ "Trust this browser" was ticked: a token for it, if the company allows it."""
        days = self._company(uow, user.company_id).trust_browser_days
        if days == 0:
            return SignedIn(user.login, device=self.new_id())
        now, token = self.clock.now(), new_trust_token()
        until = now + timedelta(days=days)
        user.two_factor.trusted_browsers.trust(token, now, until)
        self._record(uow, AuditKind.BROWSER_TRUSTED, user, detail=f"{days} days")
        return SignedIn(
            user.login, device=self.new_id(), trusted_browser=token, trusted_until=until
        )

    @retried
    def enter_backup_code(
        self, attempt_id: object, backup_code: object
    ) -> SignedIn | CodeRejected | SignInExpired:
        """A backup code in place of the 6-digit code (beyond the article): each once, counted
        with wrong codes by the throttle; the answer says how many are left."""
        with self._command() as uow:
            now = self.clock.now()
            opened = self._open_attempt(uow, attempt_id, now)
            if opened is None:
                return SignInExpired()
            attempt, user = opened
            if not self._company(uow, user.company_id).backup_codes:
                raise BackupCodesNotAllowed()
            two_factor, rule = user.two_factor, self.config.code_rule
            verdict = two_factor.use_backup_code(backup_code, now, rule, self.backup_code_hasher)
            self._record_code(uow, user, verdict, None, AuditKind.SIGN_IN_CODE_FAILED)
            if isinstance(verdict, CodeRejected):
                return verdict
            self._record(uow, AuditKind.BACKUP_CODE_USED, user, detail=f"{verdict.left} left")
            attempt.completed = True
            return SignedIn(user.login, device=self.new_id(), backup_codes_left=verdict.left)

    def _read_user(
        self, login: object, counted: SignInThrottle | None
    ) -> tuple[User | None, datetime | None]:
        """The user, if any, and the end of the block on this login and browser, if any."""
        with self.store.reading() as reading:
            user = reading.users.get(login) if isinstance(login, str) else None
            throttle = reading.throttles.get(counted.key) if counted is not None else None
        blocked = throttle.blocked_until(self.clock.now()) if throttle is not None else None
        return user, blocked

    def _password_matches(self, user: User, password: object) -> bool:
        """One argon2 check: the user's hash, or the decoy when the password is no string."""
        if not isinstance(password, str):
            self._decoy_check(password)
            return False
        return self.passwords.verify(user.password_hash, password)

    def _decoy_check(self, password: object) -> None:
        """A refusal without a real check costs one all the same, so timing tells nothing."""
        self.passwords.verify(self._decoy_hash, str(password))

    @retried
    def _record_password_check(
        self,
        login: object,
        counted: SignInThrottle | None,
        checked_hash: str | None,
        matched: bool,
        trusted_browser: object = None,
    ) -> PasswordAnswer:
        """Record the check of ``checked_hash``: a match lets in only if that is still the
        user's hash and no block began meanwhile; anything else counts as a wrong password."""
        with self._command() as uow:
            throttle = self._throttle(uow, counted)
            now = self.clock.now()
            blocked = throttle.blocked_until(now) if throttle is not None else None
            if blocked is not None:
                return SignInBlocked(blocked)
            user = uow.users.get(login) if isinstance(login, str) else None
            if user is None or not matched or user.password_hash != checked_hash:
                return self._password_failed(uow, throttle, user)
            if throttle is not None:
                throttle.succeeded()
            if not user.two_factor.is_on:
                return self._signed_in(uow, user)
            company = self._company(uow, user.company_id)
            trusted = user.two_factor.trusted_browsers.trusts(trusted_browser, now)
            if company.trust_browser_days and trusted:
                self._record(uow, AuditKind.TRUSTED_BROWSER_SIGN_IN, user)
                return SignedIn(user.login, device=self.new_id())
            return self._code_step(uow, user)

    def _throttle(self, uow: UnitOfWork, counted: SignInThrottle | None) -> SignInThrottle | None:
        """The saved throttle of ``counted``'s login and browser, or a fresh copy of ``counted``
        (added by a wrong password only: a browser's first right one saves nothing)."""
        if counted is None:
            return None
        return uow.throttles.get(counted.key) or replace(counted, throttle=Throttle())

    def _password_failed(
        self, uow: UnitOfWork, throttle: SignInThrottle | None, user: User | None
    ) -> SignInRefused | SignInBlocked:
        """Count a wrong password for the login and browser; the one that starts a block says so."""
        if user is not None:
            self._record(uow, AuditKind.PASSWORD_FAILED, user)
        if throttle is None:
            return SignInRefused()
        now = self.clock.now()
        config = self.config
        throttle.failed(now, config.password_rule, config.password_failures_forgotten_after)
        uow.throttles.add(throttle)
        blocked = throttle.blocked_until(now)
        return SignInRefused() if blocked is None else SignInBlocked(blocked)

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
        notice = warning_notice(company, user, self.clock.now())
        return SignedIn(user.login, notice, self.new_id())


def counted_as(login: object, device: str | None) -> SignInThrottle | None:
    """A fresh throttle of this login and browser (the key to look for); None for text that is
    no login (it cannot be anyone's, so no one needs it counted). A device that is not an id
    ``SignedIn`` could have given counts as an untrusted browser."""
    try:
        login = validated_login(login)
    except InvalidLogin:
        return None
    trusted = isinstance(device, str) and _DEVICE.fullmatch(device) is not None
    return SignInThrottle(login, device if trusted and device else UNTRUSTED)
