"""The audit trail read a page at a time: indexes by company and number, and by company,
kind and number (the company's own index is the first's prefix).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 11:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_events_company_id_number", "audit_events", ["company_id", "number"])
    op.create_index(
        "ix_audit_events_company_id_kind_number", "audit_events", ["company_id", "kind", "number"]
    )
    op.drop_index("ix_audit_events_company_id", "audit_events")


def downgrade() -> None:
    op.create_index("ix_audit_events_company_id", "audit_events", ["company_id"])
    op.drop_index("ix_audit_events_company_id_kind_number", "audit_events")
    op.drop_index("ix_audit_events_company_id_number", "audit_events")
