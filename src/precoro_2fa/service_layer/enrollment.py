"""Profile settings → Two-factor authentication: Turn On, Next, Confirm, Turn Off, change app."""

from dataclasses import dataclass

from precoro_2fa.domain.applications import AuthenticationApplication
from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.codes import CodeRejected, CodeVerdict
from precoro_2fa.domain.enrollment import Enrollment
from precoro_2fa.domain.exceptions import TwoFactorAlreadyOn
from precoro_2fa.domain.policy import ensure_may_turn_off, warning_notice
from precoro_2fa.domain.two_factor import TwoFactorStatus
from precoro_2fa.service_layer.base import ServiceBase, transactional
from precoro_2fa.service_layer.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class TwoFactorPage:
    """What Profile settings → Two-factor authentication shows."""

    status: TwoFactorStatus
    application: AuthenticationApplication | None
    notice: str | None
    can_turn_off: bool


class TwoFactorSettingsPage(ServiceBase):
    @transactional
    def two_factor_page(self, uow: UnitOfWork, login: str) -> TwoFactorPage:
        user = self._user(uow, login)
        company = self._company(uow, user.company_id)
        settings = user.two_factor
        return TwoFactorPage(
            settings.status,
            settings.application,
            warning_notice(company, user),
            settings.is_on and not company.required_two_factor,
        )

    @transactional
    def turn_on(self, uow: UnitOfWork, login: str) -> tuple[AuthenticationApplication, ...]:
        """Turn On: the applications to choose from (each with its notes)."""
        if self._user(uow, login).two_factor.is_on:
            raise TwoFactorAlreadyOn()
        return tuple(AuthenticationApplication)

    @transactional
    def choose_application(
        self, uow: UnitOfWork, login: str, application: AuthenticationApplication
    ) -> Enrollment:
        """Next: a fresh secret, shown as a QR code and grouped for typing by hand."""
        user = self._user(uow, login)
        secret = self.new_secret()
        user.two_factor.choose_application(application, secret)
        return Enrollment(user.login, application, secret)

    @transactional
    def pending_enrollment(self, uow: UnitOfWork, login: str) -> Enrollment | None:
        """The app being set up, to show again; never the secret of the confirmed app."""
        user = self._user(uow, login)
        pending = user.two_factor.pending
        if pending is None:
            return None
        return Enrollment(user.login, pending.application, pending.secret)

    @transactional
    def confirm(self, uow: UnitOfWork, login: str, code: object) -> CodeVerdict:
        """Confirm: the code from the new app turns 2FA on (or completes a change of app)."""
        user = self._user(uow, login)
        changing = user.two_factor.is_on
        verdict = user.two_factor.confirm(code, self.clock.now(), self.config.code_rule)
        passed = AuditKind.APPLICATION_CHANGED if changing else AuditKind.TURNED_ON
        self._record_code(uow, user, verdict, passed, AuditKind.CONFIRM_FAILED)
        return verdict

    @transactional
    def turn_off(self, uow: UnitOfWork, login: str, code: object) -> CodeVerdict:
        """Turn Off, after a current code (re-authentication); the secret is forgotten."""
        user = self._user(uow, login)
        ensure_may_turn_off(self._company(uow, user.company_id))
        verdict = user.two_factor.turn_off(code, self.clock.now(), self.config.code_rule)
        self._record_code(uow, user, verdict, AuditKind.TURNED_OFF, AuditKind.CODE_REFUSED)
        return verdict

    @transactional
    def change_application(
        self,
        uow: UnitOfWork,
        login: str,
        current_code: object,
        application: AuthenticationApplication,
    ) -> Enrollment | CodeRejected:
        """A current code, then the new app is set up beside the old one until Confirm."""
        user = self._user(uow, login)
        verdict = user.two_factor.verify(current_code, self.clock.now(), self.config.code_rule)
        self._record_code(uow, user, verdict, None, AuditKind.CODE_REFUSED)
        if isinstance(verdict, CodeRejected):
            return verdict
        secret = self.new_secret()
        user.two_factor.start_change(application, secret)
        return Enrollment(user.login, application, secret)
