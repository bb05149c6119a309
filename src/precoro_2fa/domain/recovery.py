"""Google Authenticator recovery: support records, a company admin approves, support resets."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from precoro_2fa.domain.applications import AUTHY_RESTORE_HINT, AuthenticationApplication
from precoro_2fa.domain.exceptions import (
    ApprovalExpired,
    CannotApproveOwnRequest,
    RequestAlreadyDecided,
    RequestAlreadyOpen,
    RequestNotApproved,
    ResetAlreadyPerformed,
    TryAuthyRestoreFirst,
    TwoFactorIsOff,
)
from precoro_2fa.domain.model import User


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

    def approve(self, admin: User, now: datetime) -> None:
        self._decide(admin, now, RequestStatus.APPROVED)

    def reject(self, admin: User, now: datetime) -> None:
        self._decide(admin, now, RequestStatus.REJECTED)

    def is_open(self, now: datetime, approval_valid_for: timedelta) -> bool:
        """Waiting for an admin, or approved and still to be carried out."""
        if self.status is RequestStatus.APPROVED:
            return not self._approval_expired(now, approval_valid_for)
        return self.status is RequestStatus.REQUESTED

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

    def _decide(self, admin: User, now: datetime, status: RequestStatus) -> None:
        admin.ensure_admin_of(self.company_id)
        if admin.login == self.login:
            raise CannotApproveOwnRequest()
        if self.status is not RequestStatus.REQUESTED:
            raise RequestAlreadyDecided()
        self.status, self.decided_by, self.decided_at = status, admin.login, now


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
