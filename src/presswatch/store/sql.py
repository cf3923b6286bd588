"""The Store implementation shared by every SQL backend (SQLAlchemy Core).

Backends (``sqlite.py``, ``postgres.py``) only supply what genuinely differs: how a connection is
set up, how a write transaction starts, and how a parsed query becomes a full-text condition, a rank
and a snippet. Everything else -- upserts with side tables, people, quotes, clusters, comments,
filters and facets -- is written once, here.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, Row

from presswatch import config
from presswatch.errors import NotFound, PressWatchError, QueryError, StoreError
from presswatch.model import Article, Cluster, Comment, Failure, Quote
from presswatch.store.base import (
    ClusterAssignment,
    CompletedFile,
    FailureSeen,
    MonthCount,
    PersonDetail,
    PersonSummary,
    QuoteCopy,
    QuoteHit,
    RoleSeen,
    SearchHit,
    SignatureChanges,
    SiteCount,
    SpeakerCount,
    SearchPage,
    UpsertOutcome,
    QUOTE_KINDS,
    SPEAKER_TYPES,
    person_id_for,
)
from presswatch.dedup.quotes import QuoteProvenance
from presswatch.people.sources import QuotedSource, SourceStats, source_stats
from presswatch.store.query import ParsedQuery, parse_query
from presswatch.store.schema import (
    article_people,
    articles,
    comments,
    failures,
    ingested_files,
    people,
    person_mentions,
    person_names,
    quotes,
    quote_keys,
    signatures,
)
from presswatch.store import identity, provenance, sites

#: Private-use characters the engines put around matches; after HTML-escaping the snippet they become
#: <mark> tags, so the only markup a snippet can ever contain is ours.
MARK_START = "\ue000"
MARK_END = "\ue001"
#: PostgreSQL's headline parser drops anything that looks like an HTML tag, so the PostgreSQL backend
#: hands it the text with < and > swapped for these, and safe_snippet swaps them back before escaping.
ANGLE_OPEN = "\ue002"
ANGLE_CLOSE = "\ue003"
FACET_LIMIT = 20
SNIPPET_CHARS = 240

def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def safe_snippet(marked: str) -> str:
    """Escape everything, then turn the engine's sentinels into <mark> tags (balanced)."""
    out: list[str] = []
    open_mark = False
    for part in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if part == MARK_START:
            if not open_mark:
                out.append("<mark>")
                open_mark = True
        elif part == MARK_END:
            if open_mark:
                out.append("</mark>")
                open_mark = False
        else:
            out.append(html.escape(part.replace(ANGLE_OPEN, "<").replace(ANGLE_CLOSE, ">"), quote=False))
    if open_mark:
        out.append("</mark>")
    return "".join(out)


def best_snippet(candidates: Sequence[str | None]) -> str:
    """The first excerpt with a highlighted match (candidates come body first, title last); else the
    first non-empty one, for a hit that matched without a highlight (an excluded word only, say)."""
    present = [c for c in candidates if c and c.strip()]
    for candidate in present:
        if MARK_START in candidate:
            return candidate
    return present[0] if present else ""


