"""Required two-factor authentication: what an employee without 2FA may open."""

from enum import Enum

from precoro_2fa.domain.exceptions import TwoFactorRequiredByCompany
from precoro_2fa.domain.model import Company, User

WARNING_NOTICE = (
    "Your company requires two-factor authentication. "
    "Please turn it on in Profile settings → Two-factor authentication to continue."
)


class Destination(Enum):
    TWO_FACTOR_SETTINGS = "two-factor authentication settings"
    SIGN_OUT = "sign out"
    ELSEWHERE = "any other page"


def must_set_up(company: Company, user: User) -> bool:
    return company.required_two_factor and not user.two_factor.is_on


def destination_for(requested: Destination, must_turn_on_two_factor: bool) -> Destination:
    """Where a click leads: for an employee who must set 2FA up, the settings page."""
    if requested is Destination.ELSEWHERE and must_turn_on_two_factor:
        return Destination.TWO_FACTOR_SETTINGS
    return requested


def warning_notice(company: Company, user: User) -> str | None:
    return WARNING_NOTICE if must_set_up(company, user) else None


def ensure_may_turn_off(company: Company) -> None:
    if company.required_two_factor:
        raise TwoFactorRequiredByCompany()
