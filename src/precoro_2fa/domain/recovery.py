"""Google Authenticator recovery: support records, a company admin approves, support resets."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from precoro_2fa.domain.applications import AUTHY_RESTORE_HINT, AuthenticationApplication
from precoro_2fa.domain.exceptions import (
    AnotherSupportAgentNeeded,
    ApprovalExpired,
    CannotApproveOwnRequest,
    RequestAlreadyDecided,
    RequestAlreadyOpen,
    RequestNotApproved,
    ResetAlreadyPerformed,
    TryAuthyRestoreFirst,
    TwoFactorIsOff,
)
from precoro_2fa.domain.model import Role, User

NO_OTHER_ADMIN = (
    "No other admin at their company can approve it: another Precoro support agent will, "
    "once the CSM manager has confirmed who is asking."
)


class Channel(Enum):
    CSM_MANAGER = "CSM manager"
    ONLINE_CHAT = "online chat"


class RequestStatus(Enum):
    REQUESTED = "waiting for approval"
    APPROVED = "approved"
    REJECTED = "rejected"
    RESET = "reset"


@dataclass(slots=True)
class RecoveryRequest:
    id: str
    login: str
    company_id: str
    channel: Channel
    recorded_by: str
    recorded_at: datetime
    status: RequestStatus = RequestStatus.REQUESTED
    decided_by: str | None = None
    decided_at: datetime | None = None
    reset_by: str | None = None
    reset_at: datetime | None = None
    version: int = 0

    def approve(self, decider: User, now: datetime, other_admins: bool = True) -> None:
        self._decide(decider, now, RequestStatus.APPROVED, other_admins)

    def reject(self, decider: User, now: datetime, other_admins: bool = True) -> None:
        self._decide(decider, now, RequestStatus.REJECTED, other_admins)

    def decided_by_support(self, other_admins: bool) -> bool:
        """No admin of the company but the requester: a second support agent decides."""
        return not other_admins

    def is_open(self, now: datetime, approval_valid_for: timedelta) -> bool:
        """Waiting for an admin, or approved and still to be carried out."""
        if self.status is RequestStatus.APPROVED:
            return not self._approval_expired(now, approval_valid_for)
        return self.status is RequestStatus.REQUESTED

    def state(self, now: datetime, approval_valid_for: timedelta, other_admins: bool) -> str:
        """Where the request stands, as Support → Recovery requests says it."""
        if self.status is RequestStatus.REQUESTED:
            by = "an admin of the company" if other_admins else "another Precoro support agent"
            return f"waiting for approval by {by}"
        if self.status is RequestStatus.APPROVED:
            if self._approval_expired(now, approval_valid_for):
                return "approval expired"
            return "approved: waiting for the reset"
        return str(self.status.value)

    def carry_out(self, agent: User, now: datetime, approval_valid_for: timedelta) -> None:
        """An approval is carried out once, and only while it is fresh: an old one could
        otherwise wipe the 2FA that the user has set up again since."""
        agent.ensure_support()
        if self.status is RequestStatus.RESET:
            raise ResetAlreadyPerformed()
        if self.status is not RequestStatus.APPROVED:
            raise RequestNotApproved()
        if self._approval_expired(now, approval_valid_for):
            raise ApprovalExpired()
        self.status, self.reset_by, self.reset_at = RequestStatus.RESET, agent.login, now

    def _approval_expired(self, now: datetime, approval_valid_for: timedelta) -> bool:
        return self.decided_at is not None and now >= self.decided_at + approval_valid_for

    def _decide(
        self, decider: User, now: datetime, status: RequestStatus, other_admins: bool
    ) -> None:
        """An admin of the company, never the requester; when no other admin can, a Precoro
        support agent other than the one who recorded the request (four eyes kept)."""
        if decider.role is Role.SUPPORT and self.decided_by_support(other_admins):
            if decider.login == self.recorded_by:
                raise AnotherSupportAgentNeeded()
        else:
            decider.ensure_admin_of(self.company_id)
            if decider.login == self.login:
                raise CannotApproveOwnRequest()
        if self.status is not RequestStatus.REQUESTED:
            raise RequestAlreadyDecided()
        self.status, self.decided_by, self.decided_at = status, decider.login, now


def asked_to_approve(request: RecoveryRequest, company: list[User]) -> str:
    """Who will be asked to approve ``request``, as support's page says once it is recorded."""
    admins = other_admins(request, company)
    if not admins:
        return NO_OTHER_ADMIN
    return f"We will ask an admin at their company to approve it: {', '.join(admins)}."


def other_admins(request: RecoveryRequest, company: list[User]) -> list[str]:
    """The admins of the request's company who may decide it: all but the requester."""
    return sorted(u.login for u in company if u.role is Role.ADMIN and u.login != request.login)


def ensure_may_request_reset(
    agent: User, user: User, authy_restore_failed: bool, already_open: bool
) -> None:
    """One open request per user. Authy users restore from Authy's backup first; the reset
    stays their last resort."""
    agent.ensure_support()
    if not user.two_factor.is_on:
        raise TwoFactorIsOff()
    if already_open:
        raise RequestAlreadyOpen()
    if user.two_factor.application is AuthenticationApplication.AUTHY and not authy_restore_failed:
        raise TryAuthyRestoreFirst(AUTHY_RESTORE_HINT)
