"""Read models: what a page shows, read without a writer's turn, a row lock or a retry.

Each is a frozen snapshot, made inside one ``store.reading()``; changing it changes nothing.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Generic, TypeVar

from precoro_2fa.domain.applications import AuthenticationApplication
from precoro_2fa.domain.audit import AuditEvent
from precoro_2fa.domain.enrollment import Enrollment
from precoro_2fa.domain.model import Company, Role, User
from precoro_2fa.domain.policy import (
    WARNING_NOTICE,
    Destination,
    destination_for,
    grace_notice,
    in_grace_period,
    must_set_up,
)
from precoro_2fa.domain.recovery import RecoveryRequest, RequestStatus
from precoro_2fa.domain.time_zones import zone_shown
from precoro_2fa.domain.two_factor import TwoFactorStatus


@dataclass(frozen=True, slots=True)
class Visitor:
    """Who is signed in, as every page's menu shows them (Configuration for admins)."""

    login: str
    company_name: str
    role: Role
    must_turn_on_two_factor: bool
    """Their company requires two-factor authentication, theirs is off, no grace period left."""
    requests_waiting: int = 0
    """Recovery requests of their company waiting for their approval (admins; never their own)."""
    grace_ends: datetime | None = None
    """Beyond the article: when the grace period ends, while it lasts."""
    time_zone: str | None = None
    """The time zone they chose in Profile settings; None: their browser's."""

    @property
    def grace_notice(self) -> str | None:
        """The warning notice of a grace period, on every page until it ends."""
        return self.grace_notice_in(zone_shown(self.time_zone))

    def grace_notice_in(self, zone: str) -> str | None:
        return None if self.grace_ends is None else grace_notice(self.grace_ends, zone)

    def destination(self, requested: Destination) -> Destination:
        """Where a click leads them: the 2FA settings page while they must turn 2FA on."""
        return destination_for(requested, self.must_turn_on_two_factor)


def visitor_of(
    user: User, company: Company, now: datetime, requests: Iterable[RecoveryRequest] = ()
) -> Visitor:
    """``requests``: those of the company, of which an admin decides all but his own."""
    waiting = [r for r in requests if r.status is RequestStatus.REQUESTED and r.login != user.login]
    asked = len(waiting) if user.role is Role.ADMIN else 0
    ends = in_grace_period(company, user, now)
    must = must_set_up(company, user, now)
    return Visitor(user.login, company.name, user.role, must, asked, ends, user.time_zone)


@dataclass(frozen=True, slots=True)
class TwoFactorView:
    """Profile settings → Two-factor authentication, and the QR code page after Next."""

    visitor: Visitor
    status: TwoFactorStatus
    application: AuthenticationApplication | None
    """The confirmed application, while two-factor authentication is on."""
    can_turn_off: bool
    pending: Enrollment | None
    """The application chosen with Next and not yet confirmed (a new one while changing)."""
    backup_codes_left: int | None = None
    """Unused backup codes, where the company allows them and 2FA is on; else None."""
    trusted_browsers: int | None = None
    """Browsers trusted now, where the company allows "Trust this browser"; else None."""

    @property
    def lost_phone(self) -> tuple[AuthenticationApplication, ...]:
        """Whose "Lost your phone?" help the page shows: the application in use, while on."""
        if self.status is TwoFactorStatus.ON and self.application is not None:
            return (self.application,)
        return ()

    @property
    def notice(self) -> str | None:
        """The warning notice of Required two-factor authentication, while 2FA is off."""
        return WARNING_NOTICE if self.visitor.must_turn_on_two_factor else None


@dataclass(frozen=True, slots=True)
class ApplicationChoice:
    """What Turn On shows: the authentication applications to choose from, with their notes."""

    visitor: Visitor
    applications: tuple[AuthenticationApplication, ...]


@dataclass(frozen=True, slots=True)
class AuditTrailView:
    """Configuration → Audit log: a page of the events chosen (newest first), and the
    company's people, to choose from."""

    page: "Page[AuditEvent]"
    people: tuple[str, ...]


class SupportAction(Enum):
    """What a request's row on Support → Recovery requests offers the agent who reads it."""

    NONE = ""
    DECIDE = "Approve Reject"
    """A company's only admin asked: a support agent decides, not the one who recorded it."""
    ANOTHER_AGENT = "another agent"
    RESET = "Reset"


@dataclass(frozen=True, slots=True)
class RecoveryRequestRow:
    """A row of Recovery requests (support's or an admin's), and the question before Reset:
    with the name of the employee's company, where the request stands, and on support's page
    what the agent can do with it."""

    request: RecoveryRequest
    company_name: str
    state: str = ""
    action: SupportAction = SupportAction.NONE


@dataclass(frozen=True, slots=True)
class PersonTwoFactor:
    """One row of Configuration → Users: ``since`` is when the app in use was confirmed."""

    login: str
    role: Role
    status: TwoFactorStatus
    application: AuthenticationApplication | None
    since: datetime | None


@dataclass(frozen=True, slots=True)
class CompanyOverview:
    """What an admin sees of the company's people before ticking Required (and in Users)."""

    admin: PersonTwoFactor
    people: tuple[PersonTwoFactor, ...]
    required_two_factor: bool
    options: "AccountOptions"
    """Account Settings' boxes, the article's and those beyond it."""

    @property
    def with_two_factor(self) -> int:
        return sum(person.status is TwoFactorStatus.ON for person in self.people)

    @property
    def summary(self) -> str:
        return (
            f"{self.with_two_factor} of {len(self.people)} people have two-factor "
            "authentication on."
        )

    @property
    def admin_warning(self) -> str | None:
        """Said before Update to an admin without 2FA: Required will send him to set it up."""
        if self.admin.status is TwoFactorStatus.ON:
            return None
        return (
            "You have not turned on two-factor authentication yourself: once it is required, "
            "you will be sent to set it up."
        )


@dataclass(frozen=True, slots=True)
class AccountOptions:
    """What Account Settings shows: the article's box, and the options beyond the article,
    each off by default."""

    required_two_factor: bool = False
    backup_codes: bool = False
    grace_period_hours: int = 0
    trust_browser_days: int = 0


PAGE_SIZE = 50
"""Rows a page of a long list shows: the audit log, support's recovery requests."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """Page ``number`` of ``count`` of a list shown newest first."""

    shown: tuple[T, ...]
    number: int
    count: int


def paged(rows: int, requested: int, read: Callable[[int, int], Sequence[T]]) -> Page[T]:
    """Page ``requested`` (from 1; out of range, the nearest one) of a list of ``rows`` shown
    newest first; ``read(skip, limit)`` reads the page's rows from the store."""
    count = max(1, -(-rows // PAGE_SIZE))
    number = min(max(requested, 1), count)
    return Page(tuple(read((number - 1) * PAGE_SIZE, PAGE_SIZE)), number, count)
