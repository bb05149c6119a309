"""The web app's sessions in a table of the store (``web_sessions``), keyed by the SHA-256 of
the session id; Flask-Session's table ``sessions``, which the app no longer uses, is dropped
(the people signed in when the app is upgraded sign in again).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"])
    op.execute("DROP TABLE IF EXISTS sessions")


def downgrade() -> None:
    op.drop_table("web_sessions")
