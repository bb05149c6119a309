"""Configuration → Account Settings: Required two-factor authentication, the options beyond the
article (each off by default), and the audit log."""

from precoro_2fa.domain.audit import AuditEvent, AuditKind
from precoro_2fa.domain.exceptions import TrustPeriodOutOfRange
from precoro_2fa.domain.model import Company, User
from precoro_2fa.domain.policy import ensure_grace_period_in_range
from precoro_2fa.domain.trusted_browsers import LONGEST_TRUST_DAYS
from precoro_2fa.service_layer.base import ServiceBase, retried
from precoro_2fa.service_layer.ports import UnitOfWork
from precoro_2fa.service_layer.views import AccountOptions


class CompanyPolicy(ServiceBase):
    @retried
    def update_account_settings(
        self,
        admin_login: str,
        required_two_factor: bool,
        *,
        backup_codes: bool | None = None,
        grace_period_hours: int | None = None,
        trust_browser_days: int | None = None,
    ) -> None:
        """The admin ticks (or unticks) the boxes and presses Update. An option left None is
        kept as it is."""
        with self._command() as uow:
            admin = self._user(uow, admin_login)
            admin.ensure_admin_of(admin.company_id)
            company = self._company(uow, admin.company_id)
            if grace_period_hours is not None:
                self._update_grace_period(uow, admin, company, grace_period_hours)
            if company.required_two_factor != required_two_factor:
                company.required_two_factor = required_two_factor
                company.required_since = self.clock.now() if required_two_factor else None
                detail = "ticked" if required_two_factor else "unticked"
                self._record(uow, AuditKind.POLICY_CHANGED, admin, detail=detail)
            self._update_options(uow, admin, company, backup_codes)
            if trust_browser_days is not None:
                self._update_trust_period(uow, admin, company, trust_browser_days)

    def _update_trust_period(
        self, uow: UnitOfWork, admin: User, company: Company, days: int
    ) -> None:
        if not 0 <= days <= LONGEST_TRUST_DAYS:
            raise TrustPeriodOutOfRange(LONGEST_TRUST_DAYS)
        if company.trust_browser_days != days:
            company.trust_browser_days = days
            kind = AuditKind.TRUST_BROWSER_SETTING_CHANGED
            self._record(uow, kind, admin, detail=f"{days} days")

    def _update_grace_period(
        self, uow: UnitOfWork, admin: User, company: Company, hours: int
    ) -> None:
        ensure_grace_period_in_range(hours)
        if company.grace_period_hours != hours:
            company.grace_period_hours = hours
            self._record(uow, AuditKind.GRACE_PERIOD_CHANGED, admin, detail=f"{hours} hours")

    def _update_options(
        self, uow: UnitOfWork, admin: User, company: Company, backup_codes: bool | None
    ) -> None:
        if backup_codes is not None and company.backup_codes != backup_codes:
            company.backup_codes = backup_codes
            detail = "ticked" if backup_codes else "unticked"
            self._record(uow, AuditKind.BACKUP_CODES_SETTING_CHANGED, admin, detail=detail)

    def account_settings(self, admin_login: str) -> bool:
        """What Account Settings shows the admin: whether the checkbox is ticked."""
        with self.store.reading() as reading:
            admin = self._user(reading, admin_login)
            admin.ensure_admin_of(admin.company_id)
            return self._company(reading, admin.company_id).required_two_factor

    def account_options(self, admin_login: str) -> AccountOptions:
        """Account Settings as the admin sees it: the article's box and the options beyond it."""
        with self.store.reading() as reading:
            admin = self._user(reading, admin_login)
            admin.ensure_admin_of(admin.company_id)
            company = self._company(reading, admin.company_id)
            return AccountOptions(
                company.required_two_factor,
                company.backup_codes,
                company.grace_period_hours,
                company.trust_browser_days,
            )

    def required_two_factor(self, company_id: str) -> bool:
        with self.store.reading() as reading:
            return self._company(reading, company_id).required_two_factor

    def audit_log(self, admin_login: str) -> list[AuditEvent]:
        """The audit trail of the admin's own company, oldest first."""
        with self.store.reading() as reading:
            admin = self._user(reading, admin_login)
            admin.ensure_admin_of(admin.company_id)
            return reading.audit.in_company(admin.company_id)
