"""Profile settings → Two-factor authentication: Turn On, Next, Confirm, Turn Off, change app."""

from dataclasses import dataclass

from precoro_2fa.domain.applications import AuthenticationApplication
from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.codes import CodeRejected, CodeVerdict
from precoro_2fa.domain.enrollment import Enrollment
from precoro_2fa.domain.exceptions import BackupCodesNotAllowed, TwoFactorAlreadyOn
from precoro_2fa.domain.model import User
from precoro_2fa.domain.policy import ensure_may_turn_off
from precoro_2fa.service_layer.base import ServiceBase, retried
from precoro_2fa.service_layer.ports import UnitOfWork
from precoro_2fa.service_layer.views import ApplicationChoice, TwoFactorView


@dataclass(frozen=True, slots=True)
class Activated:
    """Confirm turned two-factor authentication on. ``backup_codes``: shown this once, where
    the company allows them (beyond the article); Precoro keeps only their hashes."""

    backup_codes: tuple[str, ...] = ()

    @property
    def accepted(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class BackupCodesIssued:
    """New backup codes, shown this once; every earlier one no longer works."""

    backup_codes: tuple[str, ...]

    @property
    def accepted(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class ApplicationChanged:
    """Confirm completed a change of authentication application: the old one no longer works."""

    @property
    def accepted(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class Cancelled:
    """Cancel on Turn On, the QR code page or the change: ``dropped`` is the app that was being
    set up (None if none was); ``kept`` the app still in use (None: 2FA is off)."""

    dropped: AuthenticationApplication | None
    kept: AuthenticationApplication | None


class TwoFactorSetup(ServiceBase):
    def two_factor_view(self, login: str) -> TwoFactorView:
        """What Profile settings → Two-factor authentication shows (and the QR code after Next)."""
        with self.store.reading() as reading:
            user = self._user(reading, login)
            company = self._company(reading, user.company_id)
            two_factor = user.two_factor
            offered = company.backup_codes and two_factor.is_on
            left = two_factor.backup_codes.left if offered else None
            trusting = company.trust_browser_days > 0 and two_factor.is_on
            trusted = two_factor.trusted_browsers.active(self.clock.now()) if trusting else None
            return TwoFactorView(
                self._visitor(reading, user, company),
                two_factor.status,
                two_factor.application,
                two_factor.is_on and not company.required_two_factor,
                _pending(user),
                left,
                trusted,
            )

    def turn_on(self, login: str) -> ApplicationChoice:
        """Turn On: the applications to choose from (each with its notes)."""
        with self.store.reading() as reading:
            user = self._user(reading, login)
            if user.two_factor.is_on:
                raise TwoFactorAlreadyOn()
            company = self._company(reading, user.company_id)
            visitor = self._visitor(reading, user, company)
            return ApplicationChoice(visitor, tuple(AuthenticationApplication))

    @retried
    def choose_application(self, login: str, application: AuthenticationApplication) -> Enrollment:
        """Next: a fresh secret, shown as a QR code and grouped for typing by hand."""
        with self._command() as uow:
            user = self._user(uow, login)
            secret = self.new_secret()
            user.two_factor.choose_application(application, secret)
            return Enrollment(user.login, application, secret)

    @retried
    def confirm(self, login: str, code: object) -> Activated | ApplicationChanged | CodeRejected:
        """Confirm: the code from the new app turns 2FA on, or completes a change of app."""
        with self._command() as uow:
            user = self._user(uow, login)
            changing = user.two_factor.is_on
            detail = _from_to(user)
            verdict = user.two_factor.confirm(code, self.clock.now(), self.config.code_rule)
            passed = AuditKind.APPLICATION_CHANGED if changing else AuditKind.TURNED_ON
            self._record_code(uow, user, verdict, passed, AuditKind.CONFIRM_FAILED, detail)
            if isinstance(verdict, CodeRejected):
                return verdict
            if changing:
                return ApplicationChanged()
            if not self._company(uow, user.company_id).backup_codes:
                return Activated()
            return Activated(self._issue_backup_codes(uow, user))

    @retried
    def regenerate_backup_codes(self, login: str, code: object) -> BackupCodesIssued | CodeRejected:
        """After a current code: ten new backup codes replace all the earlier ones."""
        with self._command() as uow:
            user = self._user(uow, login)
            if not self._company(uow, user.company_id).backup_codes:
                raise BackupCodesNotAllowed()
            verdict = user.two_factor.verify(code, self.clock.now(), self.config.code_rule)
            self._record_code(uow, user, verdict, None, AuditKind.CODE_REFUSED)
            if isinstance(verdict, CodeRejected):
                return verdict
            return BackupCodesIssued(self._issue_backup_codes(uow, user))

    @retried
    def change_application_with_backup_code(
        self, login: str, backup_code: object, application: AuthenticationApplication
    ) -> Enrollment | CodeRejected:
        """A lost phone: a backup code instead of the current code, then the new app as in a
        change of application. 2FA stays on: a backup code never turns it off."""
        with self._command() as uow:
            user = self._user(uow, login)
            if not self._company(uow, user.company_id).backup_codes:
                raise BackupCodesNotAllowed()
            now, rule, hasher = self.clock.now(), self.config.code_rule, self.backup_code_hasher
            verdict = user.two_factor.use_backup_code(backup_code, now, rule, hasher)
            self._record_code(uow, user, verdict, None, AuditKind.CODE_REFUSED)
            if isinstance(verdict, CodeRejected):
                return verdict
            self._record(uow, AuditKind.BACKUP_CODE_USED, user, detail=f"{verdict.left} left")
            secret = self.new_secret()
            user.two_factor.start_change(application, secret)
            return Enrollment(user.login, application, secret)

    @retried
    def forget_trusted_browsers(self, login: str) -> None:
        """ "Forget trusted browsers": every browser asks for the 6-digit code again."""
        with self._command() as uow:
            user = self._user(uow, login)
            user.two_factor.trusted_browsers.forget()
            self._record(uow, AuditKind.TRUSTED_BROWSERS_FORGOTTEN, user)

    def _issue_backup_codes(self, uow: UnitOfWork, user: User) -> tuple[str, ...]:
        """Argon2id-hashes ten codes in the transaction: rare (Confirm, regenerate), ~10 hashes."""
        shown = self.new_backup_codes()
        user.two_factor.backup_codes.replace(shown, self.backup_code_hasher)
        self._record(uow, AuditKind.BACKUP_CODES_ISSUED, user, detail=f"{len(shown)} codes")
        return shown

    @retried
    def cancel(self, login: str) -> Cancelled:
        """Cancel: a pending set-up or change is dropped (and audited); 2FA stays as it was."""
        with self._command() as uow:
            user = self._user(uow, login)
            dropped = user.two_factor.cancel()
            kept = user.two_factor.application
            if dropped is not None:
                kind = AuditKind.SET_UP_CANCELLED if kept is None else AuditKind.CHANGE_CANCELLED
                self._record(uow, kind, user, detail=dropped.value)
            return Cancelled(dropped, kept)

    @retried
    def turn_off(self, login: str, code: object) -> CodeVerdict:
        """Turn Off, after a current code (re-authentication); the secret is forgotten."""
        with self._command() as uow:
            user = self._user(uow, login)
            ensure_may_turn_off(self._company(uow, user.company_id))
            application = user.two_factor.application
            detail = "" if application is None else application.value
            verdict = user.two_factor.turn_off(code, self.clock.now(), self.config.code_rule)
            passed = AuditKind.TURNED_OFF
            self._record_code(uow, user, verdict, passed, AuditKind.CODE_REFUSED, detail)
            return verdict

    @retried
    def change_application(
        self, login: str, current_code: object, application: AuthenticationApplication
    ) -> Enrollment | CodeRejected:
        """A current code, then the new app is set up beside the old one until Confirm."""
        with self._command() as uow:
            user = self._user(uow, login)
            verdict = user.two_factor.verify(current_code, self.clock.now(), self.config.code_rule)
            self._record_code(uow, user, verdict, None, AuditKind.CODE_REFUSED)
            if isinstance(verdict, CodeRejected):
                return verdict
            secret = self.new_secret()
            user.two_factor.start_change(application, secret)
            return Enrollment(user.login, application, secret)


def _from_to(user: User) -> str:
    """The audit detail of a Confirm: the app turned on, or the change "old → new"."""
    two_factor = user.two_factor
    new = "" if two_factor.pending is None else two_factor.pending.application.value
    if two_factor.application is None:
        return new
    return f"{two_factor.application.value} → {new}"


def _pending(user: User) -> Enrollment | None:
    """The app being set up, to show again; never the secret of the confirmed app."""
    pending = user.two_factor.pending
    return None if pending is None else Enrollment(user.login, pending.application, pending.secret)
