"""PostgreSQL backend (psycopg 3): a generated tsvector column with a GIN index, ts_rank and ts_headline.

The parsed query (store/query.py) is turned into a tsquery expression built from plainto_tsquery /
phraseto_tsquery per term, combined with tsquery_and / tsquery_or / tsquery_not, so user text is always
a bound parameter and never tsquery syntax: no input can make PostgreSQL raise a syntax error.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from presswatch.store.query import ParsedQuery, Term
from presswatch.store.schema import articles
from presswatch.store.sql import ANGLE_CLOSE, ANGLE_OPEN, MARK_END, MARK_START, FullText, SqlStore

TS_CONFIG = "english"
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
search_vector = sa.literal_column("articles.search_vector")
# One advisory lock for the writers of a PressWatch database: a write batch reads which articles exist
# and then inserts the new ones, so two ingest processes reaching the same wire story at once would
# both insert it and one batch would fail on the unique id. Taken per transaction, released at commit
# or rollback.
WRITE_LOCK_KEY = 0x7072_6573_7377_6174  # "presswat"


def create_postgres_engine(url: sa.URL) -> Engine:
    return sa.create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True)


def _term_query(term: Term) -> Any:
    config = sa.literal(TS_CONFIG).cast(sa.dialects.postgresql.REGCONFIG)
    if term.phrase:
        return sa.func.phraseto_tsquery(config, term.text)
    if term.prefix:
        stem = re.sub(r"\W+", "", term.text)
        if stem:
            return sa.func.to_tsquery(config, stem + ":*")
    return sa.func.plainto_tsquery(config, term.text)


def to_tsquery(parsed: ParsedQuery) -> Any:
    expr = None
    for group in parsed.groups:
        part = None
        for term in group.include:
            q = _term_query(term)
            part = q if part is None else sa.func.tsquery_and(part, q)
        for term in group.exclude:
            part = sa.func.tsquery_and(part, sa.func.tsquery_not(_term_query(term)))
        expr = part if expr is None else sa.func.tsquery_or(expr, part)
    return expr


class PostgresStore(SqlStore):
    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A write transaction that waits for any other PressWatch database writer on this database first
        (SQLite gets the same from BEGIN IMMEDIATE)."""
        with self.engine.begin() as conn:
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))
            yield conn

    def full_text(self, parsed: ParsedQuery) -> FullText:
        tsq = to_tsquery(parsed)
        config = sa.literal(TS_CONFIG).cast(sa.dialects.postgresql.REGCONFIG)
        return FullText(
            from_clause=articles,
            condition=search_vector.op("@@")(tsq),
            rank=-sa.func.ts_rank(search_vector, tsq),
            # Body text first, then standfirst, then title; the store shows the first with a match.
            snippets=tuple(  # type: ignore[arg-type]
                sa.func.ts_headline(config, sa.func.translate(column, "<>", ANGLE_OPEN + ANGLE_CLOSE), tsq, HEADLINE_OPTIONS)
                for column in (articles.c.text, articles.c.standfirst, articles.c.title)
            ),
        )
