"""The schema: one table per aggregate, plus the audit trail. Secrets are stored encrypted."""

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime in, an aware UTC datetime out, whatever the database keeps.

    SQLite keeps no offset: there the value is the UTC time, as the text SQLAlchemy's
    ``DateTime`` writes (``2026-11-27 09:00:00.000000``), read back as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _number() -> Column[int]:
    """A surrogate key that keeps the order rows were added in."""
    return Column("number", Integer, primary_key=True, autoincrement=True)


def _version() -> Column[int]:
    """Grows with each saved change; an update names the version it read."""
    return Column("version", Integer, nullable=False, default=0)


companies = Table(
    "companies",
    metadata,
    _number(),
    Column("id", String(254), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("required_two_factor", Boolean, nullable=False),
    _version(),
    Column("backup_codes", Boolean, nullable=False, server_default=false()),
    Column("grace_period_hours", Integer, nullable=False, server_default="0"),
    Column("required_since", UtcDateTime),
    Column("trust_browser_days", Integer, nullable=False, server_default="0"),
)

users = Table(
    "users",
    metadata,
    _number(),
    Column("login", String(254), nullable=False, unique=True),
    Column("company_id", ForeignKey("companies.id"), nullable=False, index=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("application", String(40)),
    Column("secret", LargeBinary),
    Column("last_used_step", BigInteger),
    Column("pending_application", String(40)),
    Column("pending_secret", LargeBinary),
    Column("pending_last_used_step", BigInteger),
    Column("code_failures", Integer, nullable=False),
    Column("code_locked_until", UtcDateTime),
    _version(),
    Column("backup_codes", Text, nullable=False, server_default=""),  # argon2id hashes, JSON
    Column("trusted_browsers", Text, nullable=False, server_default=""),  # SHA-256s, JSON
    Column("time_zone", String(64)),  # IANA name chosen in Profile settings; NULL: the browser's
)

recovery_requests = Table(
    "recovery_requests",
    metadata,
    _number(),
    Column("id", String(64), nullable=False, unique=True),
    Column("login", ForeignKey("users.login"), nullable=False, index=True),
    Column("company_id", String(254), nullable=False, index=True),
    Column("channel", String(20), nullable=False),
    Column("recorded_by", String(254), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("decided_by", String(254)),
    Column("decided_at", UtcDateTime),
    Column("reset_by", String(254)),
    Column("reset_at", UtcDateTime),
    _version(),
)

sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    _number(),
    Column("id", String(64), nullable=False, unique=True),
    Column("login", ForeignKey("users.login"), nullable=False, index=True),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("completed", Boolean, nullable=False),
    _version(),
)

sign_in_throttles = Table(
    "sign_in_throttles",
    metadata,
    _number(),
    Column("id", String(300), nullable=False, unique=True),
    Column("login", String(254), nullable=False),
    Column("device", String(64), nullable=False),
    Column("failures", Integer, nullable=False),
    Column("locked_until", UtcDateTime),
    Column("last_failure", UtcDateTime),
    _version(),
)
"""Keyed by login as typed (known or not) and device; no foreign key to ``users``."""

audit_events = Table(
    "audit_events",
    metadata,
    _number(),
    Column("at", UtcDateTime, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("actor", String(254), nullable=False),
    Column("company_id", String(254), nullable=False),
    Column("subject", String(254)),
    Column("detail", Text, nullable=False),
    Index("ix_audit_events_company_id_number", "company_id", "number"),
    Index("ix_audit_events_company_id_kind_number", "company_id", "kind", "number"),
)
"""Read a page at a time, the newest first: by company, or by company and kind."""

outbox = Table(
    "outbox",
    metadata,
    _number(),
    Column("queued_at", UtcDateTime, nullable=False),
    Column("recipient", String(254), nullable=False, index=True),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("sent_at", UtcDateTime),
)
"""Notifications, inserted in the transaction of the change they tell about."""
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
)
"""The web app's server-side sessions (``entrypoints/web/sessions.py``): ``id`` is the SHA-256
(hex) of the id in the browser's cookie, ``data`` the session's JSON."""
