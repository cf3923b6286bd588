"""Clients that read the database itself: an FTS table Datasette finds, a foreign key from a quote's
speaker to the person, and each quote's confidence as a column.

- SQLite: ``articles_fts`` is recreated with ``content="articles"`` (double quotes): Datasette and
  sqlite-utils find an external-content index by that spelling (or ``content=[articles]``), not by
  ``content='articles'``. Same columns, tokenizer and triggers; the index is rebuilt.
- ``quotes.speaker_person_id`` references ``people.person_id`` (ON DELETE SET NULL). Ids that name no
  person row are set to NULL first. SQLite needs a table rebuild for it (batch mode).
- ``quotes.confidence`` (``nlp.quote_confidence``), filled from the stored records.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FK_NAME = "fk_quotes_speaker_person_id_people"
_TRIGGERS = ("articles_fts_ai", "articles_fts_ad", "articles_fts_au")


def sqlite_fts(content: str) -> list[str]:
    """The FTS5 table over ``articles`` and its triggers; ``content`` is how the option is spelt."""
    return [
        f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, standfirst, text,
        content={content}, content_rowid='pk',
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


def _replace_fts(content: str) -> None:
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    for statement in sqlite_fts(content):
        op.execute(statement)


def _fill_confidence() -> None:
    bind = op.get_bind()
    articles = sa.table("articles", sa.column("id", sa.String), sa.column("record", sa.JSON))
    quotes = sa.table(
        "quotes", sa.column("article_id", sa.String), sa.column("position", sa.Integer), sa.column("confidence", sa.Float)
    )
    update = (
        sa.update(quotes)
        .where(quotes.c.article_id == sa.bindparam("a_id"), quotes.c.position == sa.bindparam("pos"))
        .values(confidence=sa.bindparam("conf"))
    )
    last = ""
    while True:
        rows = bind.execute(
            sa.select(articles.c.id, articles.c.record).where(articles.c.id > last).order_by(articles.c.id).limit(500)
        ).all()
        if not rows:
            return
        params = []
        for article_id, record in rows:
            if isinstance(record, str):
                record = json.loads(record)
            for position, quote in enumerate((record or {}).get("quotes") or ()):
                value = quote.get("confidence") if isinstance(quote, dict) else None
                if isinstance(value, (int, float)):
                    params.append({"a_id": article_id, "pos": position, "conf": float(value)})
        if params:
            bind.execute(update, params)
        last = rows[-1][0]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(
        "UPDATE quotes SET speaker_person_id = NULL WHERE speaker_person_id IS NOT NULL "
        "AND speaker_person_id NOT IN (SELECT person_id FROM people)"
    )
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("confidence", sa.Float))
        batch.create_foreign_key(FK_NAME, "people", ["speaker_person_id"], ["person_id"], ondelete="SET NULL")
    _fill_confidence()
    if dialect == "sqlite":
        _replace_fts('"articles"')


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _replace_fts("'articles'")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_constraint(FK_NAME, type_="foreignkey")
        batch.drop_column("confidence")
