"""A grace period for Required two-factor authentication, and when it was required.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "companies",
        sa.Column("grace_period_hours", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column(
        "companies", sa.Column("required_since", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("companies") as companies:
        companies.drop_column("required_since")
        companies.drop_column("grace_period_hours")
