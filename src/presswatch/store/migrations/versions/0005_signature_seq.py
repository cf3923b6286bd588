"""Dedup signatures carry the write that stored them, so a writer can catch up on other writers.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("signatures") as batch:
        batch.add_column(sa.Column("seq", sa.BigInteger, nullable=False, server_default="0"))
    op.create_index("ix_signatures_seq", "signatures", ["seq"])


def downgrade() -> None:
    op.drop_index("ix_signatures_seq", table_name="signatures")
    with op.batch_alter_table("signatures") as batch:
        batch.drop_column("seq")
