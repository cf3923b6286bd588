"""Monitoring: sources (feeds, sitemaps) with their health, the URLs seen, article versions.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.String, nullable=False, unique=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("every_s", sa.Integer, nullable=False),
        sa.Column("added_at", sa.String, nullable=False),
        sa.Column("next_due_at", sa.String, nullable=False),
        sa.Column("last_polled_at", sa.String),
        sa.Column("last_success_at", sa.String),
        sa.Column("last_new_item_at", sa.String),
        sa.Column("consecutive_errors", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", sa.String),
        sa.Column("etag", sa.String),
        sa.Column("last_modified", sa.String),
    )
    op.create_index("ix_sources_next_due_at", "sources", ["next_due_at"])
    op.create_table(
        "seen_urls",
        sa.Column("url", sa.String, primary_key=True),
        sa.Column("source_id", sa.Integer),
        sa.Column("first_seen_at", sa.String, nullable=False),
        sa.Column("last_fetched_at", sa.String),
        sa.Column("listed_lastmod", sa.String),
        sa.Column("etag", sa.String),
        sa.Column("last_modified", sa.String),
        sa.Column("article_id", sa.String),
        sa.Column("outcome", sa.String, nullable=False),
    )
    op.create_index("ix_seen_urls_source_id", "seen_urls", ["source_id"])
    op.create_index("ix_seen_urls_first_seen_at", "seen_urls", ["first_seen_at"])
    op.create_table(
        "article_versions",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("fetched_at", sa.String, nullable=False),
        sa.Column("content_hash", sa.String, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("quotes", JSONType, nullable=False),
    )
    op.create_index("ix_article_versions_article_id", "article_versions", ["article_id"])


def downgrade() -> None:
    op.drop_table("article_versions")
    op.drop_table("seen_urls")
    op.drop_table("sources")
