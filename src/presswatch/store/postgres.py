"""PostgreSQL backend (psycopg 3): a generated tsvector column with a GIN index, ts_rank and ts_headline.

The parsed query (store/query.py) is turned into a tsquery expression built from plainto_tsquery /
phraseto_tsquery per term, combined with tsquery_and / tsquery_or / tsquery_not, so user text is always
a bound parameter and never tsquery syntax: no input can make PostgreSQL raise a syntax error.
A term made only of stop words ("the", "to be or not to be"), which the English index leaves out, is
matched on the unstemmed words of the article instead, so it finds what it finds on SQLite.
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
SIMPLE_CONFIG = "simple"  # no stemming, no stop words
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
search_vector = sa.literal_column("articles.search_vector")
_ALL_TEXT = sa.func.concat_ws(" ", articles.c.title, articles.c.standfirst, articles.c.text)
# One advisory lock for the writers of a PressWatch database: a write batch reads which articles exist
# and then inserts the new ones, so two ingest processes reaching the same wire story at once would
# both insert it and one batch would fail on the unique id. Taken per transaction, released at commit
# or rollback.
WRITE_LOCK_KEY = 0x7072_6573_7377_6174  # "presswat"


def create_postgres_engine(url: sa.URL) -> Engine:
    return sa.create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True)


def _config(name: str) -> Any:
    return sa.literal(name).cast(sa.dialects.postgresql.REGCONFIG)


def _term_query(term: Term, config_name: str = TS_CONFIG) -> Any:
    config = _config(config_name)
    if term.phrase:
        return sa.func.phraseto_tsquery(config, term.text)
    if term.prefix:
        stem = re.sub(r"\W+", "", term.text)
        if stem:
            return sa.func.to_tsquery(config, stem + ":*")
    return sa.func.plainto_tsquery(config, term.text)


def _balanced(parts: list[Any], join: Any) -> Any:
    """``join`` over ``parts`` as a balanced tree: a long query nests log2(n) deep, not n (which
    overflowed the SQL compiler's recursion at about 90 words)."""
    if not parts:
        return None
    while len(parts) > 1:
        parts = [join(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i] for i in range(0, len(parts), 2)]
    return parts[0]


def to_tsquery(parsed: ParsedQuery, *, skip: frozenset[Term] = frozenset(), config_name: str = TS_CONFIG) -> Any:
    """One tsquery for the whole query (for ranking and excerpts); ``skip``: terms left out. None when
    no term is left."""
    groups = []
    for group in parsed.groups:
        include = [_term_query(t, config_name) for t in group.include if t not in skip]
        if not include:
            continue
        exclude = [sa.func.tsquery_not(_term_query(t, config_name)) for t in group.exclude if t not in skip]
        groups.append(_balanced(include + exclude, sa.func.tsquery_and))
    return _balanced(groups, sa.func.tsquery_or)


class PostgresStore(SqlStore):
    def _common_terms(self, parsed: ParsedQuery) -> frozenset[Term]:
        """The terms made only of stop words ("the", "to be or not to be"): the English index leaves
        those words out, so they are matched on the unstemmed words of the text instead."""
        terms = list(dict.fromkeys(t for g in parsed.groups for t in (*g.include, *g.exclude)))
        with self._read() as conn:
            sizes = conn.execute(sa.select(*(sa.func.numnode(_term_query(t)) for t in terms))).one()
        return frozenset(t for t, n in zip(terms, sizes) if n == 0)

    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A write transaction that first waits for any other PressWatch writer on this database
        (SQLite gets the same from BEGIN IMMEDIATE)."""
        with self.engine.begin() as conn:
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))
            yield conn

    def full_text(self, parsed: ParsedQuery) -> FullText:
        common = self._common_terms(parsed)

        def matches(term: Term) -> Any:
            if term in common:
                return sa.func.to_tsvector(_config(SIMPLE_CONFIG), _ALL_TEXT).op("@@", return_type=sa.Boolean)(
                    _term_query(term, SIMPLE_CONFIG)
                )
            return search_vector.op("@@", return_type=sa.Boolean)(_term_query(term))

        condition = sa.or_(
            *(sa.and_(*(matches(t) for t in g.include), *(sa.not_(matches(t)) for t in g.exclude)) for g in parsed.groups)
        )
        tsq = to_tsquery(parsed, skip=common)
        config_name = TS_CONFIG
        if tsq is None:  # only common words: rank all alike, mark them in the unstemmed text
            tsq, config_name = to_tsquery(parsed, config_name=SIMPLE_CONFIG), SIMPLE_CONFIG
            rank = sa.literal(0)
        else:
            rank = -sa.func.ts_rank(search_vector, tsq)
        return FullText(
            from_clause=articles,
            condition=condition,
            rank=rank,
            # Body text first, then standfirst, then title; the store shows the first with a match.
            snippets=tuple(  # type: ignore[arg-type]
                sa.func.ts_headline(
                    _config(config_name), sa.func.translate(column, "<>", ANGLE_OPEN + ANGLE_CLOSE), tsq, HEADLINE_OPTIONS
                )
                for column in (articles.c.text, articles.c.standfirst, articles.c.title)
            ),
        )
