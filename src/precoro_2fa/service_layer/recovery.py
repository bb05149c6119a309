"""Lost phone: support records a request, an admin of the company approves, support resets."""

from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.exceptions import UnknownRequest
from precoro_2fa.domain.model import User
from precoro_2fa.domain.recovery import (
    Channel,
    RecoveryRequest,
    RequestStatus,
    asked_to_approve,
    ensure_may_request_reset,
    other_admins,
)
from precoro_2fa.service_layer.base import ServiceBase, retried
from precoro_2fa.service_layer.ports import Reading
from precoro_2fa.service_layer.views import Page, RecoveryRequestRow, SupportAction, paged


class Recovery(ServiceBase):
    @retried
    def request_reset(
        self, agent_login: str, login: str, channel: Channel, authy_restore_failed: bool = False
    ) -> RecoveryRequest:
        """Support records the user's request, made to their CSM manager or in the online chat."""
        with self._command() as uow:
            agent, user = self._user(uow, agent_login), self._user(uow, login)
            open_already = self._has_open(uow, user)
            ensure_may_request_reset(agent, user, authy_restore_failed, open_already)
            now = self.clock.now()
            request = RecoveryRequest(
                self.new_id(), user.login, user.company_id, channel, agent.login, now
            )
            uow.requests.add(request)
            self._record(uow, AuditKind.RESET_REQUESTED, agent, user)
            return request

    @retried
    def approve(self, admin_login: str, request_id: str) -> RecoveryRequest:
        with self._command() as uow:
            admin, request = self._user(uow, admin_login), self._request(uow, request_id)
            request.approve(admin, self.clock.now(), self._other_admins(uow, request))
            self._record(uow, AuditKind.RESET_APPROVED, admin, self._user(uow, request.login))
            return request

    @retried
    def reject(self, admin_login: str, request_id: str) -> RecoveryRequest:
        with self._command() as uow:
            admin, request = self._user(uow, admin_login), self._request(uow, request_id)
            request.reject(admin, self.clock.now(), self._other_admins(uow, request))
            self._record(uow, AuditKind.RESET_REJECTED, admin, self._user(uow, request.login))
            return request

    @retried
    def reset(self, agent_login: str, request_id: str) -> RecoveryRequest:
        """Support resets 2FA for an approved request, once; the user signs in with the password."""
        with self._command() as uow:
            agent, request = self._user(uow, agent_login), self._request(uow, request_id)
            request.carry_out(agent, self.clock.now(), self.config.approval_valid_for)
            user = self._user(uow, request.login)
            user.two_factor.reset()
            self._record(uow, AuditKind.RESET_PERFORMED, agent, user)
            return request

    def requests_to_decide(self, admin_login: str) -> list[RecoveryRequestRow]:
        """Configuration → Recovery requests: the requests of the admin's own company, in the
        order they were recorded, each with where it stands (as support's page says it)."""
        with self.store.reading() as reading:
            company = self._company(reading, self._admin(reading, admin_login).company_id)
            people = reading.users.in_company(company.id)
            requests = reading.requests.in_company(company.id)
            return [self._row(request, company.name, people) for request in requests]

    def asked_to_approve(self, agent_login: str, request_id: str) -> str:
        """Who will be asked to approve the request, as support's page says once recorded."""
        with self.store.reading() as reading:
            self._user(reading, agent_login).ensure_support()
            request = self._request(reading, request_id)
            return asked_to_approve(request, reading.users.in_company(request.company_id))

    def _other_admins(self, reading: Reading, request: RecoveryRequest) -> bool:
        return bool(other_admins(request, reading.users.in_company(request.company_id)))

    def approved_requests(self, agent_login: str) -> list[RecoveryRequest]:
        """The approved requests waiting for support to reset 2FA."""
        with self.store.reading() as reading:
            self._user(reading, agent_login).ensure_support()
            return reading.requests.waiting()

    def support_requests(self, agent_login: str, page: int = 1) -> Page[RecoveryRequestRow]:
        """Support → Recovery requests: every request, the last recorded first, a page at a
        time, each with its company's name, its state and what this agent can do with it.
        Each company on the page is read once (its name, its people)."""
        with self.store.reading() as reading:
            self._user(reading, agent_login).ensure_support()
            shown = paged(reading.requests.count(), page, reading.requests.newest)
            companies = {r.company_id for r in shown.shown}
            names = {c: self._company(reading, c).name for c in companies}
            people = {c: reading.users.in_company(c) for c in companies}
            rows = tuple(
                self._row(r, names[r.company_id], people[r.company_id], agent_login)
                for r in shown.shown
            )
            return Page(rows, shown.number, shown.count)

    def _row(
        self,
        request: RecoveryRequest,
        company: str,
        people: list[User],
        agent_login: str | None = None,
    ) -> RecoveryRequestRow:
        """Where ``request`` stands and, on the page of support agent ``agent_login``, what
        its row offers them."""
        now, valid_for = self.clock.now(), self.config.approval_valid_for
        others = bool(other_admins(request, people))
        state = request.state(now, valid_for, others)
        if agent_login is None:
            return RecoveryRequestRow(request, company, state)
        still_open = request.is_open(now, valid_for)
        return RecoveryRequestRow(
            request, company, state, _offered(request, agent_login, others, still_open)
        )

    def request_to_reset(self, agent_login: str, request_id: str) -> RecoveryRequestRow:
        """What support confirms before Reset: whose 2FA, in which company."""
        with self.store.reading() as reading:
            self._user(reading, agent_login).ensure_support()
            return self._to_reset(reading, self._request(reading, request_id))

    def _to_reset(self, reading: Reading, request: RecoveryRequest) -> RecoveryRequestRow:
        return RecoveryRequestRow(request, self._company(reading, request.company_id).name)

    def _has_open(self, reading: Reading, user: User) -> bool:
        now, valid_for = self.clock.now(), self.config.approval_valid_for
        requests = reading.requests.in_company(user.company_id)
        return any(r.login == user.login and r.is_open(now, valid_for) for r in requests)

    def _request(self, reading: Reading, request_id: object) -> RecoveryRequest:
        request = reading.requests.get(request_id) if isinstance(request_id, str) else None
        if request is None:
            raise UnknownRequest()
        return request


def _offered(
    request: RecoveryRequest, agent_login: str, others: bool, still_open: bool
) -> SupportAction:
    """What the row of ``request`` on Support → Recovery requests offers ``agent_login``."""
    if request.status is RequestStatus.REQUESTED and not others:
        mine = request.recorded_by == agent_login
        return SupportAction.ANOTHER_AGENT if mine else SupportAction.DECIDE
    if still_open and request.status is RequestStatus.APPROVED:
        return SupportAction.RESET
    return SupportAction.NONE