def lead_snippet(article_text: str | None) -> str:
    """The snippet of a hit without a query: the start of the text, cut at a word."""
    text = " ".join((article_text or "").split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def iso_bound(value: str, name: str) -> str:
    """Check a since/until bound is an ISO date or datetime; QueryError says what is expected."""
    try:
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{name} must be an ISO date like 2024-03-01, not {value!r}") from None
    return value


@dataclass(frozen=True, slots=True)
class FullText:
    """What a backend contributes to a search: how to join its index, match, rank and highlight."""

    from_clause: Any  # articles joined with the index, or articles itself
    condition: Any
    rank: Any  # smaller is better
    # Excerpts of the body text, the standfirst and the title (in that order of preference), each with
    # MARK_START / MARK_END around matches: the hit shows the first that has a match, so a query that
    # matches the body shows body text rather than the title the page already prints above it.
    snippets: tuple[Any, Any, Any]
    #: the index alone and its key column (the article's ``pk``), where ``condition`` and ``rank`` can
    #: be evaluated without reading the articles: an unfiltered search ranks there first (SQLite)
    index_only: tuple[Any, Any] | None = None


#: extra rows an index-only ranking fetches beyond the page, so that ties at its end can be ordered
RANK_SLACK = 32


def _page_by_full_order(rows: Sequence[Row], keys: dict[int, tuple[str | None, str]]) -> list[Row]:
    """``rows`` (pk, rank) in the order of the SQL search: rank, then published (newest first,
    undated last), then id."""
    out = sorted(rows, key=lambda r: keys[r.pk][1])
    out.sort(key=lambda r: keys[r.pk][0] or "", reverse=True)
    out.sort(key=lambda r: (r.rank, keys[r.pk][0] is None))
    return out


class SqlStore:
    """A Store over an SQLAlchemy engine; subclasses provide the full-text search hooks."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    # --- hooks ----------------------------------------------------------------------------
    def full_text(self, parsed: ParsedQuery) -> FullText:
        raise NotImplementedError

    def query_error(self, exc: sa.exc.DBAPIError, query: str) -> QueryError | None:
        """A backend's own syntax error for a query that our parser let through, if it is one."""
        return None

    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def upsert_rows(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]], keys: list[str]) -> None:
        """INSERT .. ON CONFLICT (keys) DO UPDATE, which both SQLite and PostgreSQL spell the same."""
        if not rows:
            return
        stmt = self._insert(table)
        updates = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
        conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=updates), rows)

    # --- plumbing -------------------------------------------------------------------------
    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self.write_connection() as conn:
                yield conn
        except PressWatchError:
            raise
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"Could not write to {self.url}: {_short(exc)}") from exc

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except PressWatchError:
            raise
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"Could not read from {self.url}: {_short(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "SqlStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    # --- articles -------------------------------------------------------------------------
    def upsert_articles(self, batch: Sequence[Article]) -> list[UpsertOutcome]:
        return self.write_batch(batch)

    def write_batch(
        self,
        batch: Sequence[Article],
        *,
        failures: Sequence[Failure] = (),
        assignments: Sequence[ClusterAssignment] = (),
        signatures: Sequence[tuple[str, bytes]] = (),
        completed_files: Sequence[CompletedFile] = (),
        incomplete_files: Sequence[str] = (),
    ) -> list[UpsertOutcome]:
        with self.writing() as session:
            return session.write_batch(
                batch,
                failures=failures,
                assignments=assignments,
                signatures=signatures,
                completed_files=completed_files,
                incomplete_files=incomplete_files,
            )

    @contextlib.contextmanager
    def writing(self) -> Iterator["SqlWriteSession"]:
        with self._write() as conn:
            yield SqlWriteSession(self, conn)

    def signature_seq(self) -> int:
        with self._read() as conn:
            return _max_seq(conn)

    def _write_batch(
        self,
        conn: Connection,
        batch: Sequence[Article],
        *,
        failures: Sequence[Failure],
        assignments: Sequence[ClusterAssignment],
        signatures: Sequence[tuple[str, bytes]],
        completed_files: Sequence[CompletedFile],
        incomplete_files: Sequence[str],
    ) -> tuple[list[UpsertOutcome], int | None]:
        outcomes = self._upsert(conn, batch)
        done_paths = {a.source_path for a in batch}
        if done_paths:
            conn.execute(sa.delete(_failures_t).where(_failures_t.c.source_path.in_(done_paths)))
        self._record_failures(conn, [f for f in failures if f.source_path not in done_paths])
        self._apply_assignments(conn, assignments)
        seq = self._save_signatures(conn, signatures)
        self._update_ledger(conn, completed_files, incomplete_files)
        return outcomes, seq

    # --- the checkpoint ledger ------------------------------------------------------------
    def _update_ledger(self, conn: Connection, completed: Sequence[CompletedFile], incomplete: Sequence[str]) -> None:
        for chunk in _chunks(sorted(set(incomplete)), 500):
            conn.execute(sa.delete(ingested_files).where(ingested_files.c.source_path.in_(chunk)))
        # A finished file has no failures: drop those left from earlier runs (a JSONL line since fixed
        # or removed), for the file itself and for its documents ``path#...``.
        done = sorted({f.source_path for f in completed if not f.failures})
        for chunk in _chunks(done, 100):
            conn.execute(
                sa.delete(_failures_t).where(
                    sa.or_(
                        _failures_t.c.source_path.in_(chunk),
                        *(_failures_t.c.source_path.startswith(path + "#", autoescape=True) for path in chunk),
                    )
                )
            )
        now = now_iso()
        rows = {
            f.source_path: {
                "source_path": f.source_path,
                "size": f.size,
                "mtime_ns": f.mtime_ns,
                "fingerprint": f.fingerprint,
                "articles": f.articles,
                "completed_at": now,
                "failures": f.failures,
            }
            for f in completed
        }
        self.upsert_rows(conn, ingested_files, list(rows.values()), ["source_path"])

    def completed_files(self) -> Iterator[CompletedFile]:
        with self._read() as conn:
            rows = conn.execute(sa.select(ingested_files).order_by(ingested_files.c.source_path)).all()
        for r in rows:
            yield CompletedFile(
                r.source_path, int(r.size), int(r.mtime_ns), r.fingerprint, int(r.articles), r.completed_at, int(r.failures)
            )

    def _upsert(self, conn: Connection, batch: Sequence[Article]) -> list[UpsertOutcome]:
        if not batch:
            return []
        ids = list({a.id for a in batch})
        # Unchanged means the whole stored record is the same, not only the body: a new title, new
        # metadata or a better NLP pass over the same text must reach the database on re-ingest.
        known: dict[str, dict[str, Any]] = {}
        compared = [articles.c[name] for name in _COMPARED_COLUMNS]
        for chunk in _chunks(ids, 500):
            rows = conn.execute(sa.select(*compared).where(articles.c.id.in_(chunk)))
            known.update((r.id, dict(r._mapping)) for r in rows)

        outcomes: list[UpsertOutcome] = []
        pending: dict[str, tuple[Article, bool]] = {}  # id -> (latest version in this batch, is new)
        for article in batch:
            previous = known.get(article.id)
            current = _compared_row(article)
            if previous == current:
                outcomes.append(UpsertOutcome.UNCHANGED)
                continue
            is_new = pending[article.id][1] if article.id in pending else previous is None
            outcomes.append(UpsertOutcome.STORED if previous is None else UpsertOutcome.UPDATED)
            pending[article.id] = (article, is_new)
            known[article.id] = current
        if not pending:
            return outcomes

        # Executemany in a few statements rather than several per article: one round of compiled SQL.
        now = now_iso()
        updated = [aid for aid, (_, is_new) in pending.items() if not is_new]
        touched_people: set[str] = set()
        old_keys: set[str] = set()
        for chunk in _chunks(updated, 500):
            old_keys |= set(
                conn.execute(sa.select(person_mentions.c.name_key).where(person_mentions.c.article_id.in_(chunk))).scalars()
            )
            conn.execute(sa.delete(person_mentions).where(person_mentions.c.article_id.in_(chunk)))
            conn.execute(sa.delete(quotes).where(quotes.c.article_id.in_(chunk)))
            conn.execute(sa.delete(quote_keys).where(quote_keys.c.article_id.in_(chunk)))
        blocks = identity.blocks_of_keys(conn, old_keys)
        new_rows = [{**_article_row(a), "stored_at": now, "updated_at": now} for a, is_new in pending.values() if is_new]
        if new_rows:
            conn.execute(sa.insert(articles), new_rows)
        by_id = articles.c.id == sa.bindparam("match_id")
        for keep_cluster in (False, True):
            rows = []
            for article, is_new in pending.values():
                if is_new or keep_cluster != (article.cluster_id is None):
                    continue
                row = {**_article_row(article), "updated_at": now, "match_id": article.id}
                del row["id"]
                if keep_cluster:  # dedup has not run on this copy: keep the cluster the row has
                    for key in ("cluster_id", "canonical_id", "is_canonical"):
                        del row[key]
                rows.append(row)
            if rows:
                conn.execute(sa.update(articles).where(by_id), rows)

        mention_rows: list[dict[str, Any]] = []
        quote_rows: list[dict[str, Any]] = []
        key_rows: list[dict[str, Any]] = []
        for article, _ in pending.values():
            rows, speaker_keys = identity.mention_rows(article)
            mention_rows += rows
            quote_rows += _quote_rows(article, speaker_keys)
            key_rows += provenance.key_rows(article)
        blocks |= identity.register_names(conn, self._insert, mention_rows)
        if mention_rows:
            conn.execute(sa.insert(person_mentions), mention_rows)
        if quote_rows:
            conn.execute(sa.insert(quotes), quote_rows)
        if key_rows:
            conn.execute(sa.insert(quote_keys), key_rows)
        # Identity for every block of names the batch touched; then the links of every article whose
        # names changed person, and of the batch itself.
        changed = identity.resolve_blocks(conn, blocks)
        identity.record_redirects(conn, self._insert, changed)
        relinked = set(pending) | identity.articles_naming(conn, changed)
        touched_people |= identity.rebuild_links(conn, self._insert, relinked)
        touched_people |= {pid for pair in changed.values() for pid in pair if pid}
        self._refresh_people(conn, touched_people)
        sites.names_for_hosts(conn, articles, {h for a, _ in pending.values() if (h := sites.host_of(a.url))})
        return outcomes

    def _insert(self, table: sa.Table) -> Any:
        """The dialect's INSERT, which has ON CONFLICT on both SQLite and PostgreSQL."""
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    def _refresh_people(self, conn: Connection, person_ids: set[str]) -> None:
        """Recompute each person's display name and roles from every article that names them; drop
        people no article names any more. Once per batch, so a busy person costs one pass, not one per article."""
        for chunk in _chunks(sorted(person_ids), 500):
            rows = conn.execute(
                sa.select(article_people.c.person_id, article_people.c.name, article_people.c.roles)
                .join(articles, articles.c.id == article_people.c.article_id)
                .where(article_people.c.person_id.in_(chunk))
                .order_by(article_people.c.person_id, articles.c.published.asc().nulls_last(), articles.c.id)
            ).all()
            by_person: dict[str, list[Row]] = {}
            for r in rows:
                by_person.setdefault(r.person_id, []).append(r)
            orphans = [pid for pid in chunk if pid not in by_person]
            if orphans:
                conn.execute(sa.delete(people).where(people.c.person_id.in_(orphans)))
            for pid, links in by_person.items():
                names = Counter(r.name for r in links)
                name = max(names, key=lambda n: (names[n], len(n), n))
                roles: list[str] = []
                for r in links:
                    roles += [role for role in r.roles or () if role not in roles]
                conn.execute(sa.update(people).where(people.c.person_id == pid).values(name=name, roles=roles))

    def _article_select(self, *extra: Any) -> sa.Select:
        visible = (
            sa.select(sa.func.count())
            .where(comments.c.article_id == articles.c.id, comments.c.hidden == sa.false())
            .correlate(articles)
            .scalar_subquery()
            .label("comments_count")
        )
        return sa.select(
            articles.c.id,
            articles.c.url,
            articles.c.site,
            articles.c.title,
            articles.c.standfirst,
            articles.c.text,
            articles.c.published,
            articles.c.language,
            articles.c.source_path,
            articles.c.content_hash,
            articles.c.cluster_id,
            articles.c.canonical_id,
            articles.c.is_canonical,
            articles.c.record,
            visible,
            *extra,
        )

    def get_article(self, article_id: str) -> Article:
        with self._read() as conn:
            row = conn.execute(self._article_select().where(articles.c.id == article_id)).first()
            if row is None:
                raise NotFound(f"No article with id {article_id!r}")
            return _with_person_ids(conn, [_row_to_article(row)])[0]

    def find_article(self, id_or_path: str) -> Article:
        with self._read() as conn:
            row = conn.execute(self._article_select().where(articles.c.id == id_or_path)).first()
            if row is None:
                row = conn.execute(self._article_select().where(articles.c.source_path == id_or_path)).first()
            if row is None:
                suffix = id_or_path.lstrip("./")
                row = conn.execute(
                    self._article_select()
                    .where(articles.c.source_path.endswith("/" + suffix, autoescape=True))
                    .order_by(sa.func.length(articles.c.source_path), articles.c.id)
                ).first()
            if row is None:
                raise NotFound(f"No article with id or source path {id_or_path!r}")
            return _with_person_ids(conn, [_row_to_article(row)])[0]

    def iter_articles(self) -> Iterator[Article]:
        # Paged by id so a large export never holds the whole table (or a long read transaction).
        last = ""
        while True:
            with self._read() as conn:
                rows = conn.execute(self._article_select().where(articles.c.id > last).order_by(articles.c.id).limit(500)).all()
                page = _with_person_ids(conn, [_row_to_article(row) for row in rows])
            if not rows:
                return
            yield from page
            last = rows[-1].id

    def count_articles(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())

    # --- search ---------------------------------------------------------------------------
    def search(
        self,
        query: str | None,
        *,
        site: str | None = None,
        person: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchPage:
        if limit < 0 or offset < 0:
            raise QueryError("limit and offset must not be negative")
        parsed = parse_query(query) if query and query.strip() else None
        conditions = self._filters(site=site, person=person, since=since, until=until)
        ft = self.full_text(parsed) if parsed is not None else None
        from_clause: Any = articles
        if ft is not None:
            from_clause, conditions = ft.from_clause, [ft.condition, *conditions]
            rank: Any = ft.rank
            order = (ft.rank, articles.c.published.desc().nulls_last(), articles.c.id)
        else:
            rank = sa.literal(0.0)
            order = (articles.c.published.desc().nulls_last(), articles.c.id)
        # The page in three short steps rather than one: first only the keys of the page's rows are
        # sorted (sorting whole records, comment counts and snippets of every match cost the most),
        # then those rows are read and, for a query, their snippets made.
        page_keys = (
            sa.select(articles.c.pk, rank.label("rank")).select_from(from_clause).where(*conditions)
            .order_by(*order).limit(limit).offset(offset)
        )
        with self._query_errors(query), self._read() as conn:
            keys = None
            if ft is not None and ft.index_only is not None and len(conditions) == 1:
                keys = self._index_ranked_page(conn, ft, limit, offset)
            if keys is None:
                keys = conn.execute(page_keys).all()
            pks = [k.pk for k in keys]
            rows_by_pk: dict[int, Any] = {}
            snippets: dict[int, str] = {}
            if pks:
                for row in conn.execute(self._article_select(articles.c.pk).where(articles.c.pk.in_(pks))):
                    rows_by_pk[row.pk] = row
                if ft is not None:
                    labelled = [expr.label(f"snippet_{n}") for n, expr in enumerate(ft.snippets)]
                    marked = sa.select(articles.c.pk, *labelled).select_from(ft.from_clause).where(
                        ft.condition, articles.c.pk.in_(pks)
                    )
                    for row in conn.execute(marked):
                        snippets[row.pk] = safe_snippet(best_snippet([row.snippet_0, row.snippet_1, row.snippet_2]))
            rows = [rows_by_pk[pk] for pk in pks if pk in rows_by_pk]
            total, facets = self._total_and_facets(conn, from_clause, conditions)
            found = _with_person_ids(conn, [_row_to_article(row) for row in rows])
        rank_of = {k.pk: float(k.rank or 0.0) for k in keys}
        items = []
        for row, article in zip(rows, found):
            if ft is not None:
                snippet = snippets.get(row.pk, "")
            else:
                snippet = lead_snippet(row.standfirst or row.text)
            items.append(SearchHit(article=article, snippet=snippet, rank=rank_of[row.pk]))
        return SearchPage(total=total, items=items, facets=facets)

    # --- charts: counts over a search ------------------------------------------------------
    def _matching_ids(
        self, query: str | None, *, site: str | None, person: str | None, since: str | None, until: str | None
    ) -> sa.Select:
        """The ids of the articles ``search`` finds for these arguments (every page)."""
        conditions = self._filters(site=site, person=person, since=since, until=until)
        from_clause: Any = articles
        if query and query.strip():
            ft = self.full_text(parse_query(query))
            from_clause, conditions = ft.from_clause, [ft.condition, *conditions]
        return sa.select(articles.c.id).select_from(from_clause).where(*conditions)

    @contextlib.contextmanager
    def _query_errors(self, query: str | None) -> Iterator[None]:
        """A backend's own syntax error for the user's ``query`` raised as the QueryError it means."""
        try:
            yield
        except StoreError as exc:
            cause = exc.__cause__
            if isinstance(cause, sa.exc.DBAPIError) and query:
                translated = self.query_error(cause, query)
                if translated is not None:
                    raise translated from cause
            raise

    def _read_counts(self, query: str | None, stmt: sa.Select) -> list[Row]:
        """Run a chart query, its query errors raised as search raises them."""
        with self._query_errors(query), self._read() as conn:
            return list(conn.execute(stmt).all())

    def articles_by_month(
        self,
        query: str | None = None,
        *,
        site: str | None = None,
        person: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[MonthCount]:
        ids = self._matching_ids(query, site=site, person=person, since=since, until=until).subquery()
        month = sa.func.substr(articles.c.published, 1, 7).label("month")
        stmt = (
            sa.select(month, sa.func.sum(_is_copy()).label("copies"), sa.func.count().label("n"))
            .where(articles.c.id.in_(sa.select(ids.c.id)))
            .group_by(month)
        )
        rows = self._read_counts(query, stmt)
        counts = [MonthCount(r.month, int(r.n) - int(r.copies or 0), int(r.copies or 0)) for r in rows]
        return sorted(counts, key=lambda c: (c.month is None, c.month or ""))

    def articles_by_site(
        self,
        query: str | None = None,
        *,
        site: str | None = None,
        person: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = 20,
    ) -> list[SiteCount]:
        if limit is not None and limit < 1:
            raise QueryError("limit must be at least 1")
        ids = self._matching_ids(query, site=site, person=person, since=since, until=until).subquery()
        n = sa.func.count().label("n")
        stmt = (
            sa.select(articles.c.site, sa.func.sum(_is_copy()).label("copies"), n)
            .where(articles.c.id.in_(sa.select(ids.c.id)))
            .group_by(articles.c.site)
            .order_by(n.desc(), articles.c.site.asc().nulls_last())
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        return [SiteCount(r.site, int(r.n) - int(r.copies or 0), int(r.copies or 0)) for r in self._read_counts(query, stmt)]

    def most_quoted(
        self,
        query: str | None = None,
        *,
        site: str | None = None,
        person: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 10,
    ) -> list[SpeakerCount]:
        if limit < 1:
            raise QueryError("limit must be at least 1")
        ids = self._matching_ids(query, site=site, person=person, since=since, until=until).subquery()
        story, _speaker, text = _utterance_keys()
        separator = sa.literal_column("'|'")
        utterances = sa.func.count(sa.distinct(story.op("||")(separator).op("||")(text))).label("quotes")
        stories = sa.func.count(sa.distinct(story)).label("stories")
        stmt = (
            sa.select(people.c.person_id, people.c.name, utterances, stories)
            .select_from(
                quotes.join(articles, articles.c.id == quotes.c.article_id).join(
                    people, people.c.person_id == quotes.c.speaker_person_id
                )
            )
            .where(quotes.c.article_id.in_(sa.select(ids.c.id)), _confident())
            .group_by(people.c.person_id, people.c.name)
            .order_by(utterances.desc(), stories.desc(), people.c.name, people.c.person_id)
            .limit(limit)
        )
        return [SpeakerCount(r.person_id, r.name, int(r.quotes), int(r.stories)) for r in self._read_counts(query, stmt)]

    def _filters(self, *, site: str | None, person: str | None, since: str | None, until: str | None) -> list[Any]:
        conditions: list[Any] = []
        if site:
            conditions.append(articles.c.site == site)
        if person:
            with self._read() as conn:
                pids = identity.matching_person_ids(conn, person) or [person_id_for(person)]
            conditions.append(
                articles.c.id.in_(sa.select(article_people.c.article_id).where(article_people.c.person_id.in_(pids)))
            )
        if since:
            conditions.append(articles.c.published >= iso_bound(since, "since"))
        if until:
            bound = iso_bound(until, "until")
            if len(bound) == 10:  # a whole day: everything published on it counts
                conditions.append(articles.c.published < (date.fromisoformat(bound) + timedelta(days=1)).isoformat())
            else:
                conditions.append(articles.c.published <= bound)
        return conditions

    def _index_ranked_page(self, conn: Connection, ft: FullText, limit: int, offset: int) -> list[Row] | None:
        """The page's (pk, rank) ranked in the index alone: the best ``offset + limit`` matches plus
        a few, then only those ordered by the full search order. None when ties at the end of what
        was fetched could hide a row of the page (the caller then ranks with the join)."""
        assert ft.index_only is not None
        index, key = ft.index_only
        want = offset + limit
        if want == 0:
            return []
        fetched = conn.execute(
            sa.select(key.label("pk"), ft.rank.label("rank")).select_from(index).where(ft.condition)
            .order_by(ft.rank).limit(want + RANK_SLACK)
        ).all()
        if len(fetched) == want + RANK_SLACK:
            last = fetched[-1].rank
            if sum(1 for r in fetched if r.rank < last) < want:
                return None
            fetched = [r for r in fetched if r.rank < last]
        if not fetched:
            return []
        order_keys = {
            row.pk: (row.published, row.id)
            for row in conn.execute(
                sa.select(articles.c.pk, articles.c.published, articles.c.id).where(
                    articles.c.pk.in_([r.pk for r in fetched])
                )
            )
        }
        ranked = _page_by_full_order([r for r in fetched if r.pk in order_keys], order_keys)
        return ranked[offset : offset + limit]

    def _total_and_facets(
        self, conn: Connection, from_clause: Any, conditions: list[Any]
    ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """How many articles match, and the site, person and month facets over them, in one
        statement: the matches are found once (a materialised CTE) and counted four ways."""
        matching = (
            sa.select(articles.c.id, articles.c.site, sa.func.substr(articles.c.published, 1, 7).label("month"))
            .select_from(from_clause).where(*conditions)
            .cte("matching").prefix_with("MATERIALIZED")
        )
        n = sa.func.count().label("n")
        total = sa.select(sa.literal("total").label("facet"), sa.null().label("value"), n).select_from(matching)
        sites = (
            sa.select(matching.c.site.label("value"), n).where(matching.c.site.is_not(None))
            .group_by(matching.c.site).order_by(n.desc(), matching.c.site).limit(FACET_LIMIT).subquery()
        )
        pn = sa.func.count(sa.distinct(article_people.c.article_id)).label("n")
        persons = (
            sa.select(people.c.name.label("value"), pn)
            .join(article_people, article_people.c.person_id == people.c.person_id)
            .where(article_people.c.article_id.in_(sa.select(matching.c.id)))
            .group_by(people.c.person_id, people.c.name)
            .order_by(pn.desc(), people.c.name)
            .limit(FACET_LIMIT)
            .subquery()
        )
        months = (
            sa.select(matching.c.month.label("value"), n).where(matching.c.month.is_not(None))
            .group_by(matching.c.month).subquery()
        )
        stmt = sa.union_all(
            total,
            sa.select(sa.literal("site"), sites.c.value, sites.c.n),
            sa.select(sa.literal("person"), persons.c.value, persons.c.n),
            sa.select(sa.literal("month"), months.c.value, months.c.n),
        )
        total_count = 0
        facets: dict[str, list[tuple[str, int]]] = {"site": [], "person": [], "month": []}
        for facet, value, count in conn.execute(stmt):
            if facet == "total":
                total_count = int(count)
            else:
                facets[facet].append((value, int(count)))
        facets["site"].sort(key=lambda vc: (-vc[1], vc[0]))
        facets["person"].sort(key=lambda vc: (-vc[1], vc[0]))
        facets["month"].sort(key=lambda vc: vc[0], reverse=True)
        return total_count, facets

    # --- failures -------------------------------------------------------------------------
    def record_failures(self, batch: Sequence[Failure]) -> None:
        with self._write() as conn:
            self._record_failures(conn, batch)

    def _record_failures(self, conn: Connection, batch: Sequence[Failure]) -> None:
        """Upsert failure records: a repeat keeps when it first failed and counts one more time."""
        now = now_iso()
        rows = {
            f.source_path: {"source_path": f.source_path, "stage": f.stage, "reason": f.reason, "failed_at": now,
                            "first_failed_at": now, "times": 1}
            for f in batch
        }
        if not rows:
            return
        stmt = self._insert(_failures_t)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["source_path"],
                set_={
                    "stage": stmt.excluded.stage,
                    "reason": stmt.excluded.reason,
                    "failed_at": stmt.excluded.failed_at,
                    "first_failed_at": sa.func.coalesce(_failures_t.c.first_failed_at, stmt.excluded.first_failed_at),
                    "times": _failures_t.c.times + 1,
                },
            ),
            list(rows.values()),
        )

    def failure_history(self) -> list[FailureSeen]:
        with self._read() as conn:
            rows = conn.execute(sa.select(_failures_t).order_by(_failures_t.c.source_path)).all()
        return [
            FailureSeen(r.source_path, r.stage, r.reason, r.first_failed_at or r.failed_at, r.failed_at, int(r.times))
            for r in rows
        ]

    def failures(self) -> list[Failure]:
        with self._read() as conn:
            rows = conn.execute(sa.select(_failures_t).order_by(_failures_t.c.source_path)).all()
        return [Failure(source_path=r.source_path, stage=r.stage, reason=r.reason) for r in rows]

    # --- people and quotes ----------------------------------------------------------------
    def _people_select(self) -> sa.Select:
        article_count = (
            sa.select(sa.func.count(sa.distinct(article_people.c.article_id)))
            .where(article_people.c.person_id == people.c.person_id)
            .correlate(people)
            .scalar_subquery()
            .label("article_count")
        )
        # Utterances, not rows: the same quote in syndicated copies of one story counts once.
        story, _speaker, text = _utterance_keys()
        quote_count = (
            sa.select(sa.func.count(sa.distinct(story.op("||")(sa.literal_column("'|'")).op("||")(text))))
            .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
            .where(quotes.c.speaker_person_id == people.c.person_id, _confident())
            .correlate(people)
            .scalar_subquery()
            .label("quote_count")
        )
        return sa.select(people.c.person_id, people.c.name, people.c.roles, article_count, quote_count)

    def people(self, query: str | None = None, *, limit: int = 50, offset: int = 0) -> list[PersonSummary]:
        if limit < 0 or offset < 0:
            raise QueryError("limit and offset must not be negative")
        stmt = self._people_select().where(*_people_match(query))
        # person_id last: people with the same counts and name still come in one fixed order, so pages never overlap
        stmt = stmt.order_by(sa.desc("article_count"), sa.desc("quote_count"), people.c.name, people.c.person_id)
        with self._read() as conn:
            return [_person_summary(r) for r in conn.execute(stmt.limit(limit).offset(offset)).all()]

    def count_people(self, query: str | None = None) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(people).where(*_people_match(query))).scalar_one())

    def person(self, person_id: str) -> PersonDetail:
        with self._read() as conn:
            pid = identity.resolve_person_ref(conn, person_id)
            row = conn.execute(self._people_select().where(people.c.person_id == pid)).first() if pid else None
            if row is None:
                raise NotFound(f"No person with id {person_id!r}")
            pid = row.person_id
            links = conn.execute(
                sa.select(article_people.c.article_id, article_people.c.name, article_people.c.roles, articles.c.published)
                .join(articles, articles.c.id == article_people.c.article_id)
                .where(article_people.c.person_id == pid)
                .order_by(articles.c.published.asc().nulls_last(), articles.c.id)
            ).all()
            speaker_names = conn.execute(
                sa.select(quotes.c.speaker).where(quotes.c.speaker_person_id == pid).distinct()
            ).scalars().all()
            # a person page credits only the quotes sure enough to show (quote_confidence_threshold)
            quote_hits = self._quote_hits(conn, [quotes.c.speaker_person_id == pid, _confident()], limit=None, offset=0)
            forms = conn.execute(
                sa.select(person_names.c.name).where(person_names.c.person_id == pid).order_by(person_names.c.name)
            ).scalars().all()
            estimate = identity.genders_of(conn, [pid]).get(pid)
        names: list[str] = [row.name]
        for name in [link.name for link in links] + sorted(n for n in speaker_names if n) + list(forms):
            if name not in names:
                names.append(name)
        roles_over_time = tuple(
            RoleSeen(role=role, article_id=link.article_id, published=link.published) for link in links for role in link.roles or ()
        )
        newest_first = sorted(links, key=lambda l: (l.published is not None, l.published or "", l.article_id), reverse=True)
        return PersonDetail(
            summary=_person_summary(row),
            names_seen=tuple(names),
            roles_over_time=roles_over_time,
            quotes=tuple(quote_hits),
            article_ids=tuple(link.article_id for link in newest_first),
            gender=estimate.gender if estimate else "unknown",
            gender_evidence=estimate.evidence if estimate else "",
        )

    def quotes(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        speaker_type: str | None = None,
        site: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[QuoteHit]:
        if (limit is not None and limit < 0) or offset < 0:
            raise QueryError("limit and offset must not be negative")
        conditions = self._quote_conditions(
            query, speaker=speaker, kind=kind, speaker_type=speaker_type, site=site, since=since, until=until,
            min_confidence=min_confidence,
        )
        with self._read() as conn:
            return self._quote_hits(conn, conditions, limit=limit, offset=offset)

    def count_quotes(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        speaker_type: str | None = None,
        site: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> int:
        conditions = self._quote_conditions(
            query, speaker=speaker, kind=kind, speaker_type=speaker_type, site=site, since=since, until=until,
            min_confidence=min_confidence,
        )
        keys = _utterance_keys()
        grouped = (
            sa.select(*keys)
            .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
            .where(*conditions)
            .group_by(*keys)
        )
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(grouped.subquery())).scalar_one())

    def _quote_conditions(
        self,
        query: str | None,
        *,
        speaker: str | None,
        kind: str | None,
        speaker_type: str | None,
        site: str | None,
        since: str | None,
        until: str | None,
        min_confidence: float | None,
    ) -> list[Any]:
        """Quote rows matching the filters (each checked; a bad value raises QueryError). ``query`` is
        the search syntax of ``store/query.py`` matched against the quote's words (case-insensitive)."""
        conditions: list[Any] = []
        if query and query.strip():
            conditions.append(_quote_text_condition(parse_query(query)))
        if speaker and speaker.strip():
            with self._read() as conn:
                speaker_ids = identity.matching_person_ids(conn, speaker) or [person_id_for(speaker)]
            conditions.append(
                sa.or_(
                    quotes.c.speaker_person_id.in_(speaker_ids),
                    quotes.c.speaker.icontains(speaker.strip(), autoescape=True),
                )
            )
        if kind:
            if kind not in QUOTE_KINDS:
                raise QueryError(f"kind must be one of {', '.join(QUOTE_KINDS)}, not {kind!r}")
            conditions.append(quotes.c.kind == kind)
        if speaker_type:
            if speaker_type not in SPEAKER_TYPES:
                raise QueryError(f"speaker_type must be one of {', '.join(SPEAKER_TYPES)}, not {speaker_type!r}")
            conditions.append(quotes.c.speaker_type == speaker_type)
        if min_confidence is not None:
            if not 0.0 <= min_confidence <= 1.0:
                raise QueryError(f"min_confidence must be between 0 and 1, not {min_confidence}")
            # a quote no model scored has no confidence to compare: a minimum leaves it out
            conditions.append(quotes.c.confidence >= min_confidence)
        # site and dates are the article's: the filters of a search, applied to the quote's article
        conditions += self._filters(site=site, person=None, since=since, until=until)
        return conditions

    def _quote_hits(self, conn: Connection, conditions: list[Any], *, limit: int | None, offset: int) -> list[QuoteHit]:
        """Matching quotes, one hit per utterance (see QuoteHit), newest utterance first.

        Paging counts utterances: one query pages through the utterance keys, a second fetches every
        copy of the keys on the page, so a story's copies never split across pages.
        """
        keys = _utterance_keys()
        grouped = (
            sa.select(*keys)
            .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
            .where(*conditions)
            .group_by(*keys)
            .order_by(
                sa.func.min(articles.c.published).desc().nulls_last(),
                sa.func.min(quotes.c.article_id),
                sa.func.min(quotes.c.position),
                *keys,
            )
            .offset(offset)
        )
        if limit is not None:
            grouped = grouped.limit(limit)
        page_keys = [tuple(r) for r in conn.execute(grouped).all()]
        if not page_keys:
            return []
        member_conditions = list(conditions)
        if limit is not None or offset:
            member_conditions.append(sa.or_(*(sa.and_(*(k == v for k, v in zip(keys, key))) for key in page_keys)))
        members = conn.execute(
            sa.select(
                quotes, articles.c.title, articles.c.published, articles.c.site, articles.c.is_canonical,
                articles.c.cluster_id, *(k.label(f"utterance_key_{n}") for n, k in enumerate(keys)),
            )
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(*member_conditions)
        ).all()
        by_key: dict[tuple, list[Row]] = {}
        for r in members:
            by_key.setdefault((r.utterance_key_0, r.utterance_key_1, r.utterance_key_2), []).append(r)
        hits: list[QuoteHit] = []
        for key in page_keys:
            rows = by_key.get(key)
            if not rows:
                continue
            # The original speaks for the group: the canonical copy of the cluster, else the earliest.
            rows.sort(key=lambda r: (not (r.cluster_id and r.is_canonical), r.published or "9999", r.article_id, r.position))
            main = rows[0]
            copies: dict[str, QuoteCopy] = {}
            for r in rows[1:]:
                if r.article_id != main.article_id and r.article_id not in copies:
                    copies[r.article_id] = QuoteCopy(article_id=r.article_id, article_title=r.title, site=r.site, published=r.published)
            hits.append(
                QuoteHit(
                    quote=Quote(
                        text=main.text,
                        kind=main.kind,
                        speaker=main.speaker,
                        speaker_type=main.speaker_type,
                        speaker_role=main.speaker_role,
                        cue=main.cue,
                        start=main.start_char,
                        end=main.end_char,
                        speaker_person_id=main.speaker_person_id,
                        confidence=main.confidence,
                    ),
                    article_id=main.article_id,
                    article_title=main.title,
                    published=main.published,
                    site=main.site,
                    speaker_id=main.speaker_person_id,
                    copies=tuple(copies.values()),
                )
            )
        return hits

    def stored_times(self, article_ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        ids = sorted(set(article_ids))
        with self._read() as conn:
            for chunk in _chunks(ids, 500):
                found.update(conn.execute(sa.select(articles.c.id, articles.c.stored_at).where(articles.c.id.in_(chunk))).all())
        return found

    def quote_provenance(self, quote_ids: Sequence[str]) -> dict[str, QuoteProvenance]:
        with self._read() as conn:
            return provenance.provenance(conn, list(quote_ids))

    def source_stats(
        self,
        *,
        site: str | None = None,
        since: str | None = None,
        until: str | None = None,
        top: int = 20,
        query: str | None = None,
        person: str | None = None,
    ) -> SourceStats:
        since = iso_bound(since, "since") if since else None
        until = iso_bound(until, "until") if until else None
        stmt = sa.select(
            quotes.c.article_id, quotes.c.position, quotes.c.speaker, quotes.c.speaker_type,
            quotes.c.speaker_person_id, quotes.c.text, articles.c.site, articles.c.published,
            articles.c.cluster_id, articles.c.is_canonical,
        ).join(articles, articles.c.id == quotes.c.article_id).where(_confident())
        if (query and query.strip()) or person:
            ids = self._matching_ids(query, site=None, person=person, since=None, until=None).subquery()
            stmt = stmt.where(quotes.c.article_id.in_(sa.select(ids.c.id)))
        with self._read() as conn:
            rows = conn.execute(stmt).all()
            # one row per utterance, given by the original (the canonical copy, else the earliest)
            originals: dict[tuple[str, str, str], Row] = {}
            for r in sorted(rows, key=lambda r: (not (r.cluster_id and r.is_canonical), r.published or "9999", r.article_id, r.position)):
                key = (
                    r.cluster_id or r.article_id,
                    r.speaker_person_id or r.speaker or "",
                    " ".join(r.text.replace("\u2019", "'").split()).lower(),
                )
                originals.setdefault(key, r)
            chosen = [
                r for r in originals.values()
                if (not site or r.site == site)
                and (not since or (r.published is not None and r.published >= since))
                and (not until or (r.published is not None and _before_end(r.published, until)))
            ]
            pids = {r.speaker_person_id for r in chosen if r.speaker_person_id}
            estimates = identity.genders_of(conn, pids)
            names = dict(
                conn.execute(sa.select(people.c.person_id, people.c.name).where(people.c.person_id.in_(sorted(pids)))).all()
            ) if pids else {}
        sources = [
            QuotedSource(
                site=r.site, month=r.published[:7] if r.published else None,
                speaker_type=r.speaker_type if r.speaker else ("anonymous" if r.speaker_type == "anonymous" else "unknown"),
                person_id=r.speaker_person_id, speaker=r.speaker,
            )
            for r in chosen
        ]
        return source_stats(sources, {pid: e.gender for pid, e in estimates.items()}, names, top=top)

    # --- clusters -------------------------------------------------------------------------
    def apply_cluster_assignments(self, assignments: Sequence[ClusterAssignment]) -> None:
        with self._write() as conn:
            self._apply_assignments(conn, assignments)

    def _apply_assignments(self, conn: Connection, assignments: Sequence[ClusterAssignment]) -> None:
        for a in assignments:
            conn.execute(
                sa.update(articles)
                .where(articles.c.id == a.article_id)
                .values(cluster_id=a.cluster_id, canonical_id=a.canonical_id, is_canonical=a.is_canonical)
            )

    def clusters(self, *, min_size: int = 2) -> list[Cluster]:
        size = sa.func.count().label("size")
        big = sa.select(articles.c.cluster_id).where(articles.c.cluster_id.is_not(None)).group_by(articles.c.cluster_id).having(size >= min_size)
        with self._read() as conn:
            rows = conn.execute(self._members_select().where(articles.c.cluster_id.in_(big))).all()
        return sorted(_build_clusters(rows), key=lambda c: (-len(c.member_ids), c.id))

    def cluster(self, cluster_id: str) -> Cluster:
        with self._read() as conn:
            rows = conn.execute(self._members_select().where(articles.c.cluster_id == cluster_id)).all()
        if not rows:
            raise NotFound(f"No cluster with id {cluster_id!r}")
        return _build_clusters(rows)[0]

    def _members_select(self) -> sa.Select:
        return sa.select(
            articles.c.id, articles.c.cluster_id, articles.c.canonical_id, articles.c.is_canonical, articles.c.published
        ).order_by(articles.c.cluster_id, articles.c.published.asc().nulls_last(), articles.c.id)

    def save_signatures(self, batch: Sequence[tuple[str, bytes]]) -> None:
        with self._write() as conn:
            self._save_signatures(conn, batch)

    def _save_signatures(self, conn: Connection, batch: Sequence[tuple[str, bytes]]) -> int | None:
        """Store the blobs under the next write number (writers take turns, so numbers only grow)."""
        if not batch:
            return None
        seq = _max_seq(conn) + 1
        rows = {article_id: {"article_id": article_id, "blob": bytes(blob), "seq": seq} for article_id, blob in batch}
        self.upsert_rows(conn, signatures, list(rows.values()), ["article_id"])
        return seq

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]:
        with self._read() as conn:
            rows = conn.execute(sa.select(signatures.c.article_id, signatures.c.blob).order_by(signatures.c.article_id)).all()
        for r in rows:
            yield r.article_id, bytes(r.blob)

    # --- comments -------------------------------------------------------------------------
    def add_comment(self, article_id: str, name: str, comment: str) -> Comment:
        created = now_iso()
        with self._write() as conn:
            if conn.execute(sa.select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                raise NotFound(f"No article with id {article_id!r}")
            new_id = conn.execute(
                sa.insert(comments)
                .values(article_id=article_id, name=name, comment=comment, created_at=created, hidden=False)
                .returning(comments.c.id)
            ).scalar_one()
        return Comment(id=int(new_id), article_id=article_id, name=name, comment=comment, created_at=created, hidden=False)

    def comments(self, article_id: str, *, include_hidden: bool = False) -> list[Comment]:
        stmt = sa.select(comments).where(comments.c.article_id == article_id).order_by(comments.c.id)
        if not include_hidden:
            stmt = stmt.where(comments.c.hidden == sa.false())
        with self._read() as conn:
            return [_comment(r) for r in conn.execute(stmt).all()]

    def hide_comment(self, comment_id: int) -> Comment:
        with self._write() as conn:
            conn.execute(sa.update(comments).where(comments.c.id == comment_id).values(hidden=True))
            row = conn.execute(sa.select(comments).where(comments.c.id == comment_id)).first()
        if row is None:
            raise NotFound(f"No comment with id {comment_id}")
        return _comment(row)


_failures_t = failures  # the table; the name ``failures`` is also a Store method


class SqlWriteSession:
    """A :class:`~presswatch.store.base.WriteSession` on one SQL write transaction."""

    def __init__(self, store: SqlStore, conn: Connection) -> None:
        self._store = store
        self._conn = conn
        self._seq = 0

    @property
    def seq(self) -> int:
        return self._seq

    def signature_changes(self, after: int) -> SignatureChanges:
        rows = self._conn.execute(
            sa.select(signatures.c.article_id, signatures.c.blob, signatures.c.seq)
            .where(signatures.c.seq > after)
            .order_by(signatures.c.seq, signatures.c.article_id)
        ).all()
        newest = max((int(r.seq) for r in rows), default=after)
        self._seq = max(self._seq, newest)
        return SignatureChanges(newest, tuple((r.article_id, bytes(r.blob)) for r in rows))

    def write_batch(
        self,
        articles: Sequence[Article],
        *,
        failures: Sequence[Failure] = (),
        assignments: Sequence[ClusterAssignment] = (),
        signatures: Sequence[tuple[str, bytes]] = (),
        completed_files: Sequence[CompletedFile] = (),
        incomplete_files: Sequence[str] = (),
    ) -> list[UpsertOutcome]:
        outcomes, seq = self._store._write_batch(
            self._conn,
            articles,
            failures=failures,
            assignments=assignments,
            signatures=signatures,
            completed_files=completed_files,
            incomplete_files=incomplete_files,
        )
        if seq is not None:
            self._seq = seq
        return outcomes


def _max_seq(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(signatures.c.seq), 0))).scalar_one())


