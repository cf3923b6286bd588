"""The article, person and quote pages in a real browser (Debian's Chromium via Playwright), at desktop
and phone widths: passages the sidebar jumps to, the removed lines folded, provenance, and on a phone
"Who said what" before the comment form. Screenshots land in artifacts/screenshots/ (looked at by a
person; not asserted on)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from presswatch.model import RemovedLine
from presswatch.store import open_store
from presswatch.web.app import create_app
from web_corpus import ROOMY, SECRET, LiveServer, build_corpus, free_port, make_article

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 390, "height": 844}

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect  # noqa: E402


def _page(browser: Browser, viewport: dict) -> Page:
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    context.set_default_timeout(10_000)
    return context.new_page()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    corpus = build_corpus(tmp_path_factory.mktemp("browser-article") / "web.db")
    store = open_store(corpus.db)
    try:
        letters = make_article(
            "letters01", title="Letters", site="portletters.example", published="2024-03-08T08:00:00+00:00",
            paragraphs=["“We have waited eleven months for an answer,” wrote Piotr Nowak in a letter to the port."],
            quotes=[dict(text="We have waited eleven months for an answer", kind="direct", speaker="Piotr Nowak")],
            people={"Piotr Nowak": ()},
        )
        store.upsert_articles([letters])
        store.upsert_articles([replace(
            store.get_article("ferry0002"),
            removed=(RemovedLine("Please enter your comment!", "comment_form"), RemovedLine("Share on social", "share_line")),
        )])
    finally:
        store.close()
    with LiveServer(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY), free_port()) as live:
        yield live


def test_sidebar_quote_jumps_to_its_passage_and_provenance_opens(browser: Browser, server: LiveServer) -> None:
    page = _page(browser, DESKTOP)
    try:
        page.goto(server.url + "/articles/ferry0002")
        shot(page, "20-article-desktop")
        link = page.locator(".quote-summary a.passage", has_text="We have waited eleven months")
        link.click()
        expect(page).to_have_url(re.compile(r"/articles/ferry0002#q\d+-\d+$"))
        target = page.locator("mark.quote:target")
        expect(target).to_have_text("We have waited eleven months for an answer")
        expect(target).to_be_in_viewport()
        details = page.locator("details.removed-lines")
        expect(details.locator("li").first).to_be_hidden()
        details.locator("summary").click()
        expect(details.locator("li").first).to_contain_text("Please enter your comment!")
        note = page.locator(".quote-summary .provenance", has_text="credited to Piotr Nowak")
        expect(note).to_contain_text("First printed by bayherald.example")
        note.get_by_role("link", name="provenance").click()
        expect(page).to_have_url(re.compile(r"/quotes/ferry0002-\d+-\d+$"))
        expect(page.locator("table.appearances tbody tr")).to_have_count(3)
        expect(page.locator(".first-printed")).to_contain_text("bayherald.example")
        shot(page, "21-quote-provenance-desktop")
    finally:
        page.context.close()


def test_on_a_phone_who_said_what_comes_before_the_comment_form(browser: Browser, server: LiveServer) -> None:
    page = _page(browser, PHONE)
    try:
        page.goto(server.url + "/articles/ferry0001")
        said = page.get_by_role("heading", name="Who said what").bounding_box()
        form = page.locator("#comment-form").bounding_box()
        body = page.locator(".article .body").bounding_box()
        assert said and form and body
        assert body["y"] < said["y"] < form["y"]
        # nothing sticks out sideways on a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, "22-article-phone")
        page.goto(server.url + "/people/marta-kowalczyk")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, "23-person-phone")
        page.goto(server.url + page.locator(".provenance a", has_text="provenance").first.get_attribute("href"))
        expect(page.locator("table.appearances tbody tr")).to_have_count(3)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, "24-quote-provenance-phone")
    finally:
        page.context.close()


def test_on_a_wide_screen_the_comments_stay_under_the_article(browser: Browser, server: LiveServer) -> None:
    page = _page(browser, DESKTOP)
    try:
        page.goto(server.url + "/articles/ferry0001")
        article = page.locator("article.article").bounding_box()
        comments = page.locator("#comments").bounding_box()
        side = page.locator("aside.side-col").bounding_box()
        assert article and comments and side
        assert comments["x"] == pytest.approx(article["x"], abs=2) and comments["y"] > article["y"]
        assert side["x"] > article["x"] + article["width"]
        # no gap between the article and its comments however long the side column is
        assert comments["y"] - (article["y"] + article["height"]) < 80
        page.goto(server.url + "/people/marta-kowalczyk")
        shot(page, "25-person-desktop")
    finally:
        page.context.close()


@pytest.mark.reference_data
def test_the_seed_article_and_its_person_page(browser: Browser, tmp_path) -> None:
    """The seed as it is ingested: source line (no site, no date), removed junk folded, quotes anchored."""
    from presswatch.bench.data import seed_dir
    from presswatch.run.local import ingest_paths

    seed = sorted(seed_dir().glob("*.txt"))[0]
    db = str(tmp_path / "seed.db")
    store = open_store(db)
    try:
        ingest_paths([seed], store)
        (article,) = list(store.iter_articles())
    finally:
        store.close()
    with LiveServer(create_app(db, secret=SECRET, rate_limit=ROOMY), free_port()) as live:
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = _page(browser, viewport)
            try:
                page.goto(f"{live.url}/articles/{article.id}")
                expect(page.locator(".source-line")).to_contain_text("Undated")
                expect(page.locator(".source-line code")).to_contain_text(seed.name)
                if article.removed:
                    expect(page.locator("details.removed-lines summary")).to_contain_text("removed by extraction")
                anchors = page.locator(".quote-summary a.passage")
                assert anchors.count() == len(article.quotes)
                for href in anchors.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
                    assert page.locator(href.replace("#", "#", 1)).count() == 1, href
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
                shot(page, f"26-seed-article-{name}")
                speaker = page.locator(".body a.speaker").first
                speaker_name = speaker.inner_text()
                speaker.click()
                expect(page.get_by_role("heading", level=1)).to_have_text(speaker_name)
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
                shot(page, f"27-seed-person-{name}")
            finally:
                page.context.close()
