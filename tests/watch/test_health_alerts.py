"""Health alerts: a source turning failing or stalled (and recovering) is an alert, once; the reader
shows them on the Feed health page and as a valid Atom feed with stable tag-URI ids."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import feedparser
import pytest
from fastapi.testclient import TestClient
from fixture_server import FixtureServer, Logged, Reply, rss, story_paragraphs

from presswatch.fetch.client import PoliteClient
from presswatch.fetch.settings import FetchSettings
from presswatch.store import open_store
from presswatch.watch.health import health_alerts, sources_health
from presswatch.watch.poll import run_once
from presswatch.watch.sources import add_source
from presswatch.web.app import create_app

T0 = datetime(2026, 11, 1, 6, 0, tzinfo=timezone.utc)
ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(server: FixtureServer, numbers: list[int]) -> Reply:
    items = [{"title": f"Quay story {n}", "link": server.url(f"/news/q-{n}"),
              "content": "".join(f"<p>{p}</p>" for p in story_paragraphs(n, town="Esker Bay"))} for n in numbers]
    return Reply(body=rss("Esker Bay Courier", items, link=server.url("/")), content_type="application/rss+xml")


def test_failing_then_recovering_gives_two_alerts_and_a_valid_feed(server: FixtureServer, settings: FetchSettings,
                                                                   db_url: str) -> None:
    ok = _feed(server, [])
    server.routes["/feed.xml"] = [ok, Reply(503, "down"), Reply(503, "down"), Reply(503, "down"), Reply(503, "down"), ok]
    server.routes["/quiet.xml"] = _feed(server, [])
    fast = dataclasses.replace(settings, retries=0)
    store = open_store(db_url)
    client = PoliteClient(fast)
    try:
        add_source(store, server.url("/feed.xml"), name="Courier", every="15m", client=client, now=T0)
        add_source(store, server.url("/quiet.xml"), name="Quiet", every="15m", client=client, now=T0)
        for i in range(5):  # four 503s (one alert at the third), then a good poll
            run_once(store, client=client, now=T0 + timedelta(minutes=20 * i))
        alerts = health_alerts(store)
        assert [(a.source_name, a.status) for a in alerts] == [("Courier", "ok"), ("Courier", "failing")]
        failing = alerts[1]
        assert failing.at == (T0 + timedelta(minutes=40)).isoformat(timespec="seconds")  # the third error in a row
        assert "3 polls in a row failed" in failing.detail and "HTTP 503" in failing.detail
        assert [h.status for h in sources_health(store, now=T0 + timedelta(hours=2))] == ["ok", "ok"]
    finally:
        store.close()
    if "://" in db_url:
        return  # the web part below runs on the SQLite file
    app = create_app(db_url, secret=b"k" * 32)
    with TestClient(app) as web:
        first = web.get("/feeds/sources/alerts.atom")
        assert first.status_code == 200 and first.headers["content-type"].startswith("application/atom+xml")
        parsed = feedparser.parse(first.content)
        assert not parsed.bozo and parsed.version == "atom10"
        assert [e.title for e in parsed.entries] == ["Courier has recovered", "Courier is failing"]
        ids = [e.id for e in parsed.entries]
        assert all(re.fullmatch(r"tag:[a-z0-9.-]+,\d{4}(?:-\d{2}){0,2}:presswatch/source-health/[0-9a-f]{16}/(ok|failing)/\d{8}T\d{6}Z", i)
                   for i in ids), ids
        assert len(set(ids)) == 2
        # the same alerts keep their ids however the reader is reached, and on every request
        again = TestClient(app, base_url="http://reader.example:8080").get("/feeds/sources/alerts.atom")
        assert [e.id for e in feedparser.parse(again.content).entries] == ids
        root = ET.fromstring(first.content)
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None, required
        for entry in root.findall(f"{ATOM}entry"):
            for required in ("id", "title", "updated", "summary"):
                assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", entry.findtext(f"{ATOM}updated") or "")
        assert root.findtext(f"{ATOM}updated") == "2026-11-01T07:20:00Z"

        api = web.get("/api/sources/alerts").json()
        assert [(a["source_name"], a["status"], a["tag"]) for a in api] == [("Courier", "ok", ids[0]), ("Courier", "failing", ids[1])]
        assert web.get("/api/sources/alerts", params={"limit": 0}).status_code == 422
        # the feeds' one tagging entity names the alerts too
        with pytest.MonkeyPatch.context() as env:
            env.setenv("PRESSWATCH_FEED_TAG_AUTHORITY", "news.example.org,2025-01")
            mine = [e.id for e in feedparser.parse(web.get("/feeds/sources/alerts.atom").content).entries]
        assert [i.split(":", 2)[2] for i in mine] == [i.split(":", 2)[2] for i in ids]
        assert all(i.startswith("tag:news.example.org,2025-01:presswatch/source-health/") for i in mine)

        page = web.get("/sources/health")
        assert page.status_code == 200
        html = page.text
        assert 'href="/sources/health"' in html  # in the navigation
        assert 'type="application/atom+xml"' in html and "/feeds/sources/alerts.atom" in html
        rows = re.findall(r'<tr id="source-\d+" class="(\w+)">\s*<th scope="row">([^<]+)<', html)
        assert rows == [("ok", "Courier"), ("ok", "Quiet")]
        assert "Courier has recovered" not in html and "recovered" in html  # the alert list
        assert "3 polls in a row failed" in html
        assert 'style="' not in html  # the CSP drops inline styles


def test_a_stalled_source_is_one_alert_and_shows_flagged(server: FixtureServer, settings: FetchSettings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    today = [1]

    def feed(_: Logged) -> Reply:
        return _feed(server, list(range(1, min(today[0], 10) + 1)))  # a story a day for ten days, then nothing

    server.routes["/feed.xml"] = feed
    # the page judges health at the wall clock's now: the fortnight ends an hour ago
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=13, hours=1)
    db = str(tmp_path / "stall.db")
    store = open_store(db)
    client = PoliteClient(settings)
    try:
        add_source(store, server.url("/feed.xml"), name="Courier", every="1d", client=client, now=start)
        for day in range(1, 15):
            today[0] = day
            run_once(store, client=client, now=start + timedelta(days=day - 1))
        alerts = health_alerts(store)
        # once: at the first poll two full days after story 10
        assert [(a.status, a.at) for a in alerts] == [("stalled", (start + timedelta(days=12)).isoformat())]
        assert f"nothing new since {(start + timedelta(days=9)).isoformat()}" in alerts[0].detail
    finally:
        store.close()
    with TestClient(create_app(db, secret=b"k" * 32)) as web:
        html = web.get("/sources/health").text
        row = re.search(r'<tr id="source-\d+" class="stalled">.*?</tr>', html, re.S)
        assert row is not None
        assert '<span class="flag on">stalled</span>' in row.group(0)
        entry = feedparser.parse(web.get("/feeds/sources/alerts.atom").content).entries
        assert [e.title for e in entry] == ["Courier has stalled"]