def _confident() -> Any:
    """Quotes sure enough to credit on person pages, most-quoted counts and source shares: confidence
    at or above the setting ``quote_confidence_threshold`` (quotes scored before the model, with no
    confidence, count as they did). The API, exports and /quotes return every quote."""
    threshold = config.quote_confidence_threshold()
    return sa.or_(quotes.c.confidence.is_(None), quotes.c.confidence >= threshold)


def _is_copy() -> Any:
    """1 for a syndicated copy (in a cluster, not its original), else 0: what charts stack apart."""
    copy = sa.and_(articles.c.cluster_id.is_not(None), articles.c.is_canonical == sa.false())
    return sa.case((copy, 1), else_=0)


def _before_end(published: str, until: str) -> bool:
    """``published`` no later than ``until`` (a date includes that whole day)."""
    if len(until) == 10:
        return published[:10] <= until
    return published <= until


def _utterance_keys() -> tuple[Any, Any, Any]:
    """What makes quote rows one utterance: the story (its dedup cluster, else the article itself),
    the speaker (person id, else the name as given) and the quote text, case and curly apostrophes
    folded. Plain SQL on both backends, so paging and counting agree with the grouping."""
    story = sa.func.coalesce(articles.c.cluster_id, articles.c.id)
    # Constants as SQL literals, not bound parameters: PostgreSQL takes an ORDER BY expression for the
    # GROUP BY one only when the SQL text is identical, and every bind parameter gets a name of its own.
    empty, curly, straight = (sa.literal_column(sql) for sql in ("''", "'\u2019'", "''''"))
    speaker = sa.func.coalesce(quotes.c.speaker_person_id, quotes.c.speaker, empty)
    text = sa.func.lower(sa.func.trim(sa.func.replace(quotes.c.text, curly, straight)), type_=sa.Text)
    return story, speaker, text


