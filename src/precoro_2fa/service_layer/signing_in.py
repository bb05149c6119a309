"""Sign in: login and password, then the 6-digit code if 2FA is on."""

import functools
from dataclasses import dataclass
from datetime import datetime

from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.codes import CodeRejected, Rejection
from precoro_2fa.domain.model import User
from precoro_2fa.domain.policy import warning_notice
from precoro_2fa.domain.sign_in import INCORRECT_LOGIN_OR_PASSWORD, SignInAttempt
from precoro_2fa.service_layer.base import ServiceBase, transactional
from precoro_2fa.service_layer.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class SignedIn:
    login: str
    notice: str | None = None


@dataclass(frozen=True, slots=True)
class CodeRequired:
    attempt_id: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class SignInRefused:
    message: str = INCORRECT_LOGIN_OR_PASSWORD


class SigningIn(ServiceBase):
    @functools.cached_property
    def _decoy_hash(self) -> str:
        """Checked when there is no hash to check, so that every refusal takes as long."""
        return self.passwords.hash("a password nobody has")

    @transactional
    def sign_in(
        self, uow: UnitOfWork, login: object, password: object
    ) -> SignedIn | CodeRequired | SignInRefused:
        user = uow.users.get(login) if isinstance(login, str) else None
        if user is None:
            self._decoy_check(password)
            return SignInRefused()
        if not self._password_ok(user, password):
            self._password_failed(uow, user)
            return SignInRefused()
        user.password_throttle.succeeded()
        if not user.two_factor.is_on:
            return self._signed_in(uow, user)
        return self._code_step(uow, user)

    @transactional
    def enter_code(
        self, uow: UnitOfWork, attempt_id: object, code: object
    ) -> SignedIn | CodeRejected:
        """The second step of one sign-in attempt; the code is checked for that user only."""
        now = self.clock.now()
        attempt = uow.attempts.get(attempt_id) if isinstance(attempt_id, str) else None
        user = None if attempt is None or not attempt.is_open(now) else uow.users.get(attempt.login)
        if attempt is None or user is None or not user.two_factor.is_on:
            return CodeRejected(Rejection.SIGN_IN_EXPIRED)
        verdict = user.two_factor.verify(code, now, self.config.code_rule)
        passed, failed = AuditKind.SIGN_IN_CODE_PASSED, AuditKind.SIGN_IN_CODE_FAILED
        self._record_code(uow, user, verdict, passed, failed)
        if isinstance(verdict, CodeRejected):
            return verdict
        attempt.completed = True
        return SignedIn(user.login)  # 2FA is on: no warning notice, no need to read the company

    def _password_failed(self, uow: UnitOfWork, user: User) -> None:
        """Count a wrong password; a try while locked is refused without prolonging the lock."""
        now = self.clock.now()
        if not user.password_throttle.is_locked(now):
            user.password_throttle.failed(now, self.config.password_rule)
        self._record(uow, AuditKind.PASSWORD_FAILED, user)

    def _password_ok(self, user: User, password: object) -> bool:
        if not isinstance(password, str) or user.password_throttle.is_locked(self.clock.now()):
            self._decoy_check(password)
            return False
        return self.passwords.verify(user.password_hash, password)

    def _decoy_check(self, password: object) -> None:
        """A refusal without a real check costs one all the same, so timing tells nothing."""
        self.passwords.verify(self._decoy_hash, str(password))

    def _code_step(self, uow: UnitOfWork, user: User) -> CodeRequired:
        expires_at = self.clock.now() + self.config.sign_in_expires_after
        attempt = SignInAttempt(self.new_id(), user.login, expires_at)
        uow.attempts.add(attempt)
        return CodeRequired(attempt.id, expires_at)

    def _signed_in(self, uow: UnitOfWork, user: User) -> SignedIn:
        return SignedIn(user.login, warning_notice(self._company(uow, user.company_id), user))
