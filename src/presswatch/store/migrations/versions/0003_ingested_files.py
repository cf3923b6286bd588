"""The checkpoint ledger: input files an ingest finished, so an interrupted run can resume.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingested_files",
        sa.Column("source_path", sa.String, primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("mtime_ns", sa.BigInteger, nullable=False),
        sa.Column("fingerprint", sa.String, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("completed_at", sa.String, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ingested_files")
