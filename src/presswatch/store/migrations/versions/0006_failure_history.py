"""Failures are remembered: how often and since when a document failed, and the ledger keeps files
that ended with a failure, so an unchanged one is not read again unless asked.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("failures") as batch:
        batch.add_column(sa.Column("first_failed_at", sa.String, nullable=True))
        batch.add_column(sa.Column("times", sa.Integer, nullable=False, server_default="1"))
    op.execute("UPDATE failures SET first_failed_at = failed_at")
    with op.batch_alter_table("ingested_files") as batch:
        batch.add_column(sa.Column("failures", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("ingested_files") as batch:
        batch.drop_column("failures")
    with op.batch_alter_table("failures") as batch:
        batch.drop_column("times")
        batch.drop_column("first_failed_at")
