"""Configuration → Account Settings: Required two-factor authentication, and the audit log."""

from precoro_2fa.domain.audit import AuditEvent, AuditKind
from precoro_2fa.domain.policy import Destination, destination_for
from precoro_2fa.service_layer.base import ServiceBase, transactional
from precoro_2fa.service_layer.ports import UnitOfWork


class CompanyPolicy(ServiceBase):
    @transactional
    def update_account_settings(
        self, uow: UnitOfWork, admin_login: str, required_two_factor: bool
    ) -> None:
        """The admin ticks (or unticks) "Required two-factor authentication" and presses Update."""
        admin = self._user(uow, admin_login)
        admin.ensure_admin_of(admin.company_id)
        company = self._company(uow, admin.company_id)
        if company.required_two_factor != required_two_factor:
            company.required_two_factor = required_two_factor
            detail = "ticked" if required_two_factor else "unticked"
            self._record(uow, AuditKind.POLICY_CHANGED, admin, detail=detail)

    @transactional
    def account_settings(self, uow: UnitOfWork, admin_login: str) -> bool:
        """What Account Settings shows the admin: whether the checkbox is ticked."""
        admin = self._user(uow, admin_login)
        admin.ensure_admin_of(admin.company_id)
        return self._company(uow, admin.company_id).required_two_factor

    @transactional
    def required_two_factor(self, uow: UnitOfWork, company_id: str) -> bool:
        return self._company(uow, company_id).required_two_factor

    @transactional
    def destination(self, uow: UnitOfWork, login: str, requested: Destination) -> Destination:
        """Where a click leads this user: the 2FA settings page while the company requires it."""
        user = self._user(uow, login)
        return destination_for(self._company(uow, user.company_id), user, requested)

    @transactional
    def audit_log(self, uow: UnitOfWork, admin_login: str) -> list[AuditEvent]:
        """The audit trail of the admin's own company, oldest first."""
        admin = self._user(uow, admin_login)
        admin.ensure_admin_of(admin.company_id)
        return uow.audit.in_company(admin.company_id)
