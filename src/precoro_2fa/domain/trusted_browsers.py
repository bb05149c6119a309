"""Trust this browser (beyond the article; Flask-Security's and django-two-factor-auth's
"remember this device"): a browser that passed the code step skips it for some days.

The browser keeps a random token (a cookie); Precoro keeps only its SHA-256, with the person,
so the token opens nothing for anyone else. A token has 256 random bits: a fast hash of it
cannot be reversed by guessing, unlike a password's.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime

LONGEST_TRUST_DAYS = 30
_TOKEN_LENGTH = 43
"""``secrets.token_urlsafe(32)``: 32 random bytes in URL-safe base64, no padding."""


def new_trust_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(slots=True)
class TrustedBrowser:
    token_hash: str
    until: datetime


@dataclass(slots=True)
class TrustedBrowsers:
    """The browsers a person trusted, each until a time; forgotten all at once."""

    browsers: list[TrustedBrowser] = field(default_factory=list)

    def trust(self, token: str, now: datetime, until: datetime) -> None:
        kept = [browser for browser in self.browsers if browser.until > now]
        self.browsers = [*kept, TrustedBrowser(token_hash(token), until)]

    def trusts(self, token: object, now: datetime) -> bool:
        if not isinstance(token, str) or len(token) != _TOKEN_LENGTH:
            return False
        presented = token_hash(token)
        return any(
            hmac.compare_digest(browser.token_hash, presented) and now < browser.until
            for browser in self.browsers
        )

    def active(self, now: datetime) -> int:
        return sum(now < browser.until for browser in self.browsers)

    def forget(self) -> None:
        self.browsers = []
