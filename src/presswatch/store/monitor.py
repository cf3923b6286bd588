"""The monitoring tables: sources and their poll history, URLs seen, article versions.

Works on any SQL store (SQLite and PostgreSQL spell these statements the same). Times are ISO 8601
UTC strings, which sort and compare as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from presswatch.errors import NotFound, ValidationError
from presswatch.model import Article
from presswatch.store.base import Store
from presswatch.store.schema import article_versions, failures, seen_urls, source_alerts, sources
from presswatch.store.sql import SqlStore


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    url: str
    name: str
    kind: str  # feed | sitemap
    every_s: int
    added_at: str
    next_due_at: str
    last_polled_at: str | None = None
    last_success_at: str | None = None
    last_new_item_at: str | None = None
    consecutive_errors: int = 0
    last_error: str | None = None
    last_error_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class SeenUrl:
    url: str
    source_id: int | None
    first_seen_at: str
    outcome: str  # stored | failed | pending
    last_fetched_at: str | None = None
    listed_lastmod: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleVersion:
    article_id: str
    fetched_at: str
    content_hash: str
    title: str | None
    text: str
    quotes: tuple[tuple[str | None, str], ...]  # (speaker, quote text)


@dataclass(frozen=True, slots=True)
class SourceAlert:
    """A change of a source's health: it turned ``stalled`` or ``failing``, or back to ``ok``."""

    id: int
    source_id: int
    source_name: str
    source_url: str
    status: str
    at: str
    detail: str


def _source(row: Any) -> Source:
    return Source(**{k: row._mapping[k] for k in Source.__slots__})  # type: ignore[attr-defined]


