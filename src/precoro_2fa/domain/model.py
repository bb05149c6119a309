"""Companies and their users."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from precoro_2fa.domain.exceptions import InvalidLogin, NotAnAdminOfThisCompany, NotASupportAgent
from precoro_2fa.domain.two_factor import TwoFactorSettings

_LOGIN = re.compile(r"[^\s:\x00-\x1f\x7f-\x9f]{1,254}")

PRECORO_SUPPORT = "precoro"
"""The company id of Precoro's own support agents."""


def validated_login(login: object) -> str:
    """A login is the label of the QR code: no colon (key URI format), no whitespace, no
    control character (it is an email address, shown on pages and put in email headers)."""
    if not isinstance(login, str) or _LOGIN.fullmatch(login) is None:
        raise InvalidLogin()
    return login


class Role(Enum):
    EMPLOYEE = "employee"
    ADMIN = "admin"
    SUPPORT = "support"


@dataclass(slots=True)
class Company:
    id: str
    name: str
    required_two_factor: bool = False
    version: int = 0
    backup_codes: bool = False
    """Beyond the article: employees get backup codes when they turn 2FA on (off by default)."""
    grace_period_hours: int = 0
    """Beyond the article: hours after ``required_since`` before every click leads to the 2FA
    settings page (GitLab's delay); 0, the article's way, at once."""
    required_since: datetime | None = None
    """When Required two-factor authentication was last ticked."""
    trust_browser_days: int = 0
    """Beyond the article: "Trust this browser" skips the code step for that many days
    (at most 30); 0, the article's way, is off."""


@dataclass(slots=True)
class User:
    """``version`` grows with each saved change; a store uses it to refuse a lost update."""

    login: str
    company_id: str
    role: Role
    password_hash: str = field(repr=False)
    two_factor: TwoFactorSettings = field(default_factory=TwoFactorSettings)
    version: int = 0
    time_zone: str | None = None
    """The IANA time zone chosen in Profile settings; None: the browser's (``time_zones``)."""

    def ensure_admin_of(self, company_id: str) -> None:
        if self.role is not Role.ADMIN or self.company_id != company_id:
            raise NotAnAdminOfThisCompany()

    def ensure_support(self) -> None:
        if self.role is not Role.SUPPORT:
            raise NotASupportAgent()
