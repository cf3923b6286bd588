"""Fetch article pages and ingest them: polite client -> WARC archive -> pipeline -> store.

Each page is stored as files on disk are (``service.save_batch``: the same stages, the same write step); a page that
cannot be fetched or read becomes a failure record (stage ``fetch``) with the reason. Every URL is
remembered (``seen_urls``) with its validators, so the next fetch of it is conditional, and every
text an article has had is kept (``article_versions``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone

from presswatch.dedup import ClusterIndex
from presswatch.errors import PressWatchError
from presswatch.fetch.archive import WarcArchive, document_from
from presswatch.fetch.client import FetchResult, PoliteClient, Validators
from presswatch.fetch.urls import canonical_url, host_of
from presswatch.model import Article, Failure, RawDocument
from presswatch.service import IngestReport, open_cluster_index, save_batch
from presswatch.store import Store
from presswatch.store.monitor import MonitorStore, SeenUrl


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(slots=True)
class FetchReport:
    ingest: IngestReport = field(default_factory=IngestReport)
    requested: int = 0
    not_modified: int = 0
    revised: list[str] = field(default_factory=list)  # ids of articles whose text changed on re-fetch
    stopped: bool = False  # a stop request ended the run early

    @property
    def failures(self) -> list[Failure]:
        return self.ingest.failures

    def summary(self) -> str:
        revised = f", {len(self.revised)} revised" if self.revised else ""
        return f"{self.requested} URL(s): {self.ingest.summary()}, {self.not_modified} not modified{revised}"


_TRANSIENT = ("HTTP 5", "HTTP 429", "timed out", "could not connect", "the response could not be decoded")


def _failed_outcome(result: FetchResult) -> str:
    """``retry`` for a failure that may pass (the next poll tries the URL again), else ``failed``."""
    return "retry" if (result.error or "").startswith(_TRANSIENT) or "robots.txt could not be read" in (result.error or "") else "failed"


def _canonical_or_failure(urls: Iterable[str]) -> tuple[list[str], list[Failure]]:
    good: dict[str, None] = {}
    bad: list[Failure] = []
    for url in urls:
        try:
            good.setdefault(canonical_url(url), None)
        except PressWatchError as exc:
            bad.append(Failure(str(url), "fetch", str(exc)))
    return list(good), bad


def fetch_and_ingest(
    urls: Iterable[str],
    store: Store,
    *,
    client: PoliteClient | None = None,
    archive: WarcArchive | None = None,
    source_name: str | None = None,
    source_id: int | None = None,
    listed_lastmod: Mapping[str, str | None] | None = None,
    index: ClusterIndex | None = None,
    batch_size: int = 16,
    report: FetchReport | None = None,
    seen_at: str | None = None,
    stop: threading.Event | None = None,
) -> FetchReport:
    """Fetch ``urls`` (canonicalised, each once), archive the responses and ingest the pages.

    ``source_name`` names the archive file (default: the page's host); ``source_id`` the source the
    URLs came from (for its health figures). Pages fetched before are asked for conditionally.
    ``seen_at`` is the time a URL counts as first seen (default: when it was fetched); ``stop``, when
    set, ends the run after the batch in hand is written."""
    client = client or PoliteClient()
    report = report or FetchReport()
    monitor = MonitorStore(store)
    wanted, bad = _canonical_or_failure(urls)
    report.requested += len(wanted) + len(bad)
    index = index if index is not None else open_cluster_index(store)  # an empty index is still the one given
    if bad:
        save_batch(bad, store, index=index, report=report.ingest)
    listed = dict(listed_lastmod or {})
    for start in range(0, len(wanted), batch_size):
        if stop is not None and stop.is_set():
            report.stopped = True
            break
        chunk = wanted[start : start + batch_size]
        known = monitor.seen(chunk)
        # the database, not the client's memory, says what we have: a page not stored is asked for whole
        validators: dict[str, Validators | None] = {u: None for u in chunk}
        validators.update({u: Validators(s.etag, s.last_modified) for u, s in known.items() if s.outcome == "stored"})
        results = client.fetch_many(chunk, validators=validators)
        documents: list[RawDocument | Failure] = []
        fetched: list[FetchResult] = []
        seen_rows: list[SeenUrl] = []
        for result in results:
            if result.not_modified:
                report.not_modified += 1
                report.ingest.unchanged += 1
                seen_rows.append(SeenUrl(result.url, source_id, seen_at or result.fetched_at, "stored",
                                         last_fetched_at=result.fetched_at, listed_lastmod=listed.get(result.url)))
                continue
            archived = archive.add(result, source_name or host_of(result.final_url)) if archive is not None else None
            documents.append(document_from(result, archived))
            fetched.append(result)
        processed = save_batch(documents, store, index=index, report=report.ingest)
        articles: list[tuple[Article, str]] = []
        for result, item in zip(fetched, processed, strict=True):
            ok = isinstance(item, Article)
            if ok:
                articles.append((item, result.fetched_at))
            v = result.validators if ok else Validators()
            seen_rows.append(SeenUrl(
                result.url, source_id, seen_at or result.fetched_at, "stored" if ok else _failed_outcome(result),
                last_fetched_at=result.fetched_at, listed_lastmod=listed.get(result.url),
                etag=v.etag, last_modified=v.last_modified, article_id=item.id if ok else None,
            ))
        if articles:
            report.revised.extend(monitor.add_versions(articles))
        monitor.mark_seen(seen_rows)
        monitor.clear_failures([r.url for r in seen_rows if r.outcome == "stored"])
    return report


__all__ = ["FetchReport", "fetch_and_ingest", "now_iso"]
