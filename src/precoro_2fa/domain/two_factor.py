"""The 2FA settings of one user: Turn On, Confirm, sign-in codes, Turn Off, change of app, reset."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum

from precoro_2fa.domain.applications import AuthenticationApplication
from precoro_2fa.domain.authenticator import Authenticator
from precoro_2fa.domain.backup_codes import BackupCodes, parse_backup_code
from precoro_2fa.domain.codes import (
    BackupCodeAccepted,
    CodeAccepted,
    CodeRejected,
    CodeVerdict,
    Rejection,
    parse_code,
)
from precoro_2fa.domain.exceptions import NoApplicationChosen, TwoFactorAlreadyOn, TwoFactorIsOff
from precoro_2fa.domain.passwords import PasswordHasher
from precoro_2fa.domain.throttle import Throttle, ThrottleRule
from precoro_2fa.domain.trusted_browsers import TrustedBrowsers


class TwoFactorStatus(Enum):
    OFF = "off"
    WAITING_FOR_CONFIRMATION = "waiting for confirmation"
    ON = "on"


@dataclass(slots=True)
class TwoFactorSettings:
    """``authenticator`` is the confirmed app; ``pending`` one shown after Next, not yet confirmed.

    While 2FA is on, ``pending`` is a new app being set up to replace the current one
    (change of authentication application): the current app keeps working until Confirm.
    ``throttle`` counts consecutive wrong or replayed codes for the account, whatever the
    screen, and wrong backup codes with them; a malformed input is refused without counting,
    since it can never be a guess. ``backup_codes``: their hashes, while 2FA is on.
    """

    authenticator: Authenticator | None = None
    pending: Authenticator | None = None
    throttle: Throttle = field(default_factory=Throttle)
    backup_codes: BackupCodes = field(default_factory=BackupCodes)
    trusted_browsers: TrustedBrowsers = field(default_factory=TrustedBrowsers)

    @property
    def is_on(self) -> bool:
        return self.authenticator is not None

    @property
    def status(self) -> TwoFactorStatus:
        if self.is_on:
            return TwoFactorStatus.ON
        if self.pending is not None:
            return TwoFactorStatus.WAITING_FOR_CONFIRMATION
        return TwoFactorStatus.OFF

    @property
    def application(self) -> AuthenticationApplication | None:
        return None if self.authenticator is None else self.authenticator.application

    def choose_application(self, application: AuthenticationApplication, secret: str) -> None:
        if self.is_on:
            raise TwoFactorAlreadyOn()
        self.pending = Authenticator(application, secret)

    def start_change(self, application: AuthenticationApplication, secret: str) -> None:
        """After the current app's code was accepted: set up the new app beside it."""
        if not self.is_on:
            raise TwoFactorIsOff()
        self.pending = Authenticator(application, secret)

    def confirm(self, code: object, now: datetime, rule: ThrottleRule) -> CodeVerdict:
        if self.pending is None:
            raise TwoFactorAlreadyOn() if self.is_on else NoApplicationChosen()
        verdict = self._check(self.pending, code, now, rule)
        if verdict.accepted:
            self.authenticator, self.pending = self.pending, None
            self.trusted_browsers.forget()  # a new app: every browser asks for its code again
        return verdict

    def verify(self, code: object, now: datetime, rule: ThrottleRule) -> CodeVerdict:
        if self.authenticator is None:
            raise TwoFactorIsOff()
        return self._check(self.authenticator, code, now, rule)

    def turn_off(self, code: object, now: datetime, rule: ThrottleRule) -> CodeVerdict:
        verdict = self.verify(code, now, rule)
        if verdict.accepted:
            self.reset()
        return verdict

    def cancel(self) -> AuthenticationApplication | None:
        """Cancel: the app being set up is forgotten (a change keeps the current app).

        Which app was dropped; None when nothing was being set up.
        """
        if self.pending is None:
            return None
        dropped, self.pending = self.pending.application, None
        return dropped

    def reset(self) -> None:
        """Forget every secret, backup code and trusted browser, and lift any lock."""
        self.authenticator = None
        self.pending = None
        self.backup_codes.forget()
        self.trusted_browsers.forget()
        self.throttle.succeeded()

    def use_backup_code(
        self, raw: object, now: datetime, rule: ThrottleRule, hasher: PasswordHasher
    ) -> BackupCodeAccepted | CodeRejected:
        """A backup code in place of the 6-digit code: each once; a wrong one is a failure."""
        if self.authenticator is None:
            raise TwoFactorIsOff()
        if self.throttle.is_locked(now):
            return CodeRejected(Rejection.LOCKED, self.throttle.locked_until)
        typed = parse_backup_code(raw)
        code = None if typed is None else self.backup_codes.matching(typed, hasher)
        if code is None:
            return self._fail(Rejection.BACKUP_CODE_WRONG, now, rule)
        if code.used:
            return self._fail(Rejection.BACKUP_CODE_USED, now, rule)
        code.used = True
        self.throttle.succeeded()
        return BackupCodeAccepted(self.backup_codes.left)

    def _check(
        self, authenticator: Authenticator, raw: object, now: datetime, rule: ThrottleRule
    ) -> CodeVerdict:
        if self.throttle.is_locked(now):
            return CodeRejected(Rejection.LOCKED, self.throttle.locked_until)
        code = parse_code(raw)
        if code is None:  # never a guess, so it does not count toward the lock
            return CodeRejected(Rejection.MALFORMED)
        step = authenticator.matching_step(code, now)
        if step is None:
            if authenticator.was_used(code, now):
                return self._fail(Rejection.REPLAYED, now, rule)
            expired = authenticator.was_expired(code, now)
            return replace(self._fail(Rejection.WRONG, now, rule), expired=expired)
        authenticator.use(step)
        self.throttle.succeeded()
        return CodeAccepted(step)

    def _fail(self, reason: Rejection, now: datetime, rule: ThrottleRule) -> CodeRejected:
        return CodeRejected(reason, self.throttle.failed(now, rule))
