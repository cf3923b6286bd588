"""SQLite backend: WAL, foreign keys, FTS5 with bm25 ranking and HTML-safe snippets.

Concurrency: readers use pooled connections (``check_same_thread`` off, so a web server's thread pool
can share the engine) and, thanks to WAL, never block on the writer. Writes are serialised in-process
by a lock and across processes by ``BEGIN IMMEDIATE`` plus a busy timeout, so two writers wait for each
other instead of one failing with "database is locked" halfway through a transaction.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from presswatch.errors import QueryError
from presswatch.store.query import ParsedQuery, to_fts5
from presswatch.store.schema import articles
from presswatch.store.sql import MARK_END, MARK_START, FullText, SqlStore

BUSY_TIMEOUT_S = 30
# bm25 column weights: a match in the title counts most, then the standfirst, then the body.
BM25_WEIGHTS = (10.0, 5.0, 1.0)
SNIPPET_TOKENS = 24
#: articles_fts columns in the order a snippet prefers them: text, standfirst, title.
FTS_BODY_FIRST = (2, 1, 0)

articles_fts = sa.table("articles_fts", sa.column("rowid"))


def create_sqlite_engine(url: sa.URL) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}}
    if in_memory:  # one shared connection, or every pooled connection would see its own empty database
        kwargs["poolclass"] = sa.StaticPool
    else:
        kwargs.update(pool_size=8, max_overflow=8)
    engine = sa.create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event issue BEGIN itself: pysqlite's implicit transactions skip DDL
        # and cannot take the write lock up front.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")  # first: switching to WAL may wait
        if not in_memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("presswatch_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class SQLiteStore(SqlStore):
    def __init__(self, engine: Engine, url: str) -> None:
        super().__init__(engine, url)
        self._write_lock = threading.Lock()

    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        with self._write_lock, self.engine.connect() as conn:
            conn = conn.execution_options(presswatch_write=True)
            with conn.begin():
                yield conn

    def full_text(self, parsed: ParsedQuery) -> FullText:
        match = sa.literal_column("articles_fts").op("MATCH")(sa.bindparam("fts_query", to_fts5(parsed)))
        return FullText(
            from_clause=articles.join(articles_fts, articles_fts.c.rowid == articles.c.pk),
            condition=match,
            rank=sa.func.bm25(sa.literal_column("articles_fts"), *BM25_WEIGHTS),
            # One excerpt per column (2 = text, 1 = standfirst, 0 = title): column -1 would let FTS5
            # pick, and it picks the short title whenever the title matches at all.
            snippets=tuple(  # type: ignore[arg-type]
                sa.func.snippet(sa.literal_column("articles_fts"), column, MARK_START, MARK_END, "…", SNIPPET_TOKENS)
                for column in FTS_BODY_FIRST
            ),
            index_only=(articles_fts, articles_fts.c.rowid),
        )

    def query_error(self, exc: sa.exc.DBAPIError, query: str) -> QueryError | None:
        message = str(exc.orig)
        if "fts5" in message or "syntax error" in message or "malformed MATCH" in message:
            return QueryError(f"Malformed search query {query!r}: {message}")
        return None