def _people_match(query: str | None) -> list[Any]:
    if not query or not query.strip():
        return []
    q = query.strip()
    return [sa.or_(people.c.name.icontains(q, autoescape=True), people.c.person_id.contains(person_id_for(q), autoescape=True))]


def _quote_text_condition(parsed: ParsedQuery) -> Any:
    """The parsed query over quote text: any group whose words all occur and whose excluded words do not."""

    def has(term: Any) -> Any:
        return quotes.c.text.icontains(term.text, autoescape=True)

    return sa.or_(
        *(sa.and_(*(has(t) for t in group.include), *(sa.not_(has(t)) for t in group.exclude)) for group in parsed.groups)
    )


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _quote_rows(article: Article, speaker_keys: dict[int, str]) -> list[dict[str, Any]]:
    """The article's quote rows; ``speaker_person_id`` is filled by identity just after."""
    return [
        {
            "article_id": article.id,
            "position": position,
            "speaker": quote.speaker,
            "speaker_key": speaker_keys.get(position),
            "speaker_person_id": None,
            "speaker_type": quote.speaker_type,
            "speaker_role": quote.speaker_role,
            "kind": quote.kind,
            "text": quote.text,
            "cue": quote.cue,
            "start_char": quote.start,
            "end_char": quote.end,
            "confidence": quote.confidence,
        }
        for position, quote in enumerate(article.quotes)
    ]


