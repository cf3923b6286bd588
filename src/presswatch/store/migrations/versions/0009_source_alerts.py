"""Monitoring: health alerts, one row each time a source turns stalled or failing (or recovers).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("source_name", sa.String, nullable=False),
        sa.Column("source_url", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_source_alerts_source_id", "source_alerts", ["source_id"])
    op.create_index("ix_source_alerts_at", "source_alerts", ["at"])


def downgrade() -> None:
    op.drop_table("source_alerts")
