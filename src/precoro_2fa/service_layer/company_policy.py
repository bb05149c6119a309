"""Configuration → Account Settings: Required two-factor authentication, and the audit log."""

from datetime import datetime

from precoro_2fa.domain.audit import AuditEvent, AuditKind
from precoro_2fa.domain.model import User
from precoro_2fa.service_layer.base import ServiceBase, retried
from precoro_2fa.service_layer.views import AuditTrailView, CompanyOverview, PersonTwoFactor

CONFIRMED = (AuditKind.TURNED_ON, AuditKind.APPLICATION_CHANGED)


class CompanyPolicy(ServiceBase):
    @retried
    def update_account_settings(self, admin_login: str, required_two_factor: bool) -> None:
        """The admin ticks (or unticks) "Required two-factor authentication" and presses Update."""
        with self._command() as uow:
            admin = self._user(uow, admin_login)
            admin.ensure_admin_of(admin.company_id)
            company = self._company(uow, admin.company_id)
            if company.required_two_factor != required_two_factor:
                company.required_two_factor = required_two_factor
                detail = "ticked" if required_two_factor else "unticked"
                self._record(
                    uow, AuditKind.POLICY_CHANGED, admin, detail=detail, company_event=True
                )

    def account_settings(self, admin_login: str) -> bool:
        """What Account Settings shows the admin: whether the checkbox is ticked."""
        with self.store.reading() as reading:
            admin = self._user(reading, admin_login)
            admin.ensure_admin_of(admin.company_id)
            return self._company(reading, admin.company_id).required_two_factor

    def required_two_factor(self, company_id: str) -> bool:
        with self.store.reading() as reading:
            return self._company(reading, company_id).required_two_factor

    def audit_log(self, admin_login: str) -> list[AuditEvent]:
        """The audit trail of the admin's own company, oldest first."""
        with self.store.reading() as reading:
            admin = self._user(reading, admin_login)
            admin.ensure_admin_of(admin.company_id)
            return reading.audit.in_company(admin.company_id)

    def audit_trail(
        self, admin_login: str, person: str | None = None, kind: AuditKind | None = None
    ) -> AuditTrailView:
        """The audit log filtered by person (who acted, or for whom) and by kind of event."""
        events = self.audit_log(admin_login)
        people = sorted({e.actor for e in events} | {e.subject for e in events if e.subject})
        chosen = tuple(
            e
            for e in events
            if (person is None or person in (e.actor, e.subject))
            and (kind is None or e.kind is kind)
        )
        return AuditTrailView(chosen, tuple(people))

    def company_overview(self, admin_login: str) -> CompanyOverview:
        """Account Settings (the box, and how many have 2FA beside it) and Configuration → Users:
        who has two-factor authentication, with which app, since when."""
        with self.store.reading() as reading:
            admin = self._user(reading, admin_login)
            admin.ensure_admin_of(admin.company_id)
            confirmed = {
                event.subject: event.at
                for event in reading.audit.in_company(admin.company_id)
                if event.kind in CONFIRMED and event.subject is not None
            }
            people = sorted(reading.users.in_company(admin.company_id), key=lambda u: u.login)
            rows = tuple(_person(user, confirmed.get(user.login)) for user in people)
            required = self._company(reading, admin.company_id).required_two_factor
            return CompanyOverview(_person(admin, confirmed.get(admin.login)), rows, required)


def _person(user: User, confirmed_at: datetime | None) -> PersonTwoFactor:
    on = user.two_factor.is_on
    return PersonTwoFactor(
        user.login,
        user.role,
        user.two_factor.status,
        user.two_factor.application,
        confirmed_at if on else None,
    )
