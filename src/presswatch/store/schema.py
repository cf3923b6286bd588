"""The tables, as SQLAlchemy Core metadata shared by every backend.

The migrations in ``store/migrations/versions`` create exactly this schema (a test compares them);
the full-text parts are backend-specific and live only in the migrations:
SQLite gets an external-content FTS5 table ``articles_fts`` kept in sync by triggers,
PostgreSQL a generated ``tsvector`` column ``articles.search_vector`` with a GIN index.

Why ``articles`` has an integer ``pk`` beside the ``id`` every other table references: FTS5's
external content is addressed by an integer rowid, and SQLite's VACUUM may renumber the implicit
rowid of a table without an INTEGER PRIMARY KEY, which would silently detach the index from its rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

#: JSON on SQLite (text), JSONB on PostgreSQL.
JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String, nullable=False, unique=True),
    sa.Column("content_hash", sa.String, nullable=False),
    sa.Column("url", sa.String),
    sa.Column("site", sa.String, index=True),  # the outlet's name (store/sites.py)
    sa.Column("host", sa.String, index=True),
    sa.Column("site_given", sa.Boolean, nullable=False, server_default=sa.false()),  # the page named it
    sa.Column("title", sa.Text),
    sa.Column("standfirst", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published", sa.String, index=True),  # ISO 8601 text: sorts and compares as written
    sa.Column("language", sa.String),
    sa.Column("source_path", sa.String, nullable=False, index=True),
    sa.Column("cluster_id", sa.String, index=True),
    sa.Column("canonical_id", sa.String),
    sa.Column("is_canonical", sa.Boolean, nullable=False, server_default=sa.true()),
    # The export record without ``text`` (kept once, in its column) and without the fields the
    # store owns (cluster fields, comments_count): entities, people, quotes, removed lines, comment form.
    # JSON, not JSONB, on PostgreSQL too: JSONB reorders keys, and the record is only read whole.
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("stored_at", sa.String, nullable=False),
    sa.Column("updated_at", sa.String, nullable=False),
)

people = sa.Table(
    "people",
    metadata,
    sa.Column("person_id", sa.String, primary_key=True),  # slug of the full name: "nikolai-patrushev"
    sa.Column("name", sa.String, nullable=False, index=True),
    sa.Column("roles", JSONType, nullable=False),  # every role seen, in first-seen order
)

article_people = sa.Table(
    "article_people",
    metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.String, sa.ForeignKey("people.person_id", ondelete="CASCADE"), primary_key=True, index=True),
    sa.Column("name", sa.String, nullable=False),  # the name as this article gives it
    sa.Column("roles", JSONType, nullable=False),
    sa.Column("mention_count", sa.Integer, nullable=False, server_default="0"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("quote_pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),  # order within the article
    sa.Column("speaker", sa.String),
    # SET NULL: a person row goes only when no article names them any more; a quote is never lost with it
    sa.Column("speaker_person_id", sa.String, sa.ForeignKey("people.person_id", ondelete="SET NULL"), index=True),
    sa.Column("speaker_type", sa.String, nullable=False),
    sa.Column("speaker_role", sa.String),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("cue", sa.String),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("speaker_key", sa.String, index=True),  # the speaker's written name form (person_names)
    sa.Column("confidence", sa.Float),  # nlp.quote_confidence; NULL where no model scored the quote
)

# Lookup keys of each quote (``dedup.quotes.quote_keys``): the exact key of its normalised words and,
# for quotes long enough to be matched across stories, MinHash band keys. Provenance finds the other
# printings of a quote through them, then checks each candidate with ``dedup.quotes.same_quotation``.
quote_keys = sa.Table(
    "quote_keys",
    metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),  # the quote's position in its article
    sa.Column("key", sa.String, primary_key=True, index=True),
)

# Identity across articles (``presswatch.people.identity``): every written name form, the block of
# forms it is compared with, and the person it resolved to (NULL: not a person, a mislabelled brand).
person_names = sa.Table(
    "person_names",
    metadata,
    sa.Column("name_key", sa.String, primary_key=True),  # slug of the name as written: "donald-j-trump"
    sa.Column("name", sa.String, nullable=False),
    sa.Column("block", sa.String, nullable=False, index=True),
    sa.Column("person_id", sa.String, index=True),
    sa.Column("evidence", sa.Text, nullable=False, server_default=""),  # why it is that person
)

# The people of each article as the text gives them, before identity: what identity is recomputed from.
person_mentions = sa.Table(
    "person_mentions",
    metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("name_key", sa.String, primary_key=True, index=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("roles", JSONType, nullable=False),
    sa.Column("evidence", JSONType, nullable=False),  # person evidence the article gives
    sa.Column("gender_cues", JSONType, nullable=False),  # "he", "Ms.", "congresswoman" ...
    sa.Column("mention_count", sa.Integer, nullable=False, server_default="0"),
)

# A person id that a merge retired, and the person it now is.
person_redirects = sa.Table(
    "person_redirects",
    metadata,
    sa.Column("old_id", sa.String, primary_key=True),
    sa.Column("person_id", sa.String, nullable=False),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("source_path", sa.String, primary_key=True),
    sa.Column("stage", sa.String, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("failed_at", sa.String, nullable=False),  # the last time
    sa.Column("first_failed_at", sa.String),
    sa.Column("times", sa.Integer, nullable=False, server_default="1"),
)

comments = sa.Table(
    "comments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("comment", sa.Text, nullable=False),
    sa.Column("created_at", sa.String, nullable=False),  # ISO 8601, UTC
    sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
)

signatures = sa.Table(
    "signatures",
    metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("blob", sa.LargeBinary, nullable=False),
    # The write that stored this blob: writers take turns, each numbering its write one past the
    # highest so far, so another writer catches up by reading what came after the last it saw.
    sa.Column("seq", sa.BigInteger, nullable=False, server_default="0", index=True),
)

# The checkpoint ledger: files an ingest finished. Keyed by the path as the walk names it, like
# ``failures``; a row is written in the same transaction as the file's last document.
ingested_files = sa.Table(
    "ingested_files",
    metadata,
    sa.Column("source_path", sa.String, primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("mtime_ns", sa.BigInteger, nullable=False),  # nanoseconds since the epoch: needs 64 bits
    sa.Column("fingerprint", sa.String, nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("completed_at", sa.String, nullable=False),  # ISO 8601, UTC
    # documents of the file that failed last time it was read (0: the file is done)
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
)

# Monitoring (``presswatch.watch``): the feeds and sitemaps polled, every URL seen (so a restart
# fetches nothing twice, and a re-fetch is conditional), and each text an article has had.
sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("url", sa.String, nullable=False, unique=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("kind", sa.String, nullable=False),  # feed | sitemap
    sa.Column("every_s", sa.Integer, nullable=False),
    sa.Column("added_at", sa.String, nullable=False),  # ISO 8601, UTC, like every time below
    sa.Column("next_due_at", sa.String, nullable=False, index=True),
    sa.Column("last_polled_at", sa.String),
    sa.Column("last_success_at", sa.String),
    sa.Column("last_new_item_at", sa.String),
    sa.Column("consecutive_errors", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", sa.String),
    sa.Column("etag", sa.String),
    sa.Column("last_modified", sa.String),
)

seen_urls = sa.Table(
    "seen_urls",
    metadata,
    sa.Column("url", sa.String, primary_key=True),  # canonical (fetch/urls.py)
    sa.Column("source_id", sa.Integer, index=True),  # the source that first listed it (NULL: `presswatch fetch`)
    sa.Column("first_seen_at", sa.String, nullable=False, index=True),
    sa.Column("last_fetched_at", sa.String),
    sa.Column("listed_lastmod", sa.String),  # the feed's or sitemap's date for it, when it gave one
    sa.Column("etag", sa.String),
    sa.Column("last_modified", sa.String),
    sa.Column("article_id", sa.String),
    sa.Column("outcome", sa.String, nullable=False),  # stored | failed | pending
)

article_versions = sa.Table(
    "article_versions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("fetched_at", sa.String, nullable=False),  # when this text was fetched, never the publication date
    sa.Column("content_hash", sa.String, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("quotes", JSONType, nullable=False),  # [{"speaker", "text"}] as found in this version
)

# One row each time a source's health status changes to stalled or failing, or back to ok: the
# entries of the health-alerts Atom feed. Kept when the source is removed (the name and URL are copied).
source_alerts = sa.Table(
    "source_alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_id", sa.Integer, nullable=False, index=True),
    sa.Column("source_name", sa.String, nullable=False),
    sa.Column("source_url", sa.String, nullable=False),
    sa.Column("status", sa.String, nullable=False),  # stalled | failing | ok (recovered)
    sa.Column("at", sa.String, nullable=False, index=True),  # ISO 8601, UTC: the poll that saw the change
    sa.Column("detail", sa.Text, nullable=False),
)

__all__ = [
    "metadata", "articles", "people", "article_people", "quotes", "quote_keys", "failures", "comments", "signatures", "ingested_files",
    "person_names", "person_mentions", "person_redirects", "sources", "seen_urls", "article_versions",
    "source_alerts",
]
