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
from precoro_2fa.service_layer.views import Page, RequestToReset, SupportAction, page_of


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

    def requests_to_decide(self, admin_login: str) -> list[RecoveryRequest]:
        """The requests of the admin's own company."""
        with self.store.reading() as reading:
            admin = self._user(reading, admin_login)
            admin.ensure_admin_of(admin.company_id)
            return reading.requests.in_company(admin.company_id)

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

    def support_requests(self, agent_login: str, page: int = 1) -> Page[RequestToReset]:
        """Support → Recovery requests: every request, the last recorded first, a page at a
        time, each with its company's name, its state and what this agent can do with it.
        Each company on the page is read once (its name, its people)."""
        with self.store.reading() as reading:
            self._user(reading, agent_login).ensure_support()
            shown = page_of(list(reversed(reading.requests.every())), page)
            companies = {r.company_id for r in shown.shown}
            names = {c: self._company(reading, c).name for c in companies}
            people = {c: reading.users.in_company(c) for c in companies}
            rows = tuple(
                self._support_row(r, agent_login, names[r.company_id], people[r.company_id])
                for r in shown.shown
            )
            return Page(rows, shown.number, shown.count)

    def _support_row(
        self, request: RecoveryRequest, agent_login: str, company: str, people: list[User]
    ) -> RequestToReset:
        now, valid_for = self.clock.now(), self.config.approval_valid_for
        others = bool(other_admins(request, people))
        state = request.state(now, valid_for, others)
        action = SupportAction.NONE
        if request.status is RequestStatus.REQUESTED and not others:
            mine = request.recorded_by == agent_login
            action = SupportAction.ANOTHER_AGENT if mine else SupportAction.DECIDE
        elif request.is_open(now, valid_for) and request.status is RequestStatus.APPROVED:
            action = SupportAction.RESET
        return RequestToReset(request, company, state, action)

    def request_to_reset(self, agent_login: str, request_id: str) -> RequestToReset:
        """What support confirms before Reset: whose 2FA, in which company."""
        with self.store.reading() as reading:
            self._user(reading, agent_login).ensure_support()
            return self._to_reset(reading, self._request(reading, request_id))

    def _to_reset(self, reading: Reading, request: RecoveryRequest) -> RequestToReset:
        return RequestToReset(request, self._company(reading, request.company_id).name)

    def _has_open(self, reading: Reading, user: User) -> bool:
        now, valid_for = self.clock.now(), self.config.approval_valid_for
        requests = reading.requests.in_company(user.company_id)
        return any(r.login == user.login and r.is_open(now, valid_for) for r in requests)

    def _request(self, reading: Reading, request_id: object) -> RecoveryRequest:
        request = reading.requests.get(request_id) if isinstance(request_id, str) else None
        if request is None:
            raise UnknownRequest()
        return request