#: What decides UNCHANGED on re-ingest: everything extraction and NLP produce (cluster fields are dedup's).
# not ``site``: the store may name the outlet (store/sites.py); the record keeps the site extraction gave
_COMPARED_COLUMNS = (
    "id", "content_hash", "url", "title", "standfirst", "published", "language", "source_path", "record",
)  # fmt: skip


def _compared_row(article: Article) -> dict[str, Any]:
    row = _article_row(article)
    return {name: row[name] for name in _COMPARED_COLUMNS}


def _article_row(article: Article) -> dict[str, Any]:
    record = article.to_record()
    for key in ("text", "comments_count", "cluster_id", "canonical_id", "is_canonical"):
        record.pop(key, None)
    # person ids are the store's (identity across articles), filled in on read
    for person in record.get("people") or ():
        person.pop("person_id", None)
    for quote in record.get("quotes") or ():
        quote.pop("speaker_person_id", None)
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "url": article.url,
        "site": article.site,
        "host": sites.host_of(article.url),
        "site_given": sites.site_given(article.site, article.url),
        "title": article.title,
        "standfirst": article.standfirst,
        "text": article.text,
        "published": article.published,
        "language": article.language,
        "source_path": article.source_path,
        "cluster_id": article.cluster_id,
        "canonical_id": article.canonical_id,
        "is_canonical": bool(article.is_canonical),
        "record": record,
    }


