"""Configuration → Account Settings: Required two-factor authentication, the options beyond the
article (each off by default), and the audit log."""

from datetime import datetime
from functools import partial

from precoro_2fa.domain.audit import EVERY_EVENT, AuditEvent, AuditFilter, AuditKind
from precoro_2fa.domain.exceptions import TrustPeriodOutOfRange
from precoro_2fa.domain.model import Company, User
from precoro_2fa.domain.policy import ensure_grace_period_in_range
from precoro_2fa.domain.trusted_browsers import LONGEST_TRUST_DAYS
from precoro_2fa.service_layer.base import ServiceBase, retried
from precoro_2fa.service_layer.ports import UnitOfWork
from precoro_2fa.service_layer.views import (
    AccountOptions,
    AuditTrailView,
    CompanyOverview,
    PersonTwoFactor,
    paged,
)

CONFIRMED = AuditFilter(kinds=frozenset({AuditKind.TURNED_ON, AuditKind.APPLICATION_CHANGED}))
"""The events that date the app in use: Configuration → Users' "since"."""


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
            admin = self._admin(uow, admin_login)
            company = self._company(uow, admin.company_id)
            if grace_period_hours is not None:
                self._update_grace_period(uow, admin, company, grace_period_hours)
            if company.required_two_factor != required_two_factor:
                company.required_two_factor = required_two_factor
                company.required_since = self.clock.now() if required_two_factor else None
                detail = "ticked" if required_two_factor else "unticked"
                self._record(
                    uow, AuditKind.POLICY_CHANGED, admin, detail=detail, company_event=True
                )
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
            admin = self._admin(reading, admin_login)
            return self._company(reading, admin.company_id).required_two_factor

    def account_options(self, admin_login: str) -> AccountOptions:
        """Account Settings as the admin sees it: the article's box and the options beyond it."""
        with self.store.reading() as reading:
            admin = self._admin(reading, admin_login)
            return _options(self._company(reading, admin.company_id))

    def required_two_factor(self, company_id: str) -> bool:
        with self.store.reading() as reading:
            return self._company(reading, company_id).required_two_factor

    def audit_log(self, admin_login: str, chosen: AuditFilter = EVERY_EVENT) -> list[AuditEvent]:
        """The ``chosen`` events of the admin's own company, oldest first (the CSV export)."""
        with self.store.reading() as reading:
            admin = self._admin(reading, admin_login)
            return reading.audit.in_company(admin.company_id, chosen)

    def audit_trail(
        self, admin_login: str, chosen: AuditFilter = EVERY_EVENT, page: int = 1
    ) -> AuditTrailView:
        """Configuration → Audit log: a page of the ``chosen`` events, the newest first, and
        the company's people to filter by (a support agent's deed is found under its
        employee). The page is read, not the company's whole trail."""
        with self.store.reading() as reading:
            company = self._admin(reading, admin_login).company_id
            count = reading.audit.count(company, chosen)
            shown = paged(count, page, partial(reading.audit.newest, company, chosen))
            people = sorted(user.login for user in reading.users.in_company(company))
            return AuditTrailView(shown, tuple(people))

    def company_overview(self, admin_login: str) -> CompanyOverview:
        """Account Settings (the boxes, and how many have 2FA beside them) and Configuration →
        Users: who has two-factor authentication, with which app, since when. One reading."""
        with self.store.reading() as reading:
            admin = self._admin(reading, admin_login)
            confirmations = reading.audit.in_company(admin.company_id, CONFIRMED)
            confirmed = {event.subject: event.at for event in confirmations if event.subject}
            people = sorted(reading.users.in_company(admin.company_id), key=lambda u: u.login)
            rows = tuple(_person(user, confirmed.get(user.login)) for user in people)
            company = self._company(reading, admin.company_id)
            return CompanyOverview(
                _person(admin, confirmed.get(admin.login)),
                rows,
                company.required_two_factor,
                _options(company),
            )


def _options(company: Company) -> AccountOptions:
    return AccountOptions(
        company.required_two_factor,
        company.backup_codes,
        company.grace_period_hours,
        company.trust_browser_days,
    )


def _person(user: User, confirmed_at: datetime | None) -> PersonTwoFactor:
    on = user.two_factor.is_on
    return PersonTwoFactor(
        user.login,
        user.role,
        user.two_factor.status,
        user.two_factor.application,
        confirmed_at if on else None,
    )
