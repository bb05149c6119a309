"""Required two-factor authentication: what an employee without 2FA may open.

Beyond the article, a company may give a grace period (GitLab's "delay 2FA enforcement"):
until it ends, the warning notice says until when and every page still opens.
"""

from datetime import datetime, timedelta
from enum import Enum

from precoro_2fa.domain.exceptions import GracePeriodOutOfRange, TwoFactorRequiredByCompany
from precoro_2fa.domain.model import Company, User
from precoro_2fa.domain.time_zones import UTC_ZONE, date_and_time_in, zone_shown

WARNING_NOTICE = (
    "Your company requires two-factor authentication. "
    "Please turn it on in Profile settings → Two-factor authentication to continue."
)
LONGEST_GRACE_PERIOD_HOURS = 720


class Destination(Enum):
    TWO_FACTOR_SETTINGS = "two-factor authentication settings"
    SIGN_OUT = "sign out"
    ELSEWHERE = "any other page"


def grace_period_ends(company: Company) -> datetime | None:
    """When the grace period of the requirement ends; None without one (the article's way)."""
    if not company.required_two_factor or company.required_since is None:
        return None
    if company.grace_period_hours == 0:
        return None
    return company.required_since + timedelta(hours=company.grace_period_hours)


def in_grace_period(company: Company, user: User, now: datetime) -> datetime | None:
    """The end of the grace period, while this employee is in it (2FA off, not yet over)."""
    ends = grace_period_ends(company)
    if ends is None or user.two_factor.is_on or now >= ends:
        return None
    return ends


def must_set_up(company: Company, user: User, now: datetime) -> bool:
    """Every click leads to the 2FA settings page: required, 2FA off, no grace period left."""
    required = company.required_two_factor and not user.two_factor.is_on
    return required and in_grace_period(company, user, now) is None


def destination_for(requested: Destination, must_turn_on_two_factor: bool) -> Destination:
    """Where a click leads: for an employee who must set 2FA up, the settings page."""
    if requested is Destination.ELSEWHERE and must_turn_on_two_factor:
        return Destination.TWO_FACTOR_SETTINGS
    return requested


def grace_notice(ends: datetime, zone: str = UTC_ZONE) -> str:
    return (
        "Your company requires two-factor authentication. Please turn it on in Profile "
        f"settings → Two-factor authentication by {date_and_time_in(ends, zone)}."
    )


def warning_notice(company: Company, user: User, now: datetime) -> str | None:
    if must_set_up(company, user, now):
        return WARNING_NOTICE
    ends = in_grace_period(company, user, now)
    return None if ends is None else grace_notice(ends, zone_shown(user.time_zone))


def ensure_may_turn_off(company: Company) -> None:
    if company.required_two_factor:
        raise TwoFactorRequiredByCompany()


def ensure_grace_period_in_range(hours: int) -> None:
    if not 0 <= hours <= LONGEST_GRACE_PERIOD_HOURS:
        raise GracePeriodOutOfRange(LONGEST_GRACE_PERIOD_HOURS)
