"""One sign-in attempt between the password step and the code step."""

from dataclasses import dataclass
from datetime import datetime

INCORRECT_LOGIN_OR_PASSWORD = "Incorrect login or password."  # noqa: S105 (a message)
"""The one message for an unknown login and a wrong password."""

SIGN_IN_BLOCKED = (
    "Sign-in is temporarily blocked after too many incorrect passwords. Try again after "
    "{until}, or sign in from a browser you have signed in from before. "
    "If you cannot, contact your company's admin."
)
"""For a login and browser blocked by wrong passwords, the same whether the login exists;
``until``: a time as ``time_zones.time_in`` says it."""

SIGN_IN_EXPIRED = "Your sign-in has expired. Please enter your login and password again."
"""The code step without an open attempt: expired, completed, or never opened."""


@dataclass(slots=True)
class SignInAttempt:
    """The code step belongs to this attempt only; it expires and is completed once."""

    id: str
    login: str
    expires_at: datetime
    completed: bool = False

    def is_open(self, now: datetime) -> bool:
        return not self.completed and not self.is_expired(now)

    def is_expired(self, now: datetime) -> bool:
        """Its code step is over for good: a store may forget it (``precoro-2fa purge``)."""
        return now >= self.expires_at
