"""Polling: every due source is read, its new items fetched and ingested, its health updated.

``run_once`` polls what is due now; ``watch`` repeats it, sleeping until the next source is due,
until ``stop`` is set (the CLI sets it on SIGINT/SIGTERM). A stop request ends the poll after the
batch in hand is written; the interrupted source stays due, and what was stored is in ``seen_urls``,
so a restart carries on without fetching anything twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from presswatch.fetch.archive import WarcArchive
from presswatch.fetch.client import FetchResult, PoliteClient, Validators
from presswatch.fetch.urls import canonical_url
from presswatch.model import Article
from presswatch.service import open_cluster_index, save_batch
from presswatch.store import Store
from presswatch.store.monitor import MonitorStore, SeenUrl, Source, SourceAlert
from presswatch.watch.health import note_health_change
from presswatch.watch.listings import Listed, NotAListing, parse_listing
from presswatch.watch.pages import FetchReport, fetch_and_ingest
from presswatch.watch.sources import iso

#: Sitemaps named by one sitemap index that one poll reads (the rest wait for the next poll).
MAX_CHILD_SITEMAPS = 50


@dataclass(slots=True)
class SourcePoll:
    source: str
    new_items: int = 0
    error: str | None = None
    not_modified: bool = False


@dataclass(slots=True)
class WatchReport:
    polls: list[SourcePoll] = field(default_factory=list)
    fetch: FetchReport = field(default_factory=FetchReport)
    stopped: bool = False
    alerts: list[SourceAlert] = field(default_factory=list)  # health changes these polls caused

    def summary(self) -> str:
        new = sum(p.new_items for p in self.polls)
        errors = sum(1 for p in self.polls if p.error)
        alerts = "".join(f"; {a.source_name} is now {a.status}" for a in self.alerts)
        return f"{len(self.polls)} source(s) polled, {new} new item(s), {errors} error(s); {self.fetch.summary()}{alerts}"


def _listed_items(client: PoliteClient, archive: WarcArchive | None, source: Source,
                  result: FetchResult) -> list[Listed]:
    archived = archive.add(result, source.name) if archive is not None else None
    where = archived.source_path if archived is not None else result.final_url
    listing = parse_listing(result.body, result.final_url, where)
    items = list(listing.items)
    if listing.sitemaps:
        children = client.fetch_many(listing.sitemaps[:MAX_CHILD_SITEMAPS])
        for child in children:
            if child.error is not None:
                continue
            child_archived = archive.add(child, source.name) if archive is not None else None
            try:
                sub = parse_listing(child.body, child.final_url, child_archived.source_path if child_archived else child.final_url)
            except NotAListing:
                continue
            items.extend(sub.items)
    unique: dict[str, Listed] = {}
    for item in items:
        try:
            url = canonical_url(item.url)
        except Exception:
            continue
        unique.setdefault(url, Listed(url, item.lastmod, item.document, item.title))
    return list(unique.values())


def _wanted(items: list[Listed], seen: dict[str, SeenUrl], source_id: int) -> tuple[list[Listed], int]:
    """Items to fetch or ingest: the unseen, those that failed for a passing reason, and those the
    source that first listed them now dates later (a revision; two sources' dates are not compared).
    Also: how many are new."""
    out: list[Listed] = []
    new = 0
    for item in items:
        known = seen.get(item.url)
        if known is None:
            new += 1
            out.append(item)
        elif known.outcome == "retry":
            out.append(item)
        elif known.source_id == source_id and item.lastmod and known.listed_lastmod and item.lastmod > known.listed_lastmod:
            out.append(item)
    return out, new


def _ingest_documents(store: Store, monitor: MonitorStore, source: Source, items: list[Listed],
                      seen_at: str, report: FetchReport, index, archive: WarcArchive | None = None,  # type: ignore[no-untyped-def]
                      fetched_at: str | None = None) -> None:
    """Feed entries that carry the whole article: into the pipeline as they are, each archived as a
    record of its own first (its source path is that record, as a re-ingest of the archive reads it)."""
    docs = []
    for item in items:
        if item.document is None:
            continue
        doc = item.document
        if archive is not None:
            doc = replace(doc, source_path=archive.add_document(doc, item.url, source.name, fetched_at or seen_at).source_path)
        docs.append(doc)
    results = save_batch(docs, store, index=index, report=report.ingest)
    rows: list[SeenUrl] = []
    versions: list[tuple[Article, str]] = []
    for item, doc, result in zip([i for i in items if i.document is not None], docs, results, strict=True):
        ok = isinstance(result, Article)
        if ok:
            versions.append((result, seen_at))
        rows.append(SeenUrl(item.url, source.id, seen_at, "stored" if ok else "failed", last_fetched_at=seen_at,
                            listed_lastmod=item.lastmod, article_id=result.id if ok else None))
    report.revised.extend(monitor.add_versions(versions))
    monitor.mark_seen(rows)
    report.requested += len(docs)


def poll_source(
    store: Store,
    source: Source,
    *,
    client: PoliteClient,
    archive: WarcArchive | None,
    now: datetime,
    report: WatchReport,
    stop: threading.Event | None = None,
    index=None,  # type: ignore[no-untyped-def]
    index_factory: Callable[[], object] | None = None,
) -> SourcePoll:
    monitor = MonitorStore(store)
    poll = SourcePoll(source.name)
    stamp = iso(now)
    next_due = iso(now + timedelta(seconds=source.every_s))
    result = client.fetch(source.url, validators=Validators(source.etag, source.last_modified))
    if result.not_modified:
        poll.not_modified = True
        monitor.record_poll(source, now=stamp, next_due_at=next_due)
        return poll
    if result.error is not None:
        if archive is not None:
            archive.add(result, source.name)
        poll.error = result.error
        monitor.record_poll(source, now=stamp, next_due_at=next_due, error=result.error)
        return poll
    try:
        items = _listed_items(client, archive, source, result)
    except NotAListing as exc:
        poll.error = f"{source.url} no longer reads as a {source.kind}: {exc}"
        monitor.record_poll(source, now=stamp, next_due_at=next_due, error=poll.error)
        return poll
    wanted, poll.new_items = _wanted(items, monitor.seen(i.url for i in items), source.id)
    if wanted and index is None:  # loading the syndication index reads every signature: only when needed
        index = index_factory() if index_factory is not None else open_cluster_index(store)
    full = [i for i in wanted if i.document is not None]
    if full:
        _ingest_documents(store, monitor, source, full, stamp, report.fetch, index, archive, result.fetched_at)
    links = [i for i in wanted if i.document is None]
    if links:
        before = report.fetch.stopped
        fetch_and_ingest(
            [i.url for i in links], store, client=client, archive=archive, source_name=source.name,
            source_id=source.id, listed_lastmod={i.url: i.lastmod for i in links}, index=index,
            report=report.fetch, seen_at=stamp, stop=stop,
        )
        if report.fetch.stopped and not before:
            report.stopped = True
            return poll  # not recorded: the source stays due and the rest is fetched after a restart
    v = result.validators
    monitor.record_poll(source, now=stamp, next_due_at=next_due, new_items=poll.new_items,
                        etag=v.etag, last_modified=v.last_modified)
    return poll


def run_once(
    store: Store,
    *,
    client: PoliteClient | None = None,
    archive: WarcArchive | None = None,
    now: datetime | None = None,
    stop: threading.Event | None = None,
    all_sources: bool = False,
) -> WatchReport:
    """Poll every source that is due (``all_sources``: every source) and ingest what is new."""
    client = client or PoliteClient()
    now = now or datetime.now(timezone.utc)
    monitor = MonitorStore(store)
    report = WatchReport()
    due = monitor.sources() if all_sources else monitor.due_sources(iso(now))
    opened: list = []  # type: ignore[type-arg]

    def index_factory():  # type: ignore[no-untyped-def]
        """One syndication index for the whole pass, opened when the first poll has something to store."""
        if not opened:
            opened.append(open_cluster_index(store))
        return opened[0]

    for source in due:
        if stop is not None and stop.is_set():
            report.stopped = True
            break
        report.polls.append(poll_source(store, source, client=client, archive=archive, now=now, report=report,
                                        stop=stop, index_factory=index_factory))
        if report.stopped:
            break
        alert = note_health_change(store, source, now)
        if alert is not None:
            report.alerts.append(alert)
    return report


def seconds_until_due(store: Store, now: datetime | None = None, *, cap_s: float = 60.0) -> float:
    """How long to sleep before the next source is due (at most ``cap_s``, so sources added meanwhile
    by another process are picked up)."""
    nxt = MonitorStore(store).next_due_at()
    if nxt is None:
        return cap_s
    now = now or datetime.now(timezone.utc)
    wait = (datetime.fromisoformat(nxt) - now).total_seconds()
    return max(0.0, min(cap_s, wait))


def watch(
    store: Store,
    *,
    stop: threading.Event,
    client: PoliteClient | None = None,
    archive: WarcArchive | None = None,
    on_report: Callable[[WatchReport], None] | None = None,
    cap_s: float = 60.0,
) -> None:
    """Poll due sources until ``stop`` is set, sleeping until the next one is due."""
    client = client or PoliteClient()
    while not stop.is_set():
        report = run_once(store, client=client, archive=archive, stop=stop)
        if on_report is not None and report.polls:
            on_report(report)
        if stop.is_set():
            break
        stop.wait(seconds_until_due(store, cap_s=cap_s))


__all__ = ["SourcePoll", "WatchReport", "poll_source", "run_once", "seconds_until_due", "watch"]
