"""Keep the article record as JSON text on PostgreSQL, not JSONB.

JSONB reorders object keys (shorter keys first), which lost the page order of a comment form's
messages; the record is only ever read whole, so JSONB's indexing buys nothing here.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE articles ALTER COLUMN record TYPE json USING record::json")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE articles ALTER COLUMN record TYPE jsonb USING record::jsonb")