def _with_person_ids(conn: Connection, found: list[Article]) -> list[Article]:
    """The records with the person ids identity gives now (a later merge changes them)."""
    if not found:
        return found
    names, speakers = identity.person_ids_by_article(conn, [a.id for a in found])
    out = []
    for a in found:
        people_ = tuple(
            replace(p, person_id=names.get((a.id, identity.name_key_for(p.name)))) for p in a.people
        )
        quotes_ = tuple(replace(q, speaker_person_id=speakers.get((a.id, n))) for n, q in enumerate(a.quotes))
        out.append(replace(a, people=people_, quotes=quotes_))
    return out


def _row_to_article(row: Row) -> Article:
    record = dict(row.record)
    record.update(
        id=row.id,
        url=row.url,
        site=row.site,
        title=row.title,
        standfirst=row.standfirst,
        text=row.text,
        published=row.published,
        language=row.language,
        source_path=row.source_path,
        content_hash=row.content_hash,
        cluster_id=row.cluster_id,
        canonical_id=row.canonical_id,
        is_canonical=bool(row.is_canonical),
        comments_count=int(row.comments_count or 0),
    )
    return Article.from_record(record)


def _person_summary(row: Row) -> PersonSummary:
    return PersonSummary(
        id=row.person_id,
        name=row.name,
        roles=tuple(row.roles or ()),
        article_count=int(row.article_count or 0),
        quote_count=int(row.quote_count or 0),
    )


def _comment(row: Row) -> Comment:
    return Comment(
        id=int(row.id),
        article_id=row.article_id,
        name=row.name,
        comment=row.comment,
        created_at=row.created_at,
        hidden=bool(row.hidden),
    )


def _build_clusters(rows: Sequence[Row]) -> list[Cluster]:
    grouped: dict[str, list[Row]] = {}
    for r in rows:
        grouped.setdefault(r.cluster_id, []).append(r)
    result = []
    for cluster_id, members in grouped.items():
        flagged = [m.id for m in members if m.is_canonical]
        named = Counter(m.canonical_id for m in members if m.canonical_id)
        canonical = flagged[0] if len(flagged) == 1 else (named.most_common(1)[0][0] if named else members[0].id)
        result.append(Cluster(id=cluster_id, canonical_id=canonical, member_ids=tuple(m.id for m in members)))
    return result


__all__ = ["SqlStore", "FullText", "person_id_for", "safe_snippet", "MARK_START", "MARK_END", "ANGLE_OPEN", "ANGLE_CLOSE"]
