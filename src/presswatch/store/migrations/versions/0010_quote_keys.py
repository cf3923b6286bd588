"""Quote provenance: lookup keys of every quote (``quote_keys``), filled from the stored quotes.

The keys are computed by ``presswatch.dedup.quotes.quote_keys`` as it is when this runs; a change of
that function needs a migration that fills the table again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _fill() -> None:
    from presswatch.dedup.quotes import quote_keys, quote_words

    bind = op.get_bind()
    quotes = sa.table(
        "quotes", sa.column("quote_pk", sa.Integer), sa.column("article_id", sa.String),
        sa.column("position", sa.Integer), sa.column("text", sa.Text),
    )
    keys = sa.table("quote_keys", sa.column("article_id", sa.String), sa.column("position", sa.Integer),
                    sa.column("key", sa.String))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(quotes.c.quote_pk, quotes.c.article_id, quotes.c.position, quotes.c.text)
            .where(quotes.c.quote_pk > last).order_by(quotes.c.quote_pk).limit(2000)
        ).all()
        if not rows:
            return
        params = {
            (r.article_id, r.position, key): {"article_id": r.article_id, "position": r.position, "key": key}
            for r in rows for key in quote_keys(quote_words(r.text or ""))
        }
        if params:
            bind.execute(sa.insert(keys), list(params.values()))
        last = rows[-1].quote_pk


def upgrade() -> None:
    op.create_table(
        "quote_keys",
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, primary_key=True),
    )
    op.create_index("ix_quote_keys_key", "quote_keys", ["key"])
    _fill()


def downgrade() -> None:
    op.drop_index("ix_quote_keys_key", "quote_keys")
    op.drop_table("quote_keys")
