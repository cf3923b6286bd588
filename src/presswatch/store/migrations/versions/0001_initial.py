"""Initial schema: articles with full-text search, people, quotes, failures, comments, signatures.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

# SQLite: an external-content FTS5 index over the articles table (sqlite-utils' enable_fts is the
# model). The triggers keep it in sync on every insert, update and delete, so no code path can forget.
# The porter stemmer makes "strikes" find "strike", as PostgreSQL's english configuration does.
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, standfirst, text,
        content='articles', content_rowid='pk',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, standfirst, text)
        VALUES (new.pk, new.title, new.standfirst, new.text);
    END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, text)
        VALUES ('delete', old.pk, old.title, old.standfirst, old.text);
    END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, standfirst, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, text)
        VALUES ('delete', old.pk, old.title, old.standfirst, old.text);
        INSERT INTO articles_fts(rowid, title, standfirst, text)
        VALUES (new.pk, new.title, new.standfirst, new.text);
    END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]

# PostgreSQL: a stored generated tsvector (title weighted above standfirst above body) and a GIN index.
POSTGRES_FTS = [
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(standfirst, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(text, '')), 'C')
    ) STORED""",
    "CREATE INDEX ix_articles_search_vector ON articles USING GIN (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String, nullable=False),
        sa.Column("content_hash", sa.String, nullable=False),
        sa.Column("url", sa.String),
        sa.Column("site", sa.String),
        sa.Column("title", sa.Text),
        sa.Column("standfirst", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", sa.String),
        sa.Column("language", sa.String),
        sa.Column("source_path", sa.String, nullable=False),
        sa.Column("cluster_id", sa.String),
        sa.Column("canonical_id", sa.String),
        sa.Column("is_canonical", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("record", JSONType, nullable=False),
        sa.Column("stored_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.UniqueConstraint("id"),
    )
    for column in ("site", "published", "source_path", "cluster_id"):
        op.create_index(f"ix_articles_{column}", "articles", [column])

    op.create_table(
        "people",
        sa.Column("person_id", sa.String, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("roles", JSONType, nullable=False),
    )
    op.create_index("ix_people_name", "people", ["name"])

    op.create_table(
        "article_people",
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("person_id", sa.String, sa.ForeignKey("people.person_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("roles", JSONType, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_article_people_person_id", "article_people", ["person_id"])

    op.create_table(
        "quotes",
        sa.Column("quote_pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("speaker", sa.String),
        sa.Column("speaker_person_id", sa.String),
        sa.Column("speaker_type", sa.String, nullable=False),
        sa.Column("speaker_role", sa.String),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("cue", sa.String),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_quotes_speaker_person_id", "quotes", ["speaker_person_id"])

    op.create_table(
        "failures",
        sa.Column("source_path", sa.String, primary_key=True),
        sa.Column("stage", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("failed_at", sa.String, nullable=False),
    )

    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_comments_article_id", "comments", ["article_id"])

    op.create_table(
        "signatures",
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("blob", sa.LargeBinary, nullable=False),
    )

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("signatures", "comments", "failures", "quotes", "article_people", "people", "articles"):
        op.drop_table(table)
