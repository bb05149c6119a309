"""Backup codes: the company option, and each user's hashed codes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 02:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "companies",
        sa.Column("backup_codes", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("users", sa.Column("backup_codes", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.drop_column("backup_codes")
    with op.batch_alter_table("companies") as companies:
        companies.drop_column("backup_codes")
