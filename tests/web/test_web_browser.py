"""The reader in a real browser: Debian's Chromium driven by Playwright, against uvicorn on 127.0.0.1.

Screenshots of every page land in artifacts/screenshots/ (looked at by a person; not asserted on).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from presswatch.web.app import create_app

from web_corpus import ROOMY, SECRET, LiveServer, build_corpus, free_port

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    corpus = build_corpus(tmp_path_factory.mktemp("browser") / "web.db")
    with LiveServer(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY), free_port()) as live:
        yield live


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, java_script_enabled=False)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_then_open_an_article(page: Page, server: LiveServer):
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", name="Latest articles")).to_be_visible()
    shot(page, "01-home")
    page.get_by_placeholder("Search articles").fill("ferries")
    page.get_by_placeholder("Search articles").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=ferries"))
    expect(page.locator(".summary")).to_contain_text("2 articles")
    expect(page.locator(".snippet mark").first).to_be_visible()
    shot(page, "02-search")
    page.get_by_role("link", name="coastwire.example").click()  # a facet narrows the results
    expect(page.locator(".summary")).to_contain_text("1 article")
    page.locator(".results h2 a").first.click()
    expect(page).to_have_url(re.compile(r"/articles/ferry0002$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour strike halts ferries across the bay")
    expect(page.locator("mark.quote-direct")).to_have_text("We have waited eleven months for an answer")
    expect(page.locator(".cluster .badge.original")).to_be_visible()
    shot(page, "03-article")


def test_bad_search_shows_a_message(page: Page, server: LiveServer):
    response = page.goto(server.url + "/search?q=%22ferry+strike")
    assert response is not None and response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("double quote is not closed")
    expect(page.locator("#q")).to_have_value('"ferry strike')
    shot(page, "04-search-error")


def test_comment_validation_and_posting_work_without_javascript(page_without_js: Page, server: LiveServer):
    page = page_without_js
    page.goto(server.url + "/articles/ferry0001")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#comment-error")).to_have_text("Please enter your comment!")
    expect(page.locator("#name-error")).to_have_text("Please enter your name here")
    shot(page, "05-comment-errors")
    page.locator("#comment").fill("The union's numbers match what I saw at the terminal.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#name-error")).to_have_text("Please enter your name here")
    expect(page.locator("#comment-error")).to_have_count(0)
    expect(page.locator("#comment")).to_have_value("The union's numbers match what I saw at the terminal.")
    page.locator("#name").fill("Ana Ferreira")
    page.get_by_role("button", name="Post comment").click()
    comment = page.locator(".comment").last
    expect(comment.locator(".comment-name")).to_have_text("Ana Ferreira")
    expect(comment.locator(".comment-text")).to_have_text("The union's numbers match what I saw at the terminal.")
    expect(page.locator("#comment")).to_have_value("")
    shot(page, "06-comment-posted")


def test_a_script_comment_shows_as_text(page: Page, server: LiveServer):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/articles/tram00001")
    page.locator("#comment").fill("<script>alert(1)</script>")
    page.locator("#name").fill("<b>Mallory</b>")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment-text").last).to_have_text("<script>alert(1)</script>")
    expect(page.locator(".comment-name").last).to_have_text("<b>Mallory</b>")
    assert dialogs == []
    shot(page, "07-comment-escaped")


def test_follow_a_speaker_link_to_the_person(page: Page, server: LiveServer):
    page.goto(server.url + "/articles/ferry0001")
    page.locator(".body a.speaker", has_text="Marta Kowalczyk").first.click()
    expect(page).to_have_url(re.compile(r"/people/marta-kowalczyk$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Marta Kowalczyk")
    # the wire copy repeats the quote: it is listed under the original's item, not shown again
    said = page.locator(".quote-item", has_text="We have waited eleven months")
    expect(said).to_have_count(1)
    expect(said.locator(".copies")).to_contain_text("also in 1 other copy: coastwire.example")
    shot(page, "08-person")
    page.goto(server.url + "/quotes?speaker=Jonas+Berg")
    expect(page.locator(".quote-item")).to_have_count(1)
    shot(page, "09-quotes")


def test_quote_filters_in_the_browser_match_the_api(page: Page, server: LiveServer):
    import httpx

    page.goto(server.url + "/quotes")
    page.select_option("#kind", "indirect")
    page.get_by_role("button", name="Find quotes").click()
    expect(page).to_have_url(re.compile(r"kind=indirect"))
    expected = httpx.get(server.url + "/api/quotes", params={"kind": "indirect"}).json()["total"]
    assert expected >= 1
    expect(page.locator(".quote-item")).to_have_count(expected)
    expect(page.locator("p.summary")).to_contain_text(f"{expected} quote")
    assert page.locator("a.csv").get_attribute("href").count("kind=indirect") == 1
    shot(page, "09b-quotes-filtered")


def test_analyze_then_save(page: Page, server: LiveServer):
    page.goto(server.url + "/analyze")
    page.locator("#text").fill(
        "Night buses return to the harbour route\n\n"
        "A late service for shift workers.\n\n"
        "Night buses will run to the harbour again from May, the transport office said on Wednesday.\n\n"
        "\u201cShift workers asked for this for years,\u201d said Tomas Lind, the office's planning director."
    )
    page.get_by_role("button", name="Analyze").click()
    expect(page.locator(".article h1")).to_have_text("Night buses return to the harbour route")
    shot(page, "10-analyze")
    page.get_by_role("button", name="Save to the database").click()
    expect(page).to_have_url(re.compile(r"/articles/[0-9a-f]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Night buses return to the harbour route")
    shot(page, "11-saved")


def test_an_ingested_sample_reads_well(browser: Browser, tmp_path):
    """The seed-like sample as `make demo` serves it: quotes highlighted, speakers linked to their pages."""
    from presswatch.run.local import ingest_paths
    from presswatch.store import open_store

    db = str(tmp_path / "demo.db")
    store = open_store(db)
    try:
        ingest_paths([Path(__file__).resolve().parents[2] / "samples" / "text" / "moscow-ferry-strike.txt"], store)
        (article,) = list(store.iter_articles())
    finally:
        store.close()
    with LiveServer(create_app(db, secret=SECRET, rate_limit=ROOMY), free_port()) as live:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(10_000)
        page = context.new_page()
        try:
            page.goto(f"{live.url}/articles/{article.id}")
            expect(page.get_by_role("heading", level=1)).to_have_text(article.title or "")
            assert page.locator("mark.quote").count() >= 1
            shot(page, "12-sample-article")
            speaker = page.locator(".body a.speaker").first
            name = speaker.inner_text()
            speaker.click()
            expect(page.get_by_role("heading", level=1)).to_have_text(name)
            expect(page.locator(".quote-item").first).to_be_visible()
            shot(page, "13-sample-person")
        finally:
            context.close()
