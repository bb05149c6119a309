"""The schema: one table per aggregate, plus the audit trail. Secrets are stored encrypted."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime in, an aware UTC datetime out, whatever the database keeps.

    On SQLite the value is kept as the text SQLAlchemy's ``DateTime`` writes there
    (``2026-11-27 09:00:00.000000``), converted in one step by ``isoformat`` and
    ``fromisoformat`` rather than through SQLAlchemy's two: a sign-in reads and writes one.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else _utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else _read_as_utc(value)

    def bind_processor(self, dialect: Dialect) -> Callable[[datetime | None], Any] | None:
        return _sqlite_text if dialect.name == "sqlite" else super().bind_processor(dialect)

    def result_processor(
        self, dialect: Dialect, coltype: object
    ) -> Callable[[Any], datetime | None] | None:
        if dialect.name == "sqlite":
            return _from_sqlite_text
        return super().result_processor(dialect, coltype)


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("a naive datetime cannot be stored")
    return value.astimezone(UTC)


def _sqlite_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    return _utc(value).replace(tzinfo=None).isoformat(" ", "microseconds")


def _from_sqlite_text(value: str | None) -> datetime | None:
    return None if value is None else _read_as_utc(datetime.fromisoformat(value))


def _read_as_utc(value: datetime) -> datetime:
    """What the database gives back: naive means UTC (SQLite keeps no offset)."""
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
    Column("password_failures", Integer, nullable=False),
    Column("password_locked_until", UtcDateTime),
    _version(),
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

audit_events = Table(
    "audit_events",
    metadata,
    _number(),
    Column("at", UtcDateTime, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("actor", String(254), nullable=False),
    Column("company_id", String(254), nullable=False, index=True),
    Column("subject", String(254)),
    Column("detail", Text, nullable=False),
)
