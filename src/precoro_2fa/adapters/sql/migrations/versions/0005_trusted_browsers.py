"""Trust this browser: the company option, and each user's trusted browsers (hashed tokens).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 03:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "companies",
        sa.Column("trust_browser_days", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column(
        "users", sa.Column("trusted_browsers", sa.Text(), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.drop_column("trusted_browsers")
    with op.batch_alter_table("companies") as companies:
        companies.drop_column("trust_browser_days")
