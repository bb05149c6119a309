"""Companies, users, recovery requests, sign-in attempts and the audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 21:39:20
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIME = sa.DateTime(timezone=True)


def _number() -> sa.Column[int]:
    return sa.Column("number", sa.Integer(), autoincrement=True, nullable=False)


def _version() -> sa.Column[int]:
    return sa.Column("version", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "companies",
        _number(),
        sa.Column("id", sa.String(length=254), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("required_two_factor", sa.Boolean(), nullable=False),
        _version(),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_companies")),
        sa.UniqueConstraint("id", name=op.f("uq_companies_id")),
    )
    op.create_table(
        "users",
        _number(),
        sa.Column("login", sa.String(length=254), nullable=False),
        sa.Column("company_id", sa.String(length=254), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("application", sa.String(length=40), nullable=True),
        sa.Column("secret", sa.LargeBinary(), nullable=True),
        sa.Column("last_used_step", sa.BigInteger(), nullable=True),
        sa.Column("pending_application", sa.String(length=40), nullable=True),
        sa.Column("pending_secret", sa.LargeBinary(), nullable=True),
        sa.Column("pending_last_used_step", sa.BigInteger(), nullable=True),
        sa.Column("code_failures", sa.Integer(), nullable=False),
        sa.Column("code_locked_until", TIME, nullable=True),
        sa.Column("password_failures", sa.Integer(), nullable=False),
        sa.Column("password_locked_until", TIME, nullable=True),
        _version(),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_users_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_users")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    op.create_index(op.f("ix_users_company_id"), "users", ["company_id"])
    op.create_table(
        "recovery_requests",
        _number(),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(length=254), nullable=False),
        sa.Column("company_id", sa.String(length=254), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("recorded_by", sa.String(length=254), nullable=False),
        sa.Column("recorded_at", TIME, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=254), nullable=True),
        sa.Column("decided_at", TIME, nullable=True),
        sa.Column("reset_by", sa.String(length=254), nullable=True),
        sa.Column("reset_at", TIME, nullable=True),
        _version(),
        sa.ForeignKeyConstraint(
            ["login"], ["users.login"], name=op.f("fk_recovery_requests_login_users")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_recovery_requests")),
        sa.UniqueConstraint("id", name=op.f("uq_recovery_requests_id")),
    )
    op.create_index(op.f("ix_recovery_requests_login"), "recovery_requests", ["login"])
    op.create_index(op.f("ix_recovery_requests_company_id"), "recovery_requests", ["company_id"])
    op.create_index(op.f("ix_recovery_requests_status"), "recovery_requests", ["status"])
    op.create_table(
        "sign_in_attempts",
        _number(),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(length=254), nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(
            ["login"], ["users.login"], name=op.f("fk_sign_in_attempts_login_users")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_sign_in_attempts")),
        sa.UniqueConstraint("id", name=op.f("uq_sign_in_attempts_id")),
    )
    op.create_index(op.f("ix_sign_in_attempts_login"), "sign_in_attempts", ["login"])
    op.create_table(
        "audit_events",
        _number(),
        sa.Column("at", TIME, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("company_id", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=254), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_company_id"), "audit_events", ["company_id"])


def downgrade() -> None:
    for table in ("audit_events", "sign_in_attempts", "recovery_requests", "users", "companies"):
        op.drop_table(table)
