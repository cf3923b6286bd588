"""The charts in a real browser (Debian's Chromium through Playwright, as test_web_browser.py does):
each chart page at desktop and phone width, the SVG drawn with a real size and the stylesheet's
colours, and not one Content-Security-Policy complaint in the console.

Screenshots land in artifacts/screenshots/charts-*.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from presswatch.web.app import create_app

from chart_corpus import PERSON_ID, ChartCorpus, build_chart_corpus
from web_corpus import ROOMY, SECRET, LiveServer, free_port

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1200, "height": 900}, "mobile": {"width": 390, "height": 844}}

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> ChartCorpus:
    return build_chart_corpus(tmp_path_factory.mktemp("charts") / "charts.db")


@pytest.fixture(scope="module")
def server(corpus: ChartCorpus) -> Iterator[LiveServer]:
    with LiveServer(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY), free_port()) as live:
        yield live


def _open(browser: Browser, url: str, viewport: str) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    context.set_default_timeout(10_000)
    page = context.new_page()
    console: list[str] = []
    # every console message counts (a CSP violation is one), except a missing favicon's 404
    page.on("console", lambda m: None if m.text.startswith("Failed to load resource") else console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    page.on("response", lambda r: None if r.status < 400 or r.url.endswith("/favicon.ico") else console.append(f"{r.status}: {r.url}"))
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.wait_for_load_state("load")
    return page, console


def _check_charts(page: Page, expected: int) -> None:
    charts = page.locator("svg.chart-svg")
    assert charts.count() == expected
    width = page.viewport_size["width"]
    for n in range(expected):
        box = charts.nth(n).bounding_box()
        assert box is not None and box["width"] > 150 and box["height"] >= 30, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (box, width)  # no sideways scrolling
    # the stylesheet coloured the marks (a blocked stylesheet would leave them black)
    fills = page.eval_on_selector_all(
        "svg.chart-svg rect[class^='s-'], svg.chart-svg circle.dot",
        "els => els.map(e => [getComputedStyle(e).fill, e.getBBox().width])",
    )
    assert fills and all(fill not in ("rgb(0, 0, 0)", "none") for fill, _ in fills), fills
    assert all(w > 0 for _, w in fills)
    # and the page does not scroll sideways, on a phone either
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"charts-{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_search_charts_page(browser: Browser, server: LiveServer, corpus: ChartCorpus, viewport: str) -> None:
    page, console = _open(browser, server.url + "/charts?q=bridge+OR+fares", viewport)
    try:
        _check_charts(page, 4)
        # the wire story's month: its five copies stacked on the month's originals
        originals, copies = corpus.by_month["2024-03"]
        tooltip = page.locator("#chart-articles-by-month g.column title", has_text="2024-03").first.text_content()
        assert copies == 5 and tooltip == f"2024-03: originals {originals}, syndicated copies {copies}"
        assert page.locator("#chart-articles-by-month text.c-label", has_text="undated").count() == 1
        page.locator("#chart-articles-by-month summary").click()  # the numbers are one click away
        assert page.locator("#chart-articles-by-month table").is_visible()
        _shot(page, f"search-{viewport}")
        assert console == []
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_search_results_show_articles_over_time(browser: Browser, server: LiveServer, viewport: str) -> None:
    page, console = _open(browser, server.url + "/search?q=bridge", viewport)
    try:
        _check_charts(page, 1)
        _shot(page, f"results-{viewport}")
        page.locator("#chart-articles-by-month a").first.click()  # a column narrows the search to its month
        assert "since=2023-09-01" in page.url and "until=2023-09-30" in page.url
        assert console == []
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_person_page_charts(browser: Browser, server: LiveServer, viewport: str) -> None:
    page, console = _open(browser, server.url + f"/people/{PERSON_ID}", viewport)
    try:
        _check_charts(page, 2)
        lanes = page.locator("#chart-roles-by-month g.lane text.c-label").all_text_contents()
        assert lanes == ["deputy mayor", "mayor"]
        _shot(page, f"person-{viewport}")
        assert console == []
    finally:
        page.context.close()