class MonitorStore:
    """The monitoring tables of one database (opened with ``open_store``)."""

    def __init__(self, store: Store) -> None:
        if not isinstance(store, SqlStore):
            raise TypeError("monitoring needs an SQL store (SQLite or PostgreSQL)")
        self.store = store

    # --- sources ------------------------------------------------------------------------------
    def add_source(self, url: str, *, name: str, kind: str, every_s: int, now: str) -> Source:
        if every_s < 60:
            raise ValidationError({"every": f"at least one minute between polls, not {every_s} s"})
        with self.store._write() as conn:
            if conn.execute(sa.select(sources.c.id).where(sources.c.url == url)).first() is not None:
                raise ValidationError({"url": f"{url} is already a source"})
            if conn.execute(sa.select(sources.c.id).where(sources.c.name == name)).first() is not None:
                raise ValidationError({"name": f"a source is already named {name!r}; pick another with --name"})
            conn.execute(sources.insert().values(url=url, name=name, kind=kind, every_s=every_s, added_at=now,
                                                 next_due_at=now, consecutive_errors=0))
            row = conn.execute(sa.select(sources).where(sources.c.url == url)).one()
        return _source(row)

    def sources(self) -> list[Source]:
        with self.store._read() as conn:
            return [_source(r) for r in conn.execute(sa.select(sources).order_by(sources.c.id))]

    def source(self, key: str | int) -> Source:
        """A source by id, URL or name."""
        text = str(key)
        cond = sa.or_(sources.c.url == text, sources.c.name == text)
        if text.isdigit():
            cond = sa.or_(cond, sources.c.id == int(text))
        with self.store._read() as conn:
            row = conn.execute(sa.select(sources).where(cond).order_by(sources.c.id)).first()
        if row is None:
            raise NotFound(f"no source {text!r}; `presswatch sources list` shows them")
        return _source(row)

    def remove_source(self, key: str | int) -> Source:
        found = self.source(key)
        with self.store._write() as conn:
            conn.execute(sources.delete().where(sources.c.id == found.id))
        return found

    def due_sources(self, now: str) -> list[Source]:
        with self.store._read() as conn:
            rows = conn.execute(sa.select(sources).where(sources.c.next_due_at <= now).order_by(sources.c.next_due_at, sources.c.id))
            return [_source(r) for r in rows]

    def next_due_at(self) -> str | None:
        with self.store._read() as conn:
            return conn.execute(sa.select(sa.func.min(sources.c.next_due_at))).scalar()

    def record_poll(self, source: Source, *, now: str, next_due_at: str, error: str | None = None,
                    new_items: int = 0, etag: str | None = None, last_modified: str | None = None) -> None:
        values: dict[str, Any] = {"last_polled_at": now, "next_due_at": next_due_at}
        if error is None:
            values.update(last_success_at=now, consecutive_errors=0)
            if etag is not None or last_modified is not None:
                values.update(etag=etag, last_modified=last_modified)
            if new_items:
                values["last_new_item_at"] = now
        else:
            values.update(consecutive_errors=sources.c.consecutive_errors + 1, last_error=error, last_error_at=now)
        with self.store._write() as conn:
            conn.execute(sources.update().where(sources.c.id == source.id).values(**values))

    # --- health alerts --------------------------------------------------------------------------
    def add_alert(self, source: Source, *, status: str, at: str, detail: str) -> SourceAlert:
        with self.store._write() as conn:
            pk = conn.execute(source_alerts.insert().values(
                source_id=source.id, source_name=source.name, source_url=source.url, status=status, at=at, detail=detail,
            ).returning(source_alerts.c.id)).scalar_one()
        return SourceAlert(pk, source.id, source.name, source.url, status, at, detail)

    def last_alert_status(self, source_id: int) -> str | None:
        with self.store._read() as conn:
            return conn.execute(
                sa.select(source_alerts.c.status).where(source_alerts.c.source_id == source_id)
                .order_by(source_alerts.c.id.desc()).limit(1)
            ).scalar()

    def alerts(self, limit: int = 50) -> list[SourceAlert]:
        """The latest health alerts, newest first."""
        with self.store._read() as conn:
            rows = conn.execute(sa.select(source_alerts).order_by(source_alerts.c.id.desc()).limit(limit))
            return [SourceAlert(**{k: r._mapping[k] for k in SourceAlert.__slots__}) for r in rows]  # type: ignore[attr-defined]

    # --- URLs seen ----------------------------------------------------------------------------
    def seen(self, urls: Iterable[str]) -> dict[str, SeenUrl]:
        wanted = list(dict.fromkeys(urls))
        found: dict[str, SeenUrl] = {}
        with self.store._read() as conn:
            for i in range(0, len(wanted), 500):
                for r in conn.execute(sa.select(seen_urls).where(seen_urls.c.url.in_(wanted[i : i + 500]))):
                    found[r.url] = SeenUrl(**{k: r._mapping[k] for k in SeenUrl.__slots__})  # type: ignore[attr-defined]
        return found

    def mark_seen(self, rows: Sequence[SeenUrl]) -> None:
        """Insert or update; the first source and first-seen time of a URL are kept."""
        if not rows:
            return
        stmt = self.store._insert(seen_urls)
        kept = ("url", "source_id", "first_seen_at")
        stmt = stmt.on_conflict_do_update(
            index_elements=["url"],
            set_={c.name: sa.func.coalesce(stmt.excluded[c.name], seen_urls.c[c.name])
                  for c in seen_urls.columns if c.name not in kept and c.name != "outcome"}
            | {"outcome": stmt.excluded.outcome},
        )
        with self.store._write() as conn:
            conn.execute(stmt, [{k: getattr(r, k) for k in SeenUrl.__slots__} for r in rows])  # type: ignore[attr-defined]

    def clear_failures(self, urls: Sequence[str]) -> None:
        """Forget the fetch failures of URLs that have now been stored."""
        if not urls:
            return
        with self.store._write() as conn:
            for i in range(0, len(urls), 500):
                conn.execute(failures.delete().where(failures.c.source_path.in_(list(urls[i : i + 500])),
                                                     failures.c.stage == "fetch"))

    def item_times(self, source_id: int, since: str) -> list[str]:
        """When each URL the source listed was first seen, from ``since`` on."""
        with self.store._read() as conn:
            rows = conn.execute(
                sa.select(seen_urls.c.first_seen_at)
                .where(seen_urls.c.source_id == source_id, seen_urls.c.first_seen_at >= since)
                .order_by(seen_urls.c.first_seen_at)
            )
            return [r[0] for r in rows]

    # --- versions -----------------------------------------------------------------------------
    def add_versions(self, fetched: Sequence[tuple[Article, str]]) -> list[str]:
        """Record each (article, fetched time)'s text unless it is the article's latest version
        already; returns the ids of articles revised: a version there before, and now a new one."""
        changed: list[str] = []
        with self.store._write() as conn:
            for article, fetched_at in fetched:
                latest = conn.execute(
                    sa.select(article_versions.c.content_hash)
                    .where(article_versions.c.article_id == article.id)
                    .order_by(article_versions.c.pk.desc())
                    .limit(1)
                ).scalar()
                if latest == article.content_hash:
                    continue
                conn.execute(article_versions.insert().values(
                    article_id=article.id, fetched_at=fetched_at, content_hash=article.content_hash,
                    title=article.title, text=article.text,
                    quotes=[{"speaker": q.speaker, "text": q.text} for q in article.quotes],
                ))
                if latest is not None:
                    changed.append(article.id)
        return changed

    def versions(self, article_id: str) -> list[ArticleVersion]:
        with self.store._read() as conn:
            rows = conn.execute(
                sa.select(article_versions).where(article_versions.c.article_id == article_id).order_by(article_versions.c.pk)
            )
            return [
                ArticleVersion(r.article_id, r.fetched_at, r.content_hash, r.title, r.text,
                               tuple((q.get("speaker"), q.get("text") or "") for q in r.quotes or ()))
                for r in rows
            ]


__all__ = ["ArticleVersion", "MonitorStore", "SeenUrl", "Source", "SourceAlert"]
