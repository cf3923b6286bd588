"""Identity across articles: written name forms, the people they resolve to, retired ids.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("speaker_key", sa.String))
        batch.create_index("ix_quotes_speaker_key", ["speaker_key"])
    op.create_table(
        "person_names",
        sa.Column("name_key", sa.String, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("block", sa.String, nullable=False),
        sa.Column("person_id", sa.String),
        sa.Column("evidence", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_person_names_block", "person_names", ["block"])
    op.create_index("ix_person_names_person_id", "person_names", ["person_id"])
    op.create_table(
        "person_mentions",
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name_key", sa.String, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("roles", JSONType, nullable=False),
        sa.Column("evidence", JSONType, nullable=False),
        sa.Column("gender_cues", JSONType, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_person_mentions_name_key", "person_mentions", ["name_key"])
    op.create_table(
        "person_redirects",
        sa.Column("old_id", sa.String, primary_key=True),
        sa.Column("person_id", sa.String, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("person_redirects")
    op.drop_index("ix_person_mentions_name_key", "person_mentions")
    op.drop_table("person_mentions")
    op.drop_index("ix_person_names_person_id", "person_names")
    op.drop_index("ix_person_names_block", "person_names")
    op.drop_table("person_names")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_index("ix_quotes_speaker_key")
        batch.drop_column("speaker_key")
