"""Stories a feed carries whole are archived as records of their own: re-ingesting the archive (no
network) gives the same records as the live polls, for them as for the pages fetched."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from fixture_server import FixtureServer, Reply, article_page, rss, story_paragraphs

from presswatch.fetch.archive import WarcArchive
from presswatch.fetch.client import PoliteClient
from presswatch.fetch.settings import FetchSettings
from presswatch.run.local import ingest_paths
from presswatch.store import open_store
from presswatch.watch.poll import run_once
from presswatch.watch.sources import add_source

T0 = datetime(2026, 11, 4, 7, 0, tzinfo=timezone.utc)


def _records(db: str) -> list[dict]:
    store = open_store(db)
    try:
        return sorted((a.to_record() for a in store.iter_articles()), key=lambda r: r["id"])
    finally:
        store.close()


def _feed(server: FixtureServer, whole: list[int], linked: list[int]) -> Reply:
    items = [{"title": f"Tide gauge report {n}", "link": server.url(f"/news/tide-{n}") + "?utm_source=rss",
              "content": "".join(f"<p>{p}</p>" for p in story_paragraphs(n, town="Saltcombe"))} for n in whole]
    items += [{"title": f"Pier notice {n}", "link": server.url(f"/news/pier-{n}"), "summary": "A notice."} for n in linked]
    return Reply(body=rss("Saltcombe Packet", items, link=server.url("/")), content_type="application/rss+xml")


def test_whole_feed_entries_reingest_from_the_archive_as_they_were_stored(
    server: FixtureServer, settings: FetchSettings, tmp_path: Path
) -> None:
    for n in (1, 2):
        server.routes[f"/news/pier-{n}"] = Reply(body=article_page(f"Pier notice {n}", story_paragraphs(100 + n, town="Saltcombe")))
    server.routes["/feed.xml"] = [_feed(server, [1, 2], [1]), _feed(server, [1, 2, 3], [1, 2])]
    live_db, again_db = str(tmp_path / "live.db"), str(tmp_path / "again.db")
    store = open_store(live_db)
    archive = WarcArchive(tmp_path / "archive")
    client = PoliteClient(settings)
    try:
        add_source(store, server.url("/feed.xml"), every="15m", client=client, now=T0)
        run_once(store, client=client, archive=archive, now=T0)
        run_once(store, client=client, archive=archive, now=T0 + timedelta(minutes=20))
        assert store.count_articles() == 5  # three whole entries, two fetched pages
        whole = [a for a in store.iter_articles() if a.title and a.title.startswith("Tide gauge")]
        assert len(whole) == 3 and all("#record=" in a.source_path and "#entry=" not in a.source_path for a in whole)
    finally:
        store.close()
    files = sorted(archive.folder.glob("*.warc.gz"))
    other = open_store(again_db)
    try:
        report = ingest_paths(files, other)
        assert report.stored == 5 and report.failed == 0
    finally:
        other.close()
    assert _records(again_db) == _records(live_db)
