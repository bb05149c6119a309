"""Config, validated with pydantic. Defaults follow the standards cited in the README."""

from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field

from precoro_2fa.domain.throttle import ThrottleRule

AUTHY_RESTORE_ARTICLE = (
    "https://help.precoro.com/en/support/solutions/articles/"
    "35000177574-how-to-restore-an-authy-account"
)
"""Precoro's help article on restoring an Authy account, which the 2FA article links to
("Please follow this article to read how to restore an Authy account")."""


class Argon2Config(BaseModel):
    """argon2id; the defaults are OWASP's (m=19456 KiB, t=2, p=1). Tests may go cheaper."""

    model_config = ConfigDict(frozen=True)
    time_cost: int = Field(default=2, ge=1)
    memory_cost: int = Field(default=19456, ge=8)
    parallelism: int = Field(default=1, ge=1)


class Config(BaseModel):
    model_config = ConfigDict(frozen=True)
    code_failures_before_lock: int = Field(default=5, ge=1, le=20)
    code_lockout: timedelta = timedelta(minutes=15)
    longest_code_lockout: timedelta = timedelta(hours=24)
    password_failures_before_lock: int = Field(default=10, ge=1, le=50)
    password_lockout: timedelta = timedelta(minutes=15)
    password_failures_forgotten_after: timedelta = timedelta(hours=24)
    sign_in_expires_after: timedelta = timedelta(minutes=5)
    approval_valid_for: timedelta = timedelta(days=7)
    argon2: Argon2Config = Argon2Config()
    support_address: str = "support@precoro.test"
    """Where a notification for Precoro support goes (a recovery request approved)."""
    authy_restore_article: str = AUTHY_RESTORE_ARTICLE
    """Precoro's help article on restoring an Authy account, linked under "Lost your phone?"."""
    backup_code_argon2: Argon2Config = Argon2Config(time_cost=1, memory_cost=4096)
    """Backup codes are 49 random bits, not chosen by a person: a cheaper argon2id keeps a
    guess of a dumped hash out of reach (2^49 tries) while a sign-in checks up to ten."""

    @property
    def code_rule(self) -> ThrottleRule:
        return ThrottleRule(
            self.code_failures_before_lock, self.code_lockout, self.longest_code_lockout
        )

    @property
    def password_rule(self) -> ThrottleRule:
        return ThrottleRule(
            self.password_failures_before_lock, self.password_lockout, self.password_lockout
        )
