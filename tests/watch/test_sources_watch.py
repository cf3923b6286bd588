"""Sources (feeds, sitemaps, discovery), polling, stories stored once, feed health -- both backends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fixture_server import FixtureServer, Logged, Reply, article_page, rss, sitemap, story_paragraphs

from presswatch.errors import FetchError, NotFound, ValidationError
from presswatch.fetch.archive import WarcArchive
from presswatch.fetch.client import PoliteClient
from presswatch.fetch.settings import FetchSettings
from presswatch.store import open_store
from presswatch.watch.health import sources_health
from presswatch.watch.listings import discover_feeds, parse_listing
from presswatch.watch.poll import run_once
from presswatch.watch.sources import add_source, list_sources, parse_every, remove_source

T0 = datetime(2026, 11, 1, 6, 0, tzinfo=timezone.utc)


def page_path(n: int) -> str:
    return f"/news/story-{n}"


def publish(server: FixtureServer, numbers: range) -> None:
    for n in numbers:
        server.routes[page_path(n)] = Reply(body=article_page(f"Harbour plan {n} approved", story_paragraphs(n)))


def feed_of(server: FixtureServer, numbers: list[int], *, full: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    items = []
    for n in numbers:
        item = {"title": f"Harbour plan {n} approved", "link": server.url(page_path(n)), "summary": f"Plan {n} passes."}
        if n in full:
            item["content"] = "".join(f"<p>{p}</p>" for p in story_paragraphs(n))
        items.append(item)
    return rss("Harbour Gazette", items, link=server.url("/"))


def test_listings_feed_sitemap_news_sitemap_and_discovery() -> None:
    base = "http://127.0.0.1:9/"
    feed = rss("Gazette", [
        {"title": "A", "link": "/news/a", "summary": "short"},
        {"title": "B", "link": "http://127.0.0.1:9/news/b", "content": "<p>" + " ".join(story_paragraphs(1)) + "</p>"},
    ])
    listing = parse_listing(feed.encode(), base, "feed.xml")
    assert listing.kind == "feed" and [i.url for i in listing.items] == ["http://127.0.0.1:9/news/a", "http://127.0.0.1:9/news/b"]
    assert listing.items[0].document is None  # link only: to fetch
    assert listing.items[1].document is not None and listing.items[1].document.title == "B"
    plain = parse_listing(sitemap([("http://127.0.0.1:9/x", "2026-11-02")]).encode(), base, "s.xml")
    assert plain.kind == "sitemap" and plain.items[0].lastmod == "2026-11-02"
    news = parse_listing(sitemap([("http://127.0.0.1:9/y", "2026-11-03T09:00:00Z")], news=True).encode(), base, "n.xml")
    assert news.items[0].url.endswith("/y") and news.items[0].lastmod == "2026-11-03T09:00:00Z"
    assert news.items[0].title == "Story at http://127.0.0.1:9/y"
    index = b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>'
    assert parse_listing(index, base, "i.xml").sitemaps == ("http://127.0.0.1:9/s1.xml",)
    home = b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"><link rel="stylesheet" href="/a.css"></head><body>hi</body></html>'
    assert discover_feeds(home, base) == ["http://127.0.0.1:9/feed.xml"]
    assert parse_every("15m") == 900 and parse_every("2h") == 7200 and parse_every("1d") == 86400
    with pytest.raises(ValidationError):
        parse_every("soon")


def test_sources_add_by_discovery_list_and_remove(server: FixtureServer, settings: FetchSettings, db_url: str) -> None:
    server.routes["/"] = Reply(body=f'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><p>Home</p></body></html>')
    server.routes["/feed.xml"] = Reply(body=feed_of(server, [1]), content_type="application/rss+xml")
    server.routes["/sitemap-news.xml"] = Reply(body=sitemap([(server.url(page_path(1)), "2026-11-01")], news=True), content_type="application/xml")
    store = open_store(db_url)
    client = PoliteClient(settings)
    try:
        feed = add_source(store, server.url("/"), every="30m", client=client, now=T0)
        assert (feed.url, feed.kind, feed.name, feed.every_s) == (server.url("/feed.xml"), "feed", "Harbour Gazette", 1800)
        news = add_source(store, server.url("/sitemap-news.xml"), name="Gazette news sitemap", client=client, now=T0)
        assert news.kind == "sitemap"
        with pytest.raises(ValidationError):
            add_source(store, server.url("/feed.xml"), client=client)
        with pytest.raises(FetchError, match="HTTP 404"):
            add_source(store, server.url("/no-feed-here.xml"), client=client)
        assert [s.name for s in list_sources(store)] == ["Harbour Gazette", "Gazette news sitemap"]
        remove_source(store, "Harbour Gazette")
        assert [s.name for s in list_sources(store)] == ["Gazette news sitemap"]
        with pytest.raises(NotFound):
            remove_source(store, "Harbour Gazette")
    finally:
        store.close()


def test_polls_store_each_story_once_and_ask_conditionally(
    server: FixtureServer, settings: FetchSettings, db_url: str, tmp_path: Path
) -> None:
    publish(server, range(1, 6))
    listed = [[1, 2]]

    def feed(req: Logged) -> Reply:
        etag = f'"feed-{len(listed[-1])}"'
        if req.headers.get("If-None-Match") == etag:
            return Reply(304)
        return Reply(body=feed_of(server, listed[-1], full={2}), content_type="application/rss+xml", headers={"ETag": etag})

    server.routes["/feed.xml"] = feed
    server.routes["/sitemap.xml"] = lambda _: Reply(
        body=sitemap([(server.url(page_path(n)), f"2026-11-0{n}") for n in listed[-1]]), content_type="application/xml")
    store = open_store(db_url)
    client = PoliteClient(settings)
    archive = WarcArchive(tmp_path / "archive")
    try:
        add_source(store, server.url("/feed.xml"), client=client, now=T0)
        add_source(store, server.url("/sitemap.xml"), name="sitemap", client=client, now=T0)
        first = run_once(store, client=client, archive=archive, now=T0)
        assert [p.new_items for p in first.polls] == [2, 0]  # the sitemap lists the same stories
        assert store.count_articles() == 2
        assert len(server.requests_for(page_path(2))) == 0  # the feed carried story 2 whole
        nothing_due = run_once(store, client=client, archive=archive, now=T0 + timedelta(minutes=5))
        assert nothing_due.polls == []
        listed.append([1, 2, 3, 4])
        second = run_once(store, client=client, archive=archive, now=T0 + timedelta(minutes=16))
        assert sum(p.new_items for p in second.polls) == 2 and store.count_articles() == 4
        third = run_once(store, client=client, archive=archive, now=T0 + timedelta(minutes=32))
        assert third.polls[0].not_modified  # the feed answered 304 to If-None-Match
        assert store.count_articles() == 4
        for n in (1, 3, 4):
            assert len(server.requests_for(page_path(n))) == 1, n  # each page fetched once across polls
        titles = sorted(a.title for a in store.iter_articles())
        assert titles == [f"Harbour plan {n} approved" for n in (1, 2, 3, 4)]
    finally:
        store.close()


def test_a_source_that_stops_publishing_is_flagged_stalled(server: FixtureServer, settings: FetchSettings, db_url: str) -> None:
    today = [0]

    def feed(_: Logged) -> Reply:
        numbers = list(range(1, min(today[0], 10) + 1))  # one story a day for ten days, then nothing
        return Reply(body=feed_of(server, numbers, full=set(numbers)), content_type="application/rss+xml")

    server.routes["/feed.xml"] = feed
    server.routes["/quiet.xml"] = Reply(body=feed_of(server, [], full=set()), content_type="application/rss+xml")
    store = open_store(db_url)
    client = PoliteClient(settings)
    try:
        today[0] = 1
        add_source(store, server.url("/feed.xml"), every="1d", client=client, now=T0)
        for day in range(1, 14):
            today[0] = day
            run_once(store, client=client, now=T0 + timedelta(days=day - 1))
            (health,) = sources_health(store, now=T0 + timedelta(days=day - 1, hours=1))
            if day <= 11:
                assert not health.stalled, day
        assert health.stalled and health.status == "stalled"
        assert health.items_per_day_7 == pytest.approx(round(4 / 7, 2))  # stories 7..10 fell in the last week
        assert health.last_new_item_at == (T0 + timedelta(days=9)).isoformat(timespec="seconds")
        assert health.consecutive_errors == 0 and store.count_articles() == 10
    finally:
        store.close()


def test_a_failing_source_counts_its_errors(server: FixtureServer, settings: FetchSettings, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = [Reply(body=feed_of(server, []), content_type="application/rss+xml"), Reply(410, "gone")]
    store = open_store(str(tmp_path / "f.db"))
    client = PoliteClient(settings)
    try:
        add_source(store, server.url("/feed.xml"), every="15m", client=client, now=T0)
        for i in range(3):
            run_once(store, client=client, now=T0 + timedelta(minutes=20 * i))
        (health,) = sources_health(store, now=T0 + timedelta(hours=1))
        assert health.status == "failing" and health.consecutive_errors == 3 and health.last_error == "HTTP 410 Gone"
    finally:
        store.close()
