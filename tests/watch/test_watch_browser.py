"""The monitoring pages in a real browser (Debian's Chromium via Playwright, uvicorn on 127.0.0.1):
the Feed health page and an article's revisions, opened without JavaScript.

Screenshots land in artifacts/screenshots/ (looked at by a person; not asserted on)."""

from __future__ import annotations

import dataclasses
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fixture_server import FixtureServer, Logged, Reply, article_page, rss

from presswatch.fetch.client import PoliteClient
from presswatch.fetch.settings import FetchSettings
from presswatch.store import open_store
from presswatch.watch.pages import fetch_and_ingest
from presswatch.watch.poll import run_once
from presswatch.watch.sources import add_source
from presswatch.web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

VERSIONS = [
    ["The Marrowby ferry board delayed the new timetable on Tuesday, after four months of argument.",
     "\u201cWe have waited long enough for this,\u201d said Ida Brenner, who chairs the ferry board. \u201cThe boats run in May.\u201d",
     "About 300 residents signed a petition during the consultation, the board said.",
     "Shops on Quay Street said trade fell while the matter was unresolved."],
]
VERSIONS.append([VERSIONS[0][0], VERSIONS[0][1].replace("The boats run in May.", "The boats run in June, not May."), *VERSIONS[0][2:]])
VERSIONS.append([*VERSIONS[1][:3], "\u201cIt is a small step, but it counts,\u201d said Rune Okafor, the council's finance officer."])


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def monitored(server: FixtureServer, settings: FetchSettings, tmp_path: Path) -> tuple[str, str]:
    """A database with a healthy source, a failing one and an article updated twice."""
    served = [VERSIONS[0]]

    def page(req: Logged) -> Reply:
        etag = f'"v{len(served)}"'
        if req.headers.get("If-None-Match") == etag:
            return Reply(304)
        return Reply(body=article_page("Ferry timetable put back", served[-1], site="Marrowby Echo"), headers={"ETag": etag})

    server.routes["/news/timetable"] = page
    ok = Reply(body=rss("Marrowby Echo", [{"title": "Timetable", "link": server.url("/news/timetable")}], link=server.url("/")),
               content_type="application/rss+xml")
    server.routes["/feed.xml"] = ok
    server.routes["/gazette.xml"] = [Reply(body=rss("Tarn Vale Gazette", [], link=server.url("/")), content_type="application/rss+xml"),
                                     Reply(503, "down")]
    db = str(tmp_path / "browser.db")
    store = open_store(db)
    client = PoliteClient(dataclasses.replace(settings, retries=0))
    now = datetime.now(timezone.utc) - timedelta(hours=2)
    try:
        add_source(store, server.url("/feed.xml"), every="15m", client=client, now=now)
        add_source(store, server.url("/gazette.xml"), every="15m", client=client, now=now)
        for i in range(3):
            run_once(store, client=client, now=now + timedelta(minutes=20 * i))
        for version in VERSIONS[1:]:
            served.append(version)
            report = fetch_and_ingest([server.url("/news/timetable")], store, client=client)
        (article_id,) = report.revised
    finally:
        store.close()
    return db, article_id


@pytest.fixture
def live(monitored: tuple[str, str]) -> Iterator[tuple[str, str]]:
    import uvicorn

    db, article_id = monitored
    port = _port()
    web = uvicorn.Server(uvicorn.Config(create_app(db, secret=b"k" * 32), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not web.started:
        if time.monotonic() > deadline or not thread.is_alive():
            web.should_exit = True
            raise RuntimeError("the web server did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", article_id
    finally:
        web.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def page() -> Iterator[Page]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, timeout=30_000,
                                     args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
        context.set_default_timeout(10_000)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_feed_health_page_and_revisions_in_the_browser(live: tuple[str, str], page: Page) -> None:  # the data first: Playwright holds an event loop
    base, article_id = live
    page.goto(base + "/")
    page.get_by_role("link", name="Feed health").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feed health")
    failing = page.locator("tr.failing")
    expect(failing).to_have_count(1)
    expect(failing.locator("th")).to_contain_text("Tarn Vale Gazette")
    expect(failing.locator(".error-text")).to_contain_text("HTTP 503 Service Unavailable")
    expect(page.locator("tr.ok")).to_have_count(1)
    expect(page.locator("#health-alerts li")).to_have_count(1)
    expect(page.locator("#health-alerts li")).to_contain_text("Tarn Vale Gazette")
    shot(page, "20-feed-health")

    page.goto(f"{base}/articles/{article_id}")
    summary = page.locator("details.revisions summary")
    expect(summary).to_contain_text("Updated 2 times")
    expect(page.locator(".paragraph-diff").first).not_to_be_visible()  # folded until asked for
    summary.click()  # <details> opens without JavaScript
    expect(page.locator(".paragraph-diff").first).to_be_visible()
    expect(page.locator("li.changed ins").first).to_have_text("June, not ")
    expect(page.locator(".quotes-added").first).to_contain_text("Rune Okafor")
    shot(page, "21-article-revisions")
