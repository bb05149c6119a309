"""Wrong passwords counted per login and device (sign_in_throttles), not per user.

The users' own password counts are dropped: a lock in progress is forgotten once.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sign_in_throttles",
        sa.Column("number", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=300), nullable=False),
        sa.Column("login", sa.String(length=254), nullable=False),
        sa.Column("device", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", TIME, nullable=True),
        sa.Column("last_failure", TIME, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_sign_in_throttles")),
        sa.UniqueConstraint("id", name=op.f("uq_sign_in_throttles_id")),
    )
    with op.batch_alter_table("users", recreate="never") as users:  # SQLite: DROP COLUMN
        users.drop_column("password_locked_until")
        users.drop_column("password_failures")


def downgrade() -> None:
    with op.batch_alter_table("users", recreate="never") as users:
        users.add_column(
            sa.Column("password_failures", sa.Integer(), nullable=False, server_default="0")
        )
        users.add_column(sa.Column("password_locked_until", TIME, nullable=True))
    op.drop_table("sign_in_throttles")
